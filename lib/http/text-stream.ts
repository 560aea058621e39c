import { describeError, log } from '@/lib/log/logger';

/**
 * A generator of text chunks -> a response body that pulls one chunk at a time (backpressure:
 * a slow client slows the database reads instead of filling memory). `first` is the chunk the
 * caller already awaited, so that bad input failed with a status before headers went out.
 */
export function textStream(chunks: AsyncGenerator<string>, first: IteratorResult<string>, what: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.done) controller.close();
      else controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      try {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (err) {
        // Headers are sent: end the download broken rather than silently short.
        log.error(`${what} failed mid-stream`, describeError(err));
        controller.error(err);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
