'use client';

import { useState } from 'react';
import { CopyStatus, useCopy } from '@/components/ui/copy-to-clipboard';
import type { LandingPageVariant } from '@/db/schema/leads';
import type { EmbeddingSetting } from '@/lib/landing-pages/embedding';
import { tryShareLink, type ShareParams } from '@/lib/landing-pages/share-links';
import { ShareEmbed } from './share-embed';
import { ShareQr } from './share-qr';
import { ShareUtmBuilder } from './share-utm-builder';

type Props = {
  pageId: string;
  title: string;
  status: 'draft' | 'published' | 'archived';
  publicUrl: string;
  variants: LandingPageVariant[];
  embedding: EmbeddingSetting;
};

// What visitors get at the address today: said before anything is handed out.
function StatusNote({ status }: { status: Props['status'] }) {
  if (status === 'draft') {
    return (
      <div className="alert alert-info" role="note">
        This page is a <strong>draft</strong>: visitors get “not found” at its address until you publish it. Links and QR codes made now
        start working once it is published.
      </div>
    );
  }
  if (status === 'archived') {
    return (
      <div className="alert alert-warning" role="note">
        This page is <strong>archived</strong>: its address answers “no longer available”. Links and QR codes lead there until you publish it
        again.
      </div>
    );
  }
  return null;
}

// The Share panel of a landing page: its address, a UTM link builder, a QR code made on the
// server of either, and an iframe snippet. The tags live here so the snippet can use the link.
export function SharePanel({ pageId, title, status, publicUrl, variants, embedding }: Props) {
  const [params, setParams] = useState<ShareParams>({});
  const built = tryShareLink(publicUrl, params);
  // What the QR code opens: the plain address until "QR of this link" is pressed.
  const [qrLink, setQrLink] = useState(publicUrl);
  const address = useCopy();
  return (
    <>
      <StatusNote status={status} />
      <div className="row g-3">
        <div className="col-12">
          <div className="bg-white rounded shadow-sm p-3">
            <h3 className="h6">Public address</h3>
            <label className="form-label" htmlFor="share-public-url">
              Address of this page
            </label>
            <div className="input-group">
              <input id="share-public-url" className="form-control font-monospace" readOnly value={publicUrl} />
              <a className="btn btn-outline-secondary" href={publicUrl} target="_blank" rel="noopener noreferrer">
                Open
              </a>
              <button type="button" className="btn btn-outline-primary" onClick={() => address.copy(publicUrl, 'share-public-url')}>
                Copy address
              </button>
            </div>
            <CopyStatus id="share-public-url-status" state={address.state} />
            <p className="small text-muted mb-0">Renaming the slug later keeps this address working: it redirects to the new one, tags included.</p>
          </div>
        </div>
        <div className="col-lg-7">
          <ShareUtmBuilder params={params} onChange={setParams} built={built} variants={variants} onQr={setQrLink} />
        </div>
        <div className="col-lg-5">
          <ShareQr pageId={pageId} publicUrl={publicUrl} link={qrLink} onReset={() => setQrLink(publicUrl)} />
        </div>
        <div className="col-12">
          <ShareEmbed publicUrl={publicUrl} taggedLink={built.link !== publicUrl ? built.link : null} title={title} embedding={embedding} />
        </div>
      </div>
    </>
  );
}
