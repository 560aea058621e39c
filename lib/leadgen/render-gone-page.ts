// The page an archived landing page shows (with status 410): fixed text, no page data in it, so
// nothing here needs escaping. The <style> carries the request's CSP nonce (proxy.ts).
export function renderGonePage(nonce: string | null): string {
  const n = nonce && /^[A-Za-z0-9+/=]+$/.test(nonce) ? ` nonce="${nonce}"` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>No longer available</title>
<style${n}>body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f4f6f5;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#212529}
main{background:#fff;border-radius:1rem;box-shadow:0 .125rem .25rem rgba(0,0,0,.075);padding:1.5rem;margin:1rem;max-width:520px;width:100%}
h1{font-size:1.5rem;margin:0 0 .5rem}p{margin:0;color:#6c757d}</style></head>
<body><main><h1>This page is no longer available</h1><p>The offer it showed has ended. Thank you for your interest.</p></main></body></html>`;
}
