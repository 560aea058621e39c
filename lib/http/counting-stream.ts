// Tests of bounded readers: a body of `total` bytes that counts how much of it was pulled, so a
// test can tell that the reader stopped near its limit instead of reading the whole upload.

export function countingStream(total: number, chunk = 64 * 1024) {
  const counter = { pulled: 0 };
  const piece = new Uint8Array(chunk).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= total) return controller.close();
      const n = Math.min(chunk, total - counter.pulled);
      counter.pulled += n;
      controller.enqueue(n === chunk ? piece : piece.subarray(0, n));
    },
  });
  return { stream, counter };
}
