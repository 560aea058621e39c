// Next.js calls register() once when the server boots (next start / next dev, not next build).

export async function register() {
  // The Edge runtime cannot open a database; only the Node.js server runs the dispatcher.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // First, before any request is served: rate limits key on the socket address it records.
  const { installPeerHeader } = await import('./lib/rate-limit/peer-header');
  installPeerHeader();
  // Webhook POSTs answered before Next routes them (same checks and code as the route; decision 017).
  const { installWebhookFastDoor } = await import('./lib/webhooks/webhook-fast-door');
  installWebhookFastDoor();
  try {
    // Opens the database (applying migrations), seeds the demo on an empty embedded database.
    const { prepareServer } = await import('./lib/boot/prepare-server');
    await prepareServer();
  } catch (err) {
    console.error('[whatslab] start-up preparation failed; the server keeps running:', err);
  }
  try {
    const { startInProcessDispatcher } = await import('./lib/dispatch/start-in-process-dispatcher');
    // Does not wait for the database: the loop retries until it is reachable.
    startInProcessDispatcher();
  } catch (err) {
    // A broken configuration must not take the web server down with it.
    console.error('[dispatch] could not start the in-process dispatcher:', err);
  }
}
