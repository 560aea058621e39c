// Finds a Chromium for Playwright: CHROMIUM_PATH, Debian's /usr/bin/chromium, or Playwright's
// own; installs Playwright's only when none exists (needs internet, so CI uses Debian's).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
const system = candidates.find((p) => existsSync(p));
if (system) {
  console.log(`e2e: using Chromium at ${system}`);
} else {
  const { chromium } = await import('@playwright/test');
  if (existsSync(chromium.executablePath())) {
    console.log(`e2e: using Playwright's Chromium at ${chromium.executablePath()}`);
  } else {
    console.log("e2e: no Chromium found; installing Playwright's");
    execSync('npx playwright install chromium', { stdio: 'inherit' });
  }
}
