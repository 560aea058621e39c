#!/usr/bin/env bash
# npm test - lint, typecheck, unit/integration tests (embedded PGlite by default, the
# PostgreSQL server when TEST_DATABASE_URL is set), build and end-to-end tests in Chromium.
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."
mkdir -p reports

echo "== lint"; npx eslint . --max-warnings=0
echo "== typecheck"; npx tsc --noEmit
echo "== unit and integration (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json
echo "== build"; rm -f .next/ci-build-done; npx next build
# .ci/run starts its PostgreSQL e2e pass on this build, beside the e2e pass below.
touch .next/ci-build-done
echo "== end-to-end (playwright)"
node scripts/ensure-chromium.mjs
PLAYWRIGHT_JSON_OUTPUT_NAME=reports/playwright.json npx playwright test --reporter=list,json
node scripts/summarize-tests.mjs reports/vitest.json reports/playwright.json
