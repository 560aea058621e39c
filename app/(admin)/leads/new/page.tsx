import type { Metadata } from 'next';
import Link from 'next/link';
import { LeadForm } from '@/components/leads/lead-form';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageContext } from '@/lib/auth/session';
import { EMPTY_LEAD_FORM } from '@/lib/leads/schema';
import { createLeadAction } from '../actions';

export const metadata: Metadata = { title: 'New lead' };

export default async function NewLeadPage() {
  const ctx = await requirePageContext();
  return (
    <>
      <nav aria-label="Breadcrumb" className="small mb-2">
        <Link href="/leads">Leads</Link> / <span aria-current="page">New lead</span>
      </nav>
      <PageHeader title="New lead">Adding a lead here sends nothing: campaigns start from landing pages, the API and imports.</PageHeader>
      <LeadForm
        defaultValues={EMPTY_LEAD_FORM}
        defaultCountry={ctx.workspace.defaultCountry}
        submitLabel="Create lead"
        cancelHref="/leads"
        action={createLeadAction}
      />
    </>
  );
}
