// GET /campaigns/new?kind=automated|broadcast - the form of a new campaign (saved as a draft)
import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { CampaignForm } from '@/components/campaigns/campaign-form';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageContext } from '@/lib/auth/session';
import { newCampaignFormValues } from '@/lib/campaigns/form-values';
import { getCampaignFormOptions } from '@/lib/campaigns/get-campaign-form-options';
import { queryParam } from '@/lib/validation/query-param';
import { createCampaignAction } from '../actions';

export const metadata: Metadata = { title: 'New campaign' };

const querySchema = z.object({ kind: queryParam(z.enum(['automated', 'broadcast']).optional()).catch(undefined) });
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NewCampaignPage({ searchParams }: Props) {
  const ctx = await requirePageContext('admin');
  const { kind } = querySchema.parse(await searchParams);
  const options = await getCampaignFormOptions(ctx.workspace.id);
  const initial = newCampaignFormValues(kind ?? 'automated', {
    templateId: options.templates[0]?.id,
    senderPhoneId: options.senders.find((s) => s.status === 'active')?.id,
  });
  return (
    <>
      <nav aria-label="Breadcrumb" className="small mb-2">
        <Link href="/campaigns">Campaigns</Link> / <span aria-current="page">New</span>
      </nav>
      <PageHeader title="New campaign">Saved as a draft: nothing is sent until you start it.</PageHeader>
      <CampaignForm
        initial={initial}
        options={options}
        timeZone={ctx.workspace.timezone}
        isKindLocked={false}
        submitLabel="Save draft"
        cancelHref="/campaigns"
        save={createCampaignAction}
      />
    </>
  );
}
