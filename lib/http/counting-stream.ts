// Tests of bounded readers: a body of `total` bytes that counts how much of it was pulled, so a
// test can tell that the reader stopped near its limit instead of reading the whole upload.
// With `holdAfter`, the stream stalls once that many bytes are pulled until `release()` is
// called: a client still uploading, so a test can check that the answer came before the end.

export function countingStream(total: number, opts: { chunk?: number; holdAfter?: number } = {}) {
  const chunk = opts.chunk ?? 64 * 1024;
  const counter = { pulled: 0 };
  let release = () => {};
  const held = opts.holdAfter === undefined ? Promise.resolve() : new Promise<void>((r) => (release = r));
  const piece = new Uint8Array(chunk).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (opts.holdAfter !== undefined && counter.pulled >= opts.holdAfter) await held;
      if (counter.pulled >= total) return controller.close();
      const n = Math.min(chunk, total - counter.pulled);
      counter.pulled += n;
      controller.enqueue(n === chunk ? piece : piece.subarray(0, n));
    },
  });
  return { stream, counter, release: () => release() };
}
