import type { ImportCounts } from '@/lib/imports/ingest-import-batch';
import type { Batch, FromWorker, ReadRequest } from './worker-protocol';

// Sends the worker's batches to the server one at a time. A batch that fails on the network
// (or with a 5xx/429) is sent again with the same batchNo until it lands: the server applies
// each batchNo once, so retries never duplicate. Pausing holds the next batch (and so the
// reading); cancelling tells the server to take no more.

export type UploadPhase = 'running' | 'paused' | 'retrying' | 'finishing' | 'done' | 'cancelled' | 'failed';
export type UploadState = {
  phase: UploadPhase;
  bytesRead: number;
  fileSize: number;
  rowsSent: number;
  counts: ImportCounts | null;
  /** Active (unpaused) time so far, for rows/s and time left. */
  activeMs: number;
  message?: string;
};

const MAX_BACKOFF_MS = 30_000;

export class ApiError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

/** POST JSON; a 4xx answer is an ApiError with the server's message, a 5xx or no answer is retryable. */
export async function postJson<T>(url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!res.ok) throw new ApiError(data?.error?.message ?? `The server answered ${res.status}.`, res.status);
  return data as T;
}

const isRetryable = (err: unknown) => !(err instanceof ApiError) || err.status >= 500 || err.status === 429;

export class ImportUploader {
  private state: UploadState;
  private resumeWaiter: (() => void) | null = null;
  private retryNow: (() => void) | null = null;
  private activeSince = Date.now();
  private stopped = false;

  constructor(
    private readonly worker: Worker,
    private readonly importId: string,
    fileSize: number,
    private readonly onState: (s: UploadState) => void,
  ) {
    this.state = { phase: 'running', bytesRead: 0, fileSize, rowsSent: 0, counts: null, activeMs: 0 };
  }

  start(req: Omit<ReadRequest, 'type'>) {
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => void this.onWorker(e.data);
    this.worker.postMessage({ type: 'read', ...req });
    this.emit({});
  }

  pause() {
    if (this.state.phase !== 'running' && this.state.phase !== 'retrying') return;
    this.tick();
    this.emit({ phase: 'paused' });
  }

  resume() {
    if (this.state.phase !== 'paused') return;
    this.activeSince = Date.now();
    this.emit({ phase: 'running', message: undefined });
    this.resumeWaiter?.();
    this.resumeWaiter = null;
  }

  /** Skips the wait before the next retry. */
  retry() {
    this.retryNow?.();
  }

  async cancel() {
    if (this.stopped) return;
    this.stopped = true;
    this.worker.terminate();
    this.resumeWaiter?.();
    this.retryNow?.();
    try {
      await postJson(`/api/imports/${this.importId}/cancel`);
      this.emit({ phase: 'cancelled', message: 'Import cancelled. Rows already imported stay until you revert the import.' });
    } catch (err) {
      this.emit({ phase: 'failed', message: `Could not cancel: ${(err as Error).message}` });
    }
  }

  private tick() {
    const now = Date.now();
    if (this.state.phase === 'running' || this.state.phase === 'retrying') this.state.activeMs += now - this.activeSince;
    this.activeSince = now;
  }

  private emit(patch: Partial<UploadState>) {
    this.tick();
    this.state = { ...this.state, ...patch };
    this.onState({ ...this.state });
  }

  private async onWorker(msg: FromWorker) {
    if (this.stopped) return;
    if (msg.type === 'batch') return this.sendBatch(msg);
    if (msg.type === 'error') {
      this.stopped = true;
      this.emit({ phase: 'failed', message: msg.message });
      await postJson(`/api/imports/${this.importId}/cancel`).catch(() => undefined);
      return;
    }
    if (msg.type === 'done') {
      this.emit({ phase: 'finishing', bytesRead: this.state.fileSize });
      await this.withRetries(() => postJson(`/api/imports/${this.importId}/finish`));
      if (!this.stopped) {
        this.stopped = true;
        this.worker.terminate();
        this.emit({ phase: 'done', message: undefined });
      }
    }
  }

  private async sendBatch(batch: Batch) {
    const { batchNo, firstRowNumber, rows } = batch;
    const result = await this.withRetries(() =>
      postJson<{ total: ImportCounts }>(`/api/imports/${this.importId}/batches`, { batchNo, firstRowNumber, rows }),
    );
    if (!result || this.stopped) return;
    this.emit({ counts: result.total, rowsSent: this.state.rowsSent + rows.length, bytesRead: batch.bytesRead });
    this.worker.postMessage({ type: 'ack' });
  }

  /** Runs `fn` until it succeeds, waiting while paused and backing off on retryable errors. */
  private async withRetries<T>(fn: () => Promise<T>): Promise<T | null> {
    for (let attempt = 0; !this.stopped; attempt++) {
      if (this.state.phase === 'paused') await new Promise<void>((r) => (this.resumeWaiter = r));
      if (this.stopped) return null;
      try {
        const out = await fn();
        if (this.state.phase === 'retrying') this.emit({ phase: 'running', message: undefined });
        return out;
      } catch (err) {
        if (!isRetryable(err)) {
          this.stopped = true;
          this.worker.terminate();
          this.emit({ phase: 'failed', message: (err as Error).message });
          return null;
        }
        const wait = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempt, 5));
        if (this.state.phase !== 'paused') {
          this.emit({ phase: 'retrying', message: `Connection problem (${(err as Error).message}). Retrying in ${Math.round(wait / 1000)} s; nothing will be imported twice.` });
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          this.retryNow = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.retryNow = null;
      }
    }
    return null;
  }
}
