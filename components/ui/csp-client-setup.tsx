'use client';
import { config as fontAwesomeConfig } from '@fortawesome/fontawesome-svg-core';
import { config as zodConfig } from 'zod';

// Browser-side settings that keep client libraries inside the Content Security Policy (proxy.ts).
// Module scope: client modules are evaluated before React renders the page, so these are set
// before the first icon or form.

// Font Awesome's CSS ships with the app (app/layout.tsx); injecting it again would be an inline
// <style> without the nonce.
fontAwesomeConfig.autoAddCss = false;

// zod probes `new Function` to compile fast object parsers; under a CSP without 'unsafe-eval' the
// probe is reported as a violation. Interpreted parsing is plenty for forms. The server keeps it.
if (typeof window !== 'undefined') zodConfig({ jitless: true });

/** Rendered once by the root layout so the settings above load with every page. */
export function CspClientSetup() {
  return null;
}
