// The fake keeps what tests and benchmarks assert on (accepted messages, webhook posts, rate
// rejections, per-recipient state), but a sandbox serving a long-running server must not grow
// without end: every store is bounded, and the oldest entries go first.

/** Default bound of each store of a fake (the built-in sandbox uses a smaller one). */
export const DEFAULT_HISTORY_LIMIT = 100_000;

/**
 * Appends to a plain array used as a ring buffer: beyond `limit` the oldest entries are dropped,
 * so readers keep every array method (filter, at, find...) over the newest `limit` entries.
 */
export function pushBounded<T>(list: T[], item: T, limit: number): void {
  list.push(item);
  if (list.length > limit) list.splice(0, list.length - limit);
}

/** Sets a key in a Map kept in least-recently-set order, dropping the oldest keys beyond `limit`. */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, limit: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size <= limit) return;
  for (const oldest of map.keys()) {
    map.delete(oldest);
    if (map.size <= limit) return;
  }
}
