import type { LandingPage, LandingPageVariant } from '@/db/schema/leads';
import { renderMarkdown } from '@/lib/leadgen/markdown';
import { visibleContent, type LandingFormState } from '@/lib/leadgen/schema';
import { LandingForm } from './landing-form';

type Props = {
  page: Pick<LandingPage, 'headline' | 'description' | 'buttonLabel' | 'brandColor' | 'fields' | 'consentText' | 'defaultCountry'>;
  variant: LandingPageVariant | null;
  // The hero (or the variant's) image: /lp/<slug>/image?v=..., or a blob: URL in the builder's preview.
  image?: { src: string; width: number; height: number; alt: string } | null;
  isPreview: boolean;
  hidden: Record<string, string>;
  token: string;
  turnstileSiteKey?: string | null;
  // Absent in the builder's live preview: the form is shown but does not submit.
  action?: (prev: LandingFormState, formData: FormData) => Promise<LandingFormState>;
};

// The public page's content: rendered by /lp/<slug> on the server and by the builder's preview
// in the browser, so the preview is the page.
export function LandingView({ page, variant, image, isPreview, hidden, token, action, turnstileSiteKey }: Props) {
  const content = visibleContent(page, variant);
  return (
    <main className="wl-lp d-flex align-items-center justify-content-center p-3">
      <div className="bg-white rounded-4 shadow-sm p-4 p-md-5" style={{ width: '100%', maxWidth: 520, borderTop: `6px solid ${page.brandColor}` }}>
        {isPreview && (
          <p className="alert alert-warning py-2 small" role="note">
            Preview: this page is a draft, visible only to your workspace.
          </p>
        )}
        {image && (
          // A plain <img>: the file is already resized on upload and served with a year-long cache.
          // eslint-disable-next-line @next/next/no-img-element
          <img src={image.src} width={image.width} height={image.height} alt={image.alt} className="img-fluid rounded-3 mb-3 w-100 h-auto" fetchPriority="high" />
        )}
        <h1 className="h3 fw-bold mb-2">{content.headline}</h1>
        {content.description && <div className="text-muted mb-4 wl-lp-body">{renderMarkdown(content.description)}</div>}
        <LandingForm
          action={action}
          fields={page.fields}
          consentText={page.consentText}
          hidden={hidden}
          token={token}
          buttonLabel={content.buttonLabel}
          brandColor={page.brandColor}
          defaultCountry={page.defaultCountry ?? 'BR'}
          turnstileSiteKey={turnstileSiteKey}
        />
      </div>
    </main>
  );
}
