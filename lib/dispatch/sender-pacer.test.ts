import { describe, expect, it } from 'vitest';
import { createSenderPacer } from './sender-pacer';

function run(burstMs: number, pushes: [sender: string, gapMs: number, n: number][]) {
  const started: { sender: string; i: number; at: number }[] = [];
  const total = pushes.reduce((a, [, , n]) => a + n, 0);
  return new Promise<typeof started>((resolve) => {
    const pacer = createSenderPacer<{ sender: string; i: number }>(burstMs, ({ sender, i }) => {
      started.push({ sender, i, at: Date.now() });
      if (started.length === total) resolve(started);
    });
    for (const [sender, gapMs, n] of pushes) for (let i = 0; i < n; i++) pacer.push(sender, gapMs, { sender, i });
  });
}

describe('createSenderPacer', () => {
  it('starts every call of a sender in order, at least one gap apart when there is no burst credit', async () => {
    const started = await run(0, [['a', 20, 6]]);
    expect(started.map((s) => s.i)).toEqual([0, 1, 2, 3, 4, 5]);
    for (let k = 1; k < started.length; k++) expect(started[k].at - started[k - 1].at).toBeGreaterThanOrEqual(19);
  });

  it('lets the burst credit start a few at once, then keeps to the gap', async () => {
    const started = await run(30, [['a', 10, 12]]);
    // Any 100 ms holds at most 1 + (100 + 30) / 10 = 14 calls; 12 handed in at once take >= 80 ms.
    expect(started[started.length - 1].at - started[0].at).toBeGreaterThanOrEqual(75);
    expect(started.filter((s) => s.at - started[0].at <= 1).length).toBeGreaterThan(1);
  });

  it('paces senders independently', async () => {
    const started = await run(0, [['a', 50, 2], ['b', 50, 2]]);
    const firstOf = (sender: string) => started.find((s) => s.sender === sender)!.at;
    expect(Math.abs(firstOf('a') - firstOf('b'))).toBeLessThan(20);
    const a = started.filter((s) => s.sender === 'a');
    expect(a[1].at - a[0].at).toBeGreaterThanOrEqual(49);
  });
});
