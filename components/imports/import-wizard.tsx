'use client';

import { faFileCsv } from '@fortawesome/free-solid-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import { useEffect, useRef, useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Card from 'react-bootstrap/Card';
import Form from 'react-bootstrap/Form';
import { CSV_ENCODINGS, type CsvEncoding } from '@/lib/imports/sniff-csv';
import { mappingProblem, suggestMapping, type ImportKindForMapping, type ImportMapping } from '@/lib/imports/suggest-mapping';
import { ImportOptionsFields, type WizardOptions } from './import-options-fields';
import { Progress } from './import-progress';
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

export function ImportWizard({
  defaultCountry,
  presets,
  timeZone,
  attributeKeys,
}: {
  defaultCountry: string;
  presets: ImportPreset[];
  /** The workspace's zone: appointment times without an offset are read in it. */
  timeZone: string;
  attributeKeys: string[];
}) {
  const workerRef = useRef<Worker | null>(null);
  const [kind, setKind] = useState<ImportKindForMapping>('leads');
  const [file, setFile] = useState<File | null>(null);
  const [sniffed, setSniffed] = useState<Sniffed | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [options, setOptions] = useState<WizardOptions>({
    defaultCountry,
    tags: '',
    sourceLabel: '',
    existing: 'fill_empty',
    triggerCampaigns: false,
    unknownLeads: 'reject',
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
          return same ? prev : suggestMapping(msg.columns, kind);
        });
      }
    };
    w.onerror = () => {
      setBusy(false);
      setError('The file could not be read.');
    };
    w.postMessage({ type: 'sniff', file: f, ...over });
  }

  const problem = mappingProblem(mapping, kind);

  function chooseKind(next: ImportKindForMapping) {
    setKind(next);
    if (sniffed) setMapping(suggestMapping(sniffed.columns, next));
  }

  async function start() {
    if (!file || !sniffed) return;
    setError(null);
    setBusy(true);
    try {
      const created = await postJson<{ id: string }>('/api/imports', {
        kind,
        fileName: file.name,
        columns: sniffed.columns,
        mapping,
        options: {
          defaultCountry: options.defaultCountry,
          tags: options.tags.split(',').map((t) => t.trim()).filter(Boolean),
          sourceLabel: options.sourceLabel,
          existing: options.existing,
          triggerCampaigns: options.triggerCampaigns,
          unknownLeads: options.unknownLeads,
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
        <fieldset className="mb-3">
          <legend className="fw-semibold fs-6 mb-1">What does the file hold?</legend>
          <Form.Check inline type="radio" id="import-kind-leads" name="import-kind" label="Leads" checked={kind === 'leads'} onChange={() => chooseKind('leads')} />
          <Form.Check
            inline
            type="radio"
            id="import-kind-appointments"
            name="import-kind"
            label="Appointments (with their leads’ phone or e-mail)"
            checked={kind === 'appointments'}
            onChange={() => chooseKind('appointments')}
          />
        </fieldset>
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
              {/* Presets hold lead mappings. */}
              {kind === 'leads' && (
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
              )}
            </div>
            <MappingStep
              kind={kind}
              columns={sniffed.columns}
              preview={sniffed.preview}
              mapping={mapping}
              attributeKeys={attributeKeys}
              onChange={setMapping}
            />
            {problem && (
              <Alert variant="warning" className="mt-3 mb-0">
                {problem}
              </Alert>
            )}
          </Card>

          <Card body>
            <h2 className="h6">Options</h2>
            <ImportOptionsFields value={options} onChange={setOptions} kind={kind} timeZone={timeZone} />
          </Card>

          <div className="d-flex gap-2">
            <Button variant="success" disabled={busy || problem !== null || !/^[A-Za-z]{2}$/.test(options.defaultCountry)} onClick={() => void start()}>
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
