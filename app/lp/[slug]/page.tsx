import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound, permanentRedirect } from 'next/navigation';
import { LandingView } from '@/components/leadgen/landing-view';
import { getSessionContext } from '@/lib/auth/session';
import { issueFormToken } from '@/lib/leadgen/form-token';
import { landingImageUrl } from '@/lib/leadgen/get-landing-image';
import { resolveLandingPage } from '@/lib/leadgen/get-public-landing-page';
import { resolveLandingPageCached } from '@/lib/leadgen/landing-cache';
import { recordLandingStat } from '@/lib/leadgen/record-landing-stats';
import { ATTRIBUTION_PARAMS, chooseVariant } from '@/lib/leadgen/schema';
import { env } from '@/lib/env';
import { submitLandingAction } from './actions';

// GET /lp/<slug> - a landing page; its form posts to a server action (no JS needed).
type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function resolve(slug: string) {
  // Only drafts need the viewer: published pages never look at the session (and come from the cache).
  const first = await resolveLandingPageCached(slug);
  if (first.kind !== 'not_found') return first;
  const ctx = await getSessionContext().catch(() => null);
  return ctx ? resolveLandingPage(slug, [ctx.workspace.id]) : first;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const r = await resolve((await params).slug);
  if (r.kind !== 'page') return { title: r.kind === 'gone' ? 'No longer available' : 'Not found', robots: { index: false } };
  const { page, isPreview } = r;
  const hero = page.images.find((i) => i.slot === '');
  return {
    metadataBase: new URL(env().appUrl),
    title: page.title,
    description: page.headline,
    robots: isPreview ? { index: false, follow: false } : undefined,
    openGraph: { title: page.headline, description: page.title, type: 'website', images: hero ? [{ url: landingImageUrl(page.slug, hero), width: hero.width, height: hero.height, alt: hero.altText }] : undefined },
    twitter: { card: hero ? 'summary_large_image' : 'summary', title: page.headline, images: hero ? [landingImageUrl(page.slug, hero)] : undefined },
  };
}

export default async function LandingPageRoute({ params, searchParams }: Props) {
  const { slug } = await params;
  const r = await resolve(slug);
  const query = await searchParams;
  if (r.kind === 'redirect') {
    const qs = new URLSearchParams(Object.entries(query).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : []))).toString();
    permanentRedirect(`/lp/${r.slug}${qs ? `?${qs}` : ''}`);
  }
  if (r.kind === 'gone') {
    return (
      <main className="wl-lp d-flex align-items-center justify-content-center p-3">
        <div className="bg-white rounded-4 shadow-sm p-4" style={{ width: '100%', maxWidth: 520 }}>
          <h1 className="h4">This page is no longer available</h1>
          <p className="mb-0 text-muted">The offer it showed has ended. Thank you for your interest.</p>
        </div>
      </main>
    );
  }
  if (r.kind !== 'page') notFound();
  const { page, isPreview } = r;
  const params2: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (typeof v === 'string') params2[k] = v.slice(0, 200);
  const carried: Record<string, string> = {};
  for (const k of ATTRIBUTION_PARAMS) if (params2[k]) carried[k] = params2[k];
  for (const f of page.fields) if (f.type === 'hidden' && f.param && params2[f.param]) carried[f.name] = params2[f.param];
  if (!isPreview) await recordLandingStat(page.id, 'views', params2.utm_source);
  const variant = chooseVariant(page.variants, params2);
  // A variant shows its own image when it has one, else the page's.
  const image = (variant && page.images.find((i) => i.slot === variant.key)) || page.images.find((i) => i.slot === '');
  const turnstile = isPreview ? null : env().turnstile;
  const nonce = turnstile ? ((await headers()).get('x-nonce') ?? undefined) : undefined;
  return (
    <>
      {turnstile && <script src="https://challenges.cloudflare.com/turnstile/v0/api.js" async defer nonce={nonce} />}
      <LandingView
      page={page}
      image={image ? { src: landingImageUrl(page.slug, image), width: image.width, height: image.height, alt: image.altText } : null}
      variant={variant}
      isPreview={isPreview}
      hidden={carried}
      token={issueFormToken(page.slug)}
      action={submitLandingAction.bind(null, page.slug)}
      turnstileSiteKey={turnstile?.siteKey}
    />
    </>
  );
}
