'use client';

import { useState } from 'react';
import { landingQrPath, QR_SIZES } from '@/lib/landing-pages/share-links';

type Props = { pageId: string; publicUrl: string; link: string; onReset: () => void };

const PREVIEW_SIZE = 256;

// The QR code is drawn by the server (GET /api/landing-pages/<id>/qr), which accepts only links to
// this page: the preview and both downloads are that route with different parameters.
export function ShareQr({ pageId, publicUrl, link, onReset }: Props) {
  const [pngSize, setPngSize] = useState(1024);
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  const preview = landingQrPath(pageId, { link, format: 'png', size: PREVIEW_SIZE });
  const isTagged = link !== publicUrl;
  return (
    <div className="bg-white rounded shadow-sm p-3 h-100">
      <h3 className="h6">QR code</h3>
      <div className="text-center mb-2">
        {failedSrc === preview ? (
          <div className="alert alert-danger small" role="alert">
            The QR code could not be made. Reload the page and try again.
          </div>
        ) : (
          // A plain <img>: the route answers a finished PNG for admins only; Next's image optimiser adds nothing here.
          // eslint-disable-next-line @next/next/no-img-element
          <img src={preview} width={PREVIEW_SIZE} height={PREVIEW_SIZE} alt={`QR code that opens ${link}`} className="img-fluid border rounded" onError={() => setFailedSrc(preview)} />
        )}
      </div>
      <p className="small mb-2 text-break" role="status" data-testid="qr-target">
        {isTagged ? 'Opens the link with tags: ' : 'Opens the page’s address: '}
        <code>{link}</code>
      </p>
      {isTagged && (
        <button type="button" className="btn btn-link btn-sm p-0 mb-2" onClick={onReset}>
          Use the plain address instead
        </button>
      )}
      <div className="d-flex flex-wrap align-items-end gap-2">
        <div>
          <label className="form-label small mb-1" htmlFor="share-qr-size">
            PNG size
          </label>
          <select id="share-qr-size" className="form-select form-select-sm" value={pngSize} onChange={(e) => setPngSize(Number(e.target.value))}>
            {QR_SIZES.filter((s) => s >= 512).map((s) => (
              <option key={s} value={s}>
                {s} × {s} px
              </option>
            ))}
          </select>
        </div>
        <a className="btn btn-primary btn-sm" href={landingQrPath(pageId, { link, format: 'png', size: pngSize, isDownload: true })} download>
          Download PNG
        </a>
        <a className="btn btn-outline-primary btn-sm" href={landingQrPath(pageId, { link, format: 'svg', size: 512, isDownload: true })} download>
          Download SVG
        </a>
      </div>
      <p className="small text-muted mt-2 mb-0">SVG scales to any print size without blur.</p>
    </div>
  );
}
