// The fake's throughput cap, counted the way Meta counts it: per phone, over the last second
// of *arrivals* (the server stamps a request when its headers are read, not when the handler
// gets round to it). Requests read concurrently are handled slightly out of order, so the
// window keeps a little more history than a second and counts only what arrived before `at`.

/** How much older than a second the window keeps arrivals (requests handled out of order). */
const REORDER_SLACK_MS = 200;

/** Arrival times in ascending order. */
export type ArrivalWindow = number[];

function dropOlderThanWindow(window: ArrivalWindow, at: number): void {
  while (window.length > 0 && window[0] <= at - 1000 - REORDER_SLACK_MS) window.shift();
}

/** How many messages arrived in the second up to `at`; drops history too old to matter. */
export function countInLastSecond(window: ArrivalWindow, at: number): number {
  dropOlderThanWindow(window, at);
  let n = 0;
  for (const t of window) if (t > at - 1000 && t <= at) n++;
  return n;
}

/**
 * Records an accepted message's arrival, keeping the window sorted; drops history too old to
 * matter here too, so a fake that does not enforce the cap (never counts) stays bounded.
 */
export function rememberArrival(window: ArrivalWindow, at: number): void {
  dropOlderThanWindow(window, at);
  let i = window.length;
  while (i > 0 && window[i - 1] > at) i--;
  window.splice(i, 0, at);
}
