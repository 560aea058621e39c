// GET /campaigns/[id]/edit - edit a draft, or the rules of a running automated campaign
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import Alert from 'react-bootstrap/Alert';
import { CampaignForm } from '@/components/campaigns/campaign-form';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageContext } from '@/lib/auth/session';
import { pageId } from '@/lib/validation/ids';
import { campaignFormValues } from '@/lib/campaigns/form-values';
import { getCampaignDetail } from '@/lib/campaigns/get-campaign-detail';
import { getCampaignFormOptions } from '@/lib/campaigns/get-campaign-form-options';
import { updateCampaignAction } from '../../actions';

export const metadata: Metadata = { title: 'Edit campaign' };
type Props = { params: Promise<{ id: string }> };

export default async function EditCampaignPage({ params }: Props) {
  const ctx = await requirePageContext('admin');
  const id = pageId((await params).id);
  const detail = await getCampaignDetail(ctx.workspace.id, id);
  if (!detail) notFound();
  const c = detail.campaign;
  const isEditable = !(c.status === 'stopped' || c.status === 'completed' || (c.kind === 'broadcast' && c.status !== 'draft'));
  const options = await getCampaignFormOptions(ctx.workspace.id);
  return (
    <>
      <nav aria-label="Breadcrumb" className="small mb-2">
        <Link href="/campaigns">Campaigns</Link> / <Link href={`/campaigns/${c.id}`}>{c.name}</Link> / <span aria-current="page">Edit</span>
      </nav>
      <PageHeader title={`Edit ${c.name}`}>
        {c.status === 'draft' ? 'A draft: change anything.' : 'Changes apply to leads captured from now on.'}
      </PageHeader>
      {isEditable ? (
        <CampaignForm
          initial={campaignFormValues(c, ctx.workspace.timezone)}
          options={options}
          timeZone={ctx.workspace.timezone}
          isKindLocked={c.status !== 'draft'}
          submitLabel="Save changes"
          cancelHref={`/campaigns/${c.id}`}
          save={updateCampaignAction.bind(null, c.id)}
        />
      ) : (
        <Alert variant="secondary">
          This campaign is {c.status}
          {c.kind === 'broadcast' && c.status !== 'draft' ? ' and its audience is already queued' : ''}: it can no longer be edited.
        </Alert>
      )}
    </>
  );
}
