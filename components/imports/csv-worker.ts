import { CsvChunkParser } from '@/lib/imports/csv-chunk-parser';
import { CsvFileError, detectEncoding, looksBinary, rowNumberOf, sniffCsv, SNIFF_BYTES } from '@/lib/imports/sniff-csv';
import type { FromWorker, ReadRequest, SniffRequest, ToWorker } from './worker-protocol';

// Reads the CSV off the main thread, streaming: bytes -> TextDecoderStream (so characters
// are never cut) -> papaparse in chunks -> batches. One batch at a time: the next is read only
// after the wizard acknowledges the last, so a 100 MB file never sits whole in memory, and
// pausing the upload pauses the reading.

const ctx = self as unknown as { postMessage(msg: FromWorker): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };
const post = (msg: FromWorker) => ctx.postMessage(msg);
let waitingAck: (() => void) | null = null;

async function sniff(req: SniffRequest) {
  const head = new Uint8Array(await req.file.slice(0, SNIFF_BYTES).arrayBuffer());
  if (head.length === 0) throw new CsvFileError('The file is empty.');
  if (looksBinary(head)) throw new CsvFileError('This is not a CSV file: it looks binary (a spreadsheet, an image...). Export it from your spreadsheet as CSV.');
  const detected = detectEncoding(head);
  const encoding = req.encoding ?? detected.encoding;
  const text = new TextDecoder(encoding).decode(head, { stream: req.file.size > SNIFF_BYTES });
  const s = sniffCsv(text, { isComplete: req.file.size <= SNIFF_BYTES, previewRows: 20, hasHeader: req.hasHeader });
  post({
    type: 'sniffed',
    encoding,
    detectedEncoding: detected.encoding,
    hasBom: detected.hasBom,
    dialect: { delimiter: s.delimiter, newline: s.newline },
    hasHeader: s.hasHeader,
    columns: s.columns,
    preview: s.preview,
  });
}

async function read(req: ReadRequest) {
  const parser = new CsvChunkParser(req.dialect);
  const reader = req.file.stream().pipeThrough(new TextDecoderStream(req.encoding)).getReader();
  let skipHeader = req.hasHeader;
  let batch: string[][] = [];
  let chars = 0;
  let dataIndex = 0;
  let batchNo = 0;
  // Characters decoded so far: close enough to bytes read for a progress bar.
  let consumed = 0;

  const send = async () => {
    if (batch.length === 0) return;
    const firstRowNumber = rowNumberOf(dataIndex - batch.length, req.hasHeader);
    const acked = new Promise<void>((resolve) => (waitingAck = resolve));
    post({ type: 'batch', batchNo: batchNo++, firstRowNumber, rows: batch, bytesRead: Math.min(req.file.size, consumed) });
    batch = [];
    chars = 0;
    await acked;
  };
  const take = async (records: string[][]) => {
    for (const r of records) {
      if (skipHeader) {
        skipHeader = false;
        continue;
      }
      batch.push(r);
      dataIndex++;
      for (const cell of r) chars += cell.length + 8;
      if (batch.length >= req.batchRows || chars >= req.batchChars) await send();
    }
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    consumed += value.length;
    await take(parser.push(value));
  }
  await take(parser.push('', true));
  consumed = req.file.size;
  await send();
  if (dataIndex === 0) throw new CsvFileError('The file has a header row but no data rows.');
  post({ type: 'done', batches: batchNo, rows: dataIndex });
}

ctx.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  if (msg.type === 'ack') {
    const resolve = waitingAck;
    waitingAck = null;
    resolve?.();
    return;
  }
  const job = msg.type === 'sniff' ? sniff(msg) : read(msg);
  job.catch((err: unknown) => {
    const message =
      err instanceof CsvFileError
        ? err.message
        : err instanceof TypeError && /decod/i.test(err.message)
          ? 'The file could not be read with this encoding: choose another one.'
          : `The file could not be read (${err instanceof Error ? err.message : String(err)}).`;
    post({ type: 'error', message });
  });
};
