import 'bootstrap/dist/css/bootstrap.min.css';
import '@fortawesome/fontawesome-svg-core/styles.css';
import './globals.css';
import { config } from '@fortawesome/fontawesome-svg-core';
import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';

// Font Awesome's CSS is imported above (shipped with the app, no CDN); stop it injecting again.
config.autoAddCss = false;

export const metadata: Metadata = {
  title: { default: 'WhatsLab', template: '%s · WhatsLab' },
  description: 'Turn leads into WhatsApp conversations.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request so that Next.js can put this request's CSP nonce (from
  // proxy.ts) on its scripts; a page prerendered at build time would carry none and not run.
  await connection();
  return (
    <html lang="en" data-scroll-behavior="smooth">
      <body>{children}</body>
    </html>
  );
}
