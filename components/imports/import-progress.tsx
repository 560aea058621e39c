'use client';

import { faPause, faPlay, faStop } from '@fortawesome/free-solid-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import Link from 'next/link';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Card from 'react-bootstrap/Card';
import ProgressBar from 'react-bootstrap/ProgressBar';
import { formatDuration, rateAndEta } from '@/lib/imports/progress-line';
import { ImportCountsList } from './import-counts';
import type { ImportUploader, UploadState } from './import-uploader';

/** The upload's progress, pause / resume / cancel, and the result with its links. */
export function Progress({
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
