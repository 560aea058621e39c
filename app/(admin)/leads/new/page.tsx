import type { Metadata } from 'next';
import Link from 'next/link';
import { LeadForm } from '@/components/leads/lead-form';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageContext } from '@/lib/auth/session';
import { listManualLeadCampaigns } from '@/lib/campaigns/list-manual-lead-campaigns';
import { EMPTY_LEAD_FORM } from '@/lib/leads/schema';
import { createLeadAction } from '../actions';

export const metadata: Metadata = { title: 'New lead' };

export default async function NewLeadPage() {
  const ctx = await requirePageContext();
  const manualCampaigns = await listManualLeadCampaigns(ctx.workspace.id);
  return (
    <>
      <nav aria-label="Breadcrumb" className="small mb-2">
        <Link href="/leads">Leads</Link> / <span aria-current="page">New lead</span>
      </nav>
      <PageHeader title="New lead">
        {manualCampaigns.length === 0
          ? 'Adding a lead here sends nothing: no active automated campaign lists the Manual source.'
          : 'With their consent, a lead added here can get the automated campaigns for manual leads (below).'}
      </PageHeader>
      <LeadForm
        defaultValues={{ ...EMPTY_LEAD_FORM, triggerCampaigns: manualCampaigns.length > 0 }}
        manualCampaignNames={manualCampaigns.map((c) => c.name)}
        defaultCountry={ctx.workspace.defaultCountry}
        submitLabel="Create lead"
        cancelHref="/leads"
        action={createLeadAction}
      />
    </>
  );
}
