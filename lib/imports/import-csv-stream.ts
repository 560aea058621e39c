import 'server-only';
import { AppError } from '@/lib/errors';
import { createImport } from './create-import';
import { CsvChunkParser } from './csv-chunk-parser';
import { cancelImport, finishImport } from './finish-import';
import { withSettings, type ImportWithSettings } from './get-import';
import { applyImportBatch, withImportBatch, type ImportCounts, type IngestBatchResult } from './ingest-import-batch';
import { prepareImportRows } from './prepare-import-rows';
import { MAX_BATCH_ROWS, type ImportOptionsInput } from './schema';
import { CsvFileError, detectEncoding, looksBinary, rowNumberOf, sniffCsv, SNIFF_BYTES, type CsvEncoding } from './sniff-csv';
import { mappingProblem, suggestMapping, type ImportKindForMapping, type ImportMapping, type MappingTarget } from './suggest-mapping';
import { applyAppointmentRows } from './appointments/apply-appointment-rows';
import { prepareAppointmentRows } from './appointments/prepare-appointment-rows';

// The whole import from a byte stream, for big files on your own server (the CLI, the bench,
// later the GraphQL API): sniff, parse in chunks, prepare a batch while the previous one is in
// the database, and keep only one batch of rows in memory at a time.

export const STREAM_BATCH_ROWS = 5_000;

export type CsvStreamProgress = { bytes: number; counts: ImportCounts };

export type ImportCsvStreamInput = {
  workspaceId: string;
  fileName: string;
  /** The file's bytes, in chunks (a Node Readable is one). */
  source: AsyncIterable<Uint8Array>;
  /** Target -> column overrides (`phone=Telefone`); other columns get the suggested target. */
  map?: Partial<Record<MappingTarget, string>>;
  options?: ImportOptionsInput;
  /** What the file holds (default leads). */
  kind?: ImportKindForMapping;
  encoding?: CsvEncoding;
  hasHeader?: boolean;
  batchRows?: number;
  userId?: string | null;
  onProgress?: (p: CsvStreamProgress) => void;
};

export type ImportCsvStreamResult = { importId: string; counts: ImportCounts; import: ImportWithSettings };

/** Byte chunks -> the first SNIFF_BYTES (for sniffing) followed by the rest. */
async function* withSample(source: AsyncIterable<Uint8Array>, sample: { bytes: Uint8Array; done: boolean }) {
  const it = source[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let size = 0;
  while (size < SNIFF_BYTES) {
    const next = await it.next();
    if (next.done) {
      sample.done = true;
      break;
    }
    parts.push(next.value);
    size += next.value.length;
  }
  sample.bytes = Buffer.concat(parts);
  yield sample.bytes;
  while (true) {
    const next = await it.next();
    if (next.done) return;
    yield next.value;
  }
}

export function mappingFor(columns: string[], map: ImportCsvStreamInput['map'] = {}, kind: ImportKindForMapping = 'leads'): ImportMapping {
  const mapping = suggestMapping(columns, kind);
  for (const [target, column] of Object.entries(map)) {
    if (!column) continue;
    if (!columns.includes(column)) {
      throw new AppError('BAD_USER_INPUT', `Column "${column}" (for ${target}) is not in the file. Columns: ${columns.join(', ')}`);
    }
    // A lead field belongs to one column: the one named here takes it from the suggestion.
    if (target !== 'ignore') for (const c of columns) if (mapping[c] === target) mapping[c] = 'ignore';
    mapping[column] = target as MappingTarget;
  }
  if (kind === 'leads' && !Object.values(mapping).includes('phone')) {
    throw new AppError('BAD_USER_INPUT', `No phone column found. Name it with phone=<column>. Columns: ${columns.join(', ')}`);
  }
  const problem = mappingProblem(mapping, kind);
  if (problem) throw new AppError('BAD_USER_INPUT', `${problem} Name it with --map <field>=<column>. Columns: ${columns.join(', ')}`);
  return mapping;
}

export async function importCsvStream(input: ImportCsvStreamInput): Promise<ImportCsvStreamResult> {
  const wanted = input.batchRows ?? STREAM_BATCH_ROWS;
  if (!Number.isInteger(wanted) || wanted < 1) throw new AppError('BAD_USER_INPUT', 'batchRows must be a positive whole number.');
  const batchRows = Math.min(wanted, MAX_BATCH_ROWS);
  const sample = { bytes: new Uint8Array(), done: false };
  const chunks = withSample(input.source, sample);
  const first = await chunks.next();
  const head = first.done ? new Uint8Array() : first.value;
  if (head.length === 0) throw new AppError('BAD_USER_INPUT', 'The file is empty.');
  if (looksBinary(head)) throw new AppError('BAD_USER_INPUT', 'This is not a CSV file (it looks binary, e.g. a spreadsheet or an image).');
  const encoding = input.encoding ?? detectEncoding(head).encoding;
  const decoder = new TextDecoder(encoding);
  const headText = decoder.decode(head, { stream: true });
  let sniff;
  try {
    sniff = sniffCsv(headText, { isComplete: sample.done, previewRows: 1, hasHeader: input.hasHeader });
  } catch (err) {
    if (err instanceof CsvFileError) throw new AppError('BAD_USER_INPUT', err.message);
    throw err;
  }
  const kind = input.kind ?? 'leads';
  const mapping = mappingFor(sniff.columns, input.map, kind);
  const imp = withSettings(
    await createImport(
      input.workspaceId,
      { kind, fileName: input.fileName, columns: sniff.columns, mapping, options: input.options },
      { userId: input.userId },
    ),
  );

  const parser = new CsvChunkParser(sniff);
  let skipHeader = sniff.hasHeader;
  let batch: string[][] = [];
  let dataIndex = 0;
  let batchNo = 0;
  let bytes = head.length;
  let counts: ImportCounts = { rows: 0, created: 0, updated: 0, unchanged: 0, invalid: 0, duplicate: 0 };
  let inflight: Promise<void> = Promise.resolve();
  // A failed batch is kept here (not left as a rejected promise nobody awaits yet) and rethrown.
  let failure: unknown = null;

  const flush = async () => {
    if (batch.length === 0) return;
    const firstRowNumber = rowNumberOf(dataIndex - batch.length, sniff.hasHeader);
    // CPU work for this batch happens now, while the previous batch is still in the database.
    const no = batchNo++;
    let apply: () => Promise<IngestBatchResult>;
    if (kind === 'appointments') {
      const prepared = prepareAppointmentRows(batch, firstRowNumber, imp.columnMapping, sniff.columns, imp.settings);
      apply = () =>
        withImportBatch(input.workspaceId, imp.id, { batchNo: no, firstRowNumber }, prepared.rowCount, (tx, locked) =>
          applyAppointmentRows(tx, input.workspaceId, locked, prepared),
        );
    } else {
      const prepared = prepareImportRows(batch, firstRowNumber, imp.columnMapping, sniff.columns, imp.settings);
      apply = () => applyImportBatch(input.workspaceId, imp.id, { batchNo: no, firstRowNumber }, prepared);
    }
    batch = [];
    await inflight;
    if (failure) throw failure;
    inflight = apply().then(
      (r) => {
        counts = r.total;
        input.onProgress?.({ bytes, counts });
      },
      (err: unknown) => {
        failure ??= err;
      },
    );
  };
  const take = async (records: string[][]) => {
    for (const r of records) {
      if (skipHeader) {
        skipHeader = false;
        continue;
      }
      batch.push(r);
      dataIndex++;
      if (batch.length >= batchRows) await flush();
    }
  };

  try {
    await take(parser.push(headText));
    for await (const chunk of chunks) {
      bytes += chunk.length;
      await take(parser.push(decoder.decode(chunk, { stream: true })));
    }
    await take(parser.push(decoder.decode(), true));
    await flush();
    await inflight;
    if (failure) throw failure;
  } catch (err) {
    await inflight;
    await cancelImport(input.workspaceId, imp.id).catch(() => undefined);
    throw err;
  }
  if (dataIndex === 0) {
    await cancelImport(input.workspaceId, imp.id);
    throw new AppError('BAD_USER_INPUT', 'The file has a header row but no data rows.');
  }
  const done = await finishImport(input.workspaceId, imp.id);
  return { importId: imp.id, counts, import: done };
}
