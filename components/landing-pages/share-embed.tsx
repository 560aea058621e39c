'use client';

import { useState } from 'react';
import { CopyStatus, useCopy } from '@/components/ui/copy-to-clipboard';
import type { EmbeddingSetting } from '@/lib/landing-pages/embedding';
import { embedSizeSchema, embedSnippet } from '@/lib/landing-pages/share-links';

type Props = { publicUrl: string; taggedLink: string | null; title: string; embedding: EmbeddingSetting };

// Whether another site's frame will show the page: proxy.ts sends frame-ancestors from this setting.
function FramingNote({ embedding }: { embedding: EmbeddingSetting }) {
  if (!embedding.allowEmbedding) {
    return (
      <div className="alert alert-warning small" role="note">
        Embedding is <strong>off</strong> for this page: browsers refuse to show it inside another site’s frame. Turn it on under{' '}
        <a href="#lpe-embedding">Embedding on other sites</a> below, then save.
      </div>
    );
  }
  if (embedding.embedOrigins.length > 0) {
    return (
      <p className="small">
        Only these sites may show it in a frame: <span className="font-monospace">{embedding.embedOrigins.join(', ')}</span> (change the list under{' '}
        <a href="#lpe-embedding">Embedding on other sites</a>).
      </p>
    );
  }
  return <p className="small">Any site may show this page in a frame.</p>;
}

// An <iframe> snippet for the marketer's own site. The frame shows the page itself: there is no
// separate embedded layout.
export function ShareEmbed({ publicUrl, taggedLink, title, embedding }: Props) {
  const [size, setSize] = useState({ width: '100%', height: '720' });
  const [isTagged, setIsTagged] = useState(false);
  const code = useCopy();
  const checked = embedSizeSchema.safeParse(size);
  const errors = checked.success ? {} : Object.fromEntries(checked.error.issues.map((i) => [String(i.path[0]), i.message]));
  const src = isTagged && taggedLink ? taggedLink : publicUrl;
  const snippet = checked.success ? embedSnippet({ src, title, ...checked.data }) : '';
  return (
    <div className="bg-white rounded shadow-sm p-3">
      <h3 className="h6">Embed on your site</h3>
      <FramingNote embedding={embedding} />
      <div className="row g-2 align-items-start mb-2">
        {(['width', 'height'] as const).map((k) => (
          <div className="col-6 col-sm-3" key={k}>
            <label className="form-label small mb-1" htmlFor={`share-embed-${k}`}>
              {k === 'width' ? 'Width (px or %)' : 'Height (px)'}
            </label>
            <input
              id={`share-embed-${k}`}
              className={`form-control form-control-sm${errors[k] ? ' is-invalid' : ''}`}
              value={size[k]}
              onChange={(e) => setSize({ ...size, [k]: e.target.value })}
              inputMode={k === 'height' ? 'numeric' : undefined}
              aria-invalid={errors[k] ? true : undefined}
            />
            {errors[k] && <div className="invalid-feedback">{errors[k]}</div>}
          </div>
        ))}
        <div className="col-sm-6">
          <div className="form-check mt-sm-4">
            <input id="share-embed-tagged" type="checkbox" className="form-check-input" checked={isTagged && taggedLink !== null} disabled={!taggedLink} onChange={(e) => setIsTagged(e.target.checked)} />
            <label className="form-check-label small" htmlFor="share-embed-tagged">
              Use the link with tags (set them in the builder above)
            </label>
          </div>
        </div>
      </div>
      <label className="form-label" htmlFor="share-embed-code">
        Embed code
      </label>
      <textarea id="share-embed-code" className="form-control font-monospace small" rows={3} readOnly value={snippet} placeholder="Fix the size above" />
      <button type="button" className="btn btn-outline-primary btn-sm mt-2" disabled={!snippet} onClick={() => code.copy(snippet, 'share-embed-code')}>
        Copy embed code
      </button>
      <CopyStatus id="share-embed-code-status" state={code.state} />
    </div>
  );
}
