// GET /landing-pages/new - the builder for a new page (saved as a draft unless published)
import type { Metadata } from 'next';
import Link from 'next/link';
import { LandingPageEditor } from '@/components/landing-pages/landing-page-editor';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageContext } from '@/lib/auth/session';
import { landingPageCampaignOptions, landingPageFormValues } from '@/lib/landing-pages/landing-page-form-values';
import { createLandingPageAction, updateLandingPageAction } from '../actions';

export const metadata: Metadata = { title: 'New landing page' };

export default async function NewLandingPage() {
  const ctx = await requirePageContext('admin');
  const initial = await landingPageFormValues(ctx.workspace.id, null, ctx.workspace.defaultCountry ?? 'BR');
  return (
    <>
      <nav aria-label="Breadcrumb" className="small mb-2">
        <Link href="/landing-pages">Landing pages</Link> / <span aria-current="page">New</span>
      </nav>
      <PageHeader title="New landing page">Drafts are visible only to your workspace until you publish them.</PageHeader>
      <LandingPageEditor initial={initial} campaigns={await landingPageCampaignOptions(ctx.workspace.id)} submitLabel="Save" save={createLandingPageAction} update={updateLandingPageAction} />
    </>
  );
}
