import http from 'node:http';
import https from 'node:https';

// Next copies the socket address into X-Forwarded-For only when the client sent none
// (`??=` in its base server), so a forged header erases the one address a client cannot
// choose, and route handlers and server actions never see the socket. This header carries
// it instead: written by the server for every request, never taken from the client.
export const PEER_HEADER = 'x-whatslab-peer';

const installed = globalThis as unknown as { __whatslabPeerHeader?: boolean };

/**
 * Wraps the 'request' event of every HTTP(S) server in this process so the socket's address
 * overwrites any client-supplied PEER_HEADER before Next reads the headers. Called once from
 * instrumentation.ts; servers made before the call are covered too (emit is looked up on the
 * prototype at each event).
 */
export function installPeerHeader(): void {
  if (installed.__whatslabPeerHeader) return;
  installed.__whatslabPeerHeader = true;
  for (const proto of [http.Server.prototype, https.Server.prototype]) {
    const original = proto.emit as (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
    proto.emit = function emit(this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === 'request') stampPeer(args[0] as http.IncomingMessage);
      return original.apply(this, [event, ...args]);
    } as typeof proto.emit;
  }
}

export function stampPeer(req: http.IncomingMessage): void {
  const address = req.socket?.remoteAddress;
  if (address) req.headers[PEER_HEADER] = address;
  else delete req.headers[PEER_HEADER];
}
