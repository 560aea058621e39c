// GET /landing-pages/<id> - edit a page, duplicate it, share it (address, UTM links, QR code, embed) and see its results
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { LandingPageEditor } from '@/components/landing-pages/landing-page-editor';
import { LandingResults } from '@/components/landing-pages/landing-results';
import { SharePanel } from '@/components/landing-pages/share-panel';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageContext } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { isAppError } from '@/lib/errors';
import { getLandingPageResults } from '@/lib/landing-pages/get-landing-page-results';
import { landingPageCampaignOptions, landingPageFormValues } from '@/lib/landing-pages/landing-page-form-values';
import { loadLandingPage } from '@/lib/landing-pages/save-landing-page';
import { landingPublicUrl } from '@/lib/landing-pages/share-links';
import { landingImageUrl, listLandingImages } from '@/lib/leadgen/get-landing-image';
import { duplicateLandingPageAction, updateLandingPageAction } from '../actions';

export const metadata: Metadata = { title: 'Landing page' };
type Props = { params: Promise<{ id: string }> };

export default async function EditLandingPage({ params }: Props) {
  const ctx = await requirePageContext('admin');
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const page = await loadLandingPage(ctx.workspace.id, id.data).catch((err) => {
    if (isAppError(err) && err.code === 'NOT_FOUND') notFound();
    throw err;
  });
  const [initial, campaigns, byDay, bySource, byVariant, images] = await Promise.all([
    landingPageFormValues(ctx.workspace.id, page, ctx.workspace.defaultCountry ?? 'BR'),
    landingPageCampaignOptions(ctx.workspace.id),
    getLandingPageResults(ctx.workspace.id, page.id, 'day'),
    getLandingPageResults(ctx.workspace.id, page.id, 'source'),
    getLandingPageResults(ctx.workspace.id, page.id, 'variant'),
    listLandingImages(page.id),
  ]);
  const stored = images.map((i) => ({ slot: i.slot, src: landingImageUrl(page.slug, i), width: i.width, height: i.height, alt: i.altText }));
  return (
    <>
      <nav aria-label="Breadcrumb" className="small mb-2">
        <Link href="/landing-pages">Landing pages</Link> / <span aria-current="page">{page.title}</span>
      </nav>
      <PageHeader title={page.title}>
        Public address: <a href={`/lp/${page.slug}`}>/lp/{page.slug}</a>
      </PageHeader>
      <form action={duplicateLandingPageAction.bind(null, page.id)} className="mb-3">
        <button type="submit" className="btn btn-outline-secondary btn-sm">
          Duplicate
        </button>
      </form>
      <section aria-labelledby="share-heading" className="mb-4" id="share">
        <h2 id="share-heading" className="h5">
          Share
        </h2>
        {/* Keyed by slug: after a rename, links and QR codes start again from the new address. */}
        <SharePanel
          key={page.slug}
          pageId={page.id}
          title={page.headline}
          status={page.status}
          publicUrl={landingPublicUrl(env().appUrl, page.slug)}
          variants={page.variants}
          embedding={{ allowEmbedding: page.allowEmbedding, embedOrigins: page.embedOrigins }}
        />
      </section>
      <section aria-labelledby="results-heading" className="mb-4">
        <h2 id="results-heading" className="h5">
          Results
        </h2>
        <LandingResults
          groups={[
            { caption: 'By day (UTC)', keyLabel: 'Day', rows: byDay },
            { caption: 'By utm_source', keyLabel: 'utm_source', rows: bySource },
            { caption: 'By variant', keyLabel: 'Variant', rows: byVariant, hasViews: false },
          ]}
        />
      </section>
      <LandingPageEditor initial={initial} campaigns={campaigns} submitLabel="Save" save={updateLandingPageAction.bind(null, page.id)} update={updateLandingPageAction} images={stored} />
    </>
  );
}
