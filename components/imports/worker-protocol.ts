import type { CsvDialect } from '@/lib/imports/csv-chunk-parser';
import type { CsvEncoding } from '@/lib/imports/sniff-csv';

// Messages between the import wizard and its CSV Web Worker.

export type SniffRequest = { type: 'sniff'; file: File; encoding?: CsvEncoding; hasHeader?: boolean };
export type ReadRequest = {
  type: 'read';
  file: File;
  encoding: CsvEncoding;
  dialect: CsvDialect;
  hasHeader: boolean;
  /** Rows per batch, and an upper bound on a batch's characters (the request body limit). */
  batchRows: number;
  batchChars: number;
};
/** The wizard has sent the last batch: the worker may read the next one. */
export type AckRequest = { type: 'ack' };
export type ToWorker = SniffRequest | ReadRequest | AckRequest;

export type Sniffed = {
  type: 'sniffed';
  encoding: CsvEncoding;
  detectedEncoding: CsvEncoding;
  hasBom: boolean;
  dialect: CsvDialect;
  hasHeader: boolean;
  columns: string[];
  preview: string[][];
};
export type Batch = { type: 'batch'; batchNo: number; firstRowNumber: number; rows: string[][]; bytesRead: number };
export type ReadDone = { type: 'done'; batches: number; rows: number };
export type WorkerFailure = { type: 'error'; message: string };
export type FromWorker = Sniffed | Batch | ReadDone | WorkerFailure;
