// Runs in the browser before any other client code and before React hydrates: settings that keep
// client libraries inside the Content Security Policy (proxy.ts). Nothing here may be async.
import { config as fontAwesomeConfig } from '@fortawesome/fontawesome-svg-core';
import { config as zodConfig } from 'zod';

// Font Awesome's CSS ships with the app (app/layout.tsx); injecting it again would be an inline
// <style> without the nonce.
fontAwesomeConfig.autoAddCss = false;

// zod probes `new Function` when an object schema is created, to compile a fast parser; without
// 'unsafe-eval' the probe is reported as a violation. Interpreted parsing is plenty for forms
// (the server keeps the compiled parsers). Set here because schemas are made as modules load.
zodConfig({ jitless: true });
