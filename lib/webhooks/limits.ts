/**
 * The largest webhook body accepted (bytes). Meta batches at most a few hundred small items per
 * POST (tens of kilobytes); 1 MB leaves ample room and bounds what an unauthenticated caller can
 * make the server hold before its signature is known to be wrong.
 */
export const MAX_WEBHOOK_BODY_BYTES = 1_000_000;
