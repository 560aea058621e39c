import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { LandingForm } from '@/components/leadgen/landing-form';
import { getPublicLandingPage } from '@/lib/leadgen/get-public-landing-page';
import { submitLandingAction } from './actions';

// GET /lp/<slug> - a published landing page; its form posts to a server action (no JS needed).
type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'];

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = await getPublicLandingPage((await params).slug);
  return { title: page?.title ?? 'Not found' };
}

export default async function LandingPageRoute({ params, searchParams }: Props) {
  const { slug } = await params;
  const page = await getPublicLandingPage(slug);
  if (!page) notFound();
  const query = await searchParams;
  const utm = Object.fromEntries(
    UTM_KEYS.flatMap((k) => (typeof query[k] === 'string' ? [[k, (query[k] as string).slice(0, 200)]] : [])),
  );
  return (
    <main className="wl-lp d-flex align-items-center justify-content-center p-3">
      <div className="bg-white rounded-4 shadow-sm p-4 p-md-5" style={{ width: '100%', maxWidth: 520 }}>
        <h1 className="h3 fw-bold mb-2">{page.headline}</h1>
        {page.description && <p className="text-muted mb-4">{page.description}</p>}
        <LandingForm action={submitLandingAction.bind(null, page.slug)} fields={page.fields} consentText={page.consentText} utm={utm} />
      </div>
    </main>
  );
}
