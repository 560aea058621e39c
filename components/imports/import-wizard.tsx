'use client';

import { faFileCsv, faPause, faPlay, faStop } from '@fortawesome/free-solid-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Card from 'react-bootstrap/Card';
import Form from 'react-bootstrap/Form';
import ProgressBar from 'react-bootstrap/ProgressBar';
import { formatDuration, rateAndEta } from '@/lib/imports/progress-line';
import { CSV_ENCODINGS, type CsvEncoding } from '@/lib/imports/sniff-csv';
import { suggestMapping, type ImportMapping } from '@/lib/imports/suggest-mapping';
import { ImportCountsList } from './import-counts';
import { ImportOptionsFields, type WizardOptions } from './import-options-fields';
import { ImportUploader, postJson, type UploadState } from './import-uploader';
import { MappingStep } from './mapping-step';
import { PresetPicker, type ImportPreset } from './preset-picker';
import { PreviewTable } from './preview-table';
import type { FromWorker, Sniffed } from './worker-protocol';

// Upload -> preview and mapping -> progress -> result. Parsing happens in a Web Worker; this
// component only holds the first 20 rows and the running counts.

/**
 * Rows and characters per request. 1 M characters is at most ~3 MB of JSON even if every
 * character took 3 bytes in UTF-8, so a batch stays under Vercel's 4.5 MB request limit.
 */
const BATCH_ROWS = 5_000;
const BATCH_CHARS = 1_000_000;

const ENCODING_LABELS: Record<CsvEncoding, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252 / Latin-1 (Excel)',
};
const DELIMITER_LABELS: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

export function ImportWizard({ defaultCountry, presets }: { defaultCountry: string; presets: ImportPreset[] }) {
  const workerRef = useRef<Worker | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [sniffed, setSniffed] = useState<Sniffed | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [options, setOptions] = useState<WizardOptions>({
    defaultCountry,
    tags: '',
    sourceLabel: '',
    existing: 'fill_empty',
    triggerCampaigns: false,
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [importId, setImportId] = useState<string | null>(null);
  const [upload, setUpload] = useState<UploadState | null>(null);
  const [uploader, setUploader] = useState<ImportUploader | null>(null);

  useEffect(() => () => workerRef.current?.terminate(), []);

  // Leaving the page mid-import stops the upload: ask first.
  const uploading = upload !== null && !['done', 'cancelled', 'failed'].includes(upload.phase);
  useEffect(() => {
    if (!uploading) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [uploading]);

  function freshWorker(): Worker {
    workerRef.current?.terminate();
    const w = new Worker(new URL('./csv-worker.ts', import.meta.url), { type: 'module' });
    workerRef.current = w;
    return w;
  }

  function sniff(f: File, over: { encoding?: CsvEncoding; hasHeader?: boolean } = {}) {
    setError(null);
    setBusy(true);
    const w = freshWorker();
    w.onmessage = (e: MessageEvent<FromWorker>) => {
      setBusy(false);
      const msg = e.data;
      if (msg.type === 'error') {
        setSniffed(null);
        setError(msg.message);
      } else if (msg.type === 'sniffed') {
        setSniffed(msg);
        // Re-reading with another encoding keeps the user's choices when the columns are the same.
        setMapping((prev) => {
          const same = Object.keys(prev).length === msg.columns.length && msg.columns.every((c) => c in prev);
          return same ? prev : suggestMapping(msg.columns);
        });
      }
    };
    w.onerror = () => {
      setBusy(false);
      setError('The file could not be read.');
    };
    w.postMessage({ type: 'sniff', file: f, ...over });
  }

  const phoneColumns = Object.values(mapping).filter((t) => t === 'phone').length;

  async function start() {
    if (!file || !sniffed) return;
    setError(null);
    setBusy(true);
    try {
      const created = await postJson<{ id: string }>('/api/imports', {
        fileName: file.name,
        columns: sniffed.columns,
        mapping,
        options: {
          defaultCountry: options.defaultCountry,
          tags: options.tags.split(',').map((t) => t.trim()).filter(Boolean),
          sourceLabel: options.sourceLabel,
          existing: options.existing,
          triggerCampaigns: options.triggerCampaigns,
        },
      });
      setImportId(created.id);
      const next = new ImportUploader(freshWorker(), created.id, file.size, setUpload);
      setUploader(next);
      next.start({
        file,
        encoding: sniffed.encoding,
        dialect: sniffed.dialect,
        hasHeader: sniffed.hasHeader,
        batchRows: BATCH_ROWS,
        batchChars: BATCH_CHARS,
      });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  function reset() {
    workerRef.current?.terminate();
    setFile(null);
    setSniffed(null);
    setImportId(null);
    setUpload(null);
    setError(null);
  }

  if (upload && importId) return <Progress state={upload} importId={importId} uploader={uploader} onAgain={reset} />;

  return (
    <div className="d-grid gap-3">
      <Card body>
        <Form.Group controlId="import-file">
          <Form.Label className="fw-semibold">CSV file</Form.Label>
          <Form.Control
            type="file"
            accept=".csv,.txt,.tsv,text/csv,text/plain"
            onChange={(e) => {
              const f = (e.target as HTMLInputElement).files?.[0] ?? null;
              setFile(f);
              setSniffed(null);
              if (f) sniff(f);
            }}
          />
          <Form.Text>
            Comma, semicolon or tab separated; UTF-8 or Excel&apos;s Windows-1252. The file is read in your browser and sent in
            small batches, so large files are fine.
          </Form.Text>
        </Form.Group>
        {busy && !sniffed && <p className="mt-2 mb-0 small text-muted" role="status">Reading the file…</p>}
      </Card>

      {error && (
        <Alert variant="danger" className="mb-0" role="alert">
          {error}
        </Alert>
      )}

      {file && sniffed && (
        <>
          <Card body>
            <div className="d-flex flex-wrap gap-3 align-items-end mb-3">
              <Form.Group controlId="import-encoding">
                <Form.Label className="small mb-1">Encoding</Form.Label>
                <Form.Select
                  size="sm"
                  value={sniffed.encoding}
                  onChange={(e) => sniff(file, { encoding: e.target.value as CsvEncoding, hasHeader: sniffed.hasHeader })}
                >
                  {CSV_ENCODINGS.map((enc) => (
                    <option key={enc} value={enc}>
                      {ENCODING_LABELS[enc]}
                      {enc === sniffed.detectedEncoding ? ' (detected)' : ''}
                    </option>
                  ))}
                </Form.Select>
              </Form.Group>
              <Form.Check
                id="import-has-header"
                type="switch"
                label="First row is a header"
                checked={sniffed.hasHeader}
                onChange={(e) => sniff(file, { encoding: sniffed.encoding, hasHeader: e.target.checked })}
              />
              <span className="small text-muted">
                <FontAwesomeIcon icon={faFileCsv} className="me-1" aria-hidden />
                Separated by {DELIMITER_LABELS[sniffed.dialect.delimiter] ?? sniffed.dialect.delimiter}
                {sniffed.hasBom ? ', UTF-8 with BOM' : ''}
              </span>
            </div>
            <h2 className="h6">Preview (first {sniffed.preview.length} rows)</h2>
            <PreviewTable columns={sniffed.columns} rows={sniffed.preview} />
          </Card>

          <Card body>
            <div className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-2">
              <h2 className="h6 mb-0">Columns</h2>
              <PresetPicker
                presets={presets}
                mapping={mapping}
                options={options}
                columns={sniffed.columns}
                onApply={(m, o) => {
                  setMapping(m);
                  if (o) setOptions(o);
                }}
              />
            </div>
            <MappingStep columns={sniffed.columns} preview={sniffed.preview} mapping={mapping} onChange={setMapping} />
            {phoneColumns !== 1 && (
              <Alert variant="warning" className="mt-3 mb-0">
                {phoneColumns === 0 ? 'Choose the column that holds the phone number.' : 'Only one column can be the phone.'}
              </Alert>
            )}
          </Card>

          <Card body>
            <h2 className="h6">Options</h2>
            <ImportOptionsFields value={options} onChange={setOptions} />
          </Card>

          <div className="d-flex gap-2">
            <Button variant="success" disabled={busy || phoneColumns !== 1 || !/^[A-Za-z]{2}$/.test(options.defaultCountry)} onClick={() => void start()}>
              {/* Creating the import and starting the worker takes a moment on big files: say so at once. */}
              {busy ? <span role="status">Preparing…</span> : <>Import {file.name}</>}
            </Button>
            <Button variant="outline-secondary" onClick={reset}>
              Choose another file
            </Button>
          </div>
        </>
      )}
    </div>
  );
}

function Progress({
  state,
  importId,
  uploader,
  onAgain,
}: {
  state: UploadState;
  importId: string;
  uploader: ImportUploader | null;
  onAgain: () => void;
}) {
  const rows = state.counts?.rows ?? 0;
  const { fraction, rowsPerSecond, secondsLeft } = rateAndEta({
    done: state.bytesRead,
    total: state.fileSize,
    rows,
    elapsedMs: state.activeMs,
  });
  const finished = state.phase === 'done' || state.phase === 'cancelled' || state.phase === 'failed';
  const label =
    state.phase === 'done' ? 'Import finished' : state.phase === 'cancelled' ? 'Import cancelled' : state.phase === 'failed' ? 'Import stopped' : 'Importing…';
  return (
    <div className="d-grid gap-3">
      <Card body>
        <h2 className="h5" role="status">{label}</h2>
        <ProgressBar
          now={Math.round((state.phase === 'done' ? 1 : fraction) * 100)}
          label={`${Math.round((state.phase === 'done' ? 1 : fraction) * 100)}%`}
          variant={state.phase === 'failed' ? 'danger' : state.phase === 'paused' ? 'warning' : 'success'}
          animated={!finished && state.phase !== 'paused'}
          aria-label="Import progress"
          className="mb-2"
        />
        {!finished && (
          <p className="small text-muted mb-2">
            {new Intl.NumberFormat('en-GB').format(rows)} rows · {Math.round(rowsPerSecond).toLocaleString('en-GB')} rows/s ·{' '}
            {state.phase === 'paused' ? 'paused' : `${formatDuration(secondsLeft)} left`}
          </p>
        )}
        {state.message && (
          <Alert variant={state.phase === 'failed' ? 'danger' : state.phase === 'cancelled' ? 'secondary' : 'warning'} className="small" role="alert">
            {state.message}
          </Alert>
        )}
        {state.counts && <ImportCountsList counts={state.counts} />}
        <div className="d-flex flex-wrap gap-2 mt-3">
          {!finished && state.phase !== 'paused' && (
            <Button variant="outline-secondary" size="sm" onClick={() => uploader?.pause()} disabled={state.phase === 'finishing'}>
              <FontAwesomeIcon icon={faPause} className="me-1" aria-hidden /> Pause
            </Button>
          )}
          {state.phase === 'paused' && (
            <Button variant="outline-success" size="sm" onClick={() => uploader?.resume()}>
              <FontAwesomeIcon icon={faPlay} className="me-1" aria-hidden /> Resume
            </Button>
          )}
          {state.phase === 'retrying' && (
            <Button variant="outline-primary" size="sm" onClick={() => uploader?.retry()}>
              Retry now
            </Button>
          )}
          {!finished && (
            <Button variant="outline-danger" size="sm" onClick={() => void uploader?.cancel()} disabled={state.phase === 'finishing'}>
              <FontAwesomeIcon icon={faStop} className="me-1" aria-hidden /> Cancel
            </Button>
          )}
          {finished && (
            <>
              <Link className="btn btn-success btn-sm" href={`/imports/${importId}`}>
                View import details
              </Link>
              {state.counts && state.counts.invalid + state.counts.duplicate > 0 && (
                <a className="btn btn-outline-secondary btn-sm" href={`/api/imports/${importId}/rejections`} download>
                  Download rejected rows (CSV)
                </a>
              )}
              <Button variant="outline-secondary" size="sm" onClick={onAgain}>
                Import another file
              </Button>
            </>
          )}
        </div>
      </Card>
    </div>
  );
}
