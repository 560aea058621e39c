// Per-sender spacing of calls inside one process: each sender's calls leave at least `gapMs`
// apart, with `burstMs` of credit so that one timer turn can start several (Node's timers are
// 1 ms coarse). Any one second then holds at most 1 + (1000 + burstMs) / gapMs calls of a
// sender from this process, however late they were handed in. Used by a dispatcher that is
// alone (dispatch-engine.ts): a late call may go out, but never in a clump.

export type SenderPacer<T> = { push: (senderId: string, gapMs: number, item: T) => void };

export function createSenderPacer<T>(burstMs: number, start: (item: T) => void): SenderPacer<T> {
  const queues = new Map<string, { item: T; gapMs: number }[]>();
  const nextAt = new Map<string, number>();
  const armed = new Set<string>();

  function pump(senderId: string) {
    const q = queues.get(senderId);
    while (q && q.length > 0) {
      const now = Date.now();
      const next = nextAt.get(senderId) ?? 0;
      if (next > now) {
        if (!armed.has(senderId)) {
          armed.add(senderId);
          setTimeout(() => {
            armed.delete(senderId);
            pump(senderId);
          }, next - now);
        }
        return;
      }
      const { item, gapMs } = q.shift()!;
      nextAt.set(senderId, Math.max(next, now - burstMs) + gapMs);
      start(item);
    }
    queues.delete(senderId);
  }

  return {
    push(senderId, gapMs, item) {
      const q = queues.get(senderId) ?? [];
      q.push({ item, gapMs });
      queues.set(senderId, q);
      pump(senderId);
    },
  };
}
