import { faBullhorn, faPlus } from '@fortawesome/free-solid-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import type { Metadata } from 'next';
import Link from 'next/link';
import { CampaignsTable } from '@/components/campaigns/campaigns-table';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageContext } from '@/lib/auth/session';
import { completeIfFinished } from '@/lib/campaigns/get-campaign-detail';
import { listCampaigns } from '@/lib/campaigns/list-campaigns';

export const metadata: Metadata = { title: 'Campaigns' };

export default async function CampaignsPage() {
  const ctx = await requirePageContext();
  await completeIfFinished(ctx.workspace.id);
  const campaigns = await listCampaigns(ctx.workspace.id);
  const canManage = ctx.role !== 'agent';

  return (
    <>
      <PageHeader title="Campaigns">Which leads get which message, from which phone, and how each campaign is doing.</PageHeader>
      {canManage && (
        <div className="d-flex flex-wrap gap-2 mb-3">
          <Link href="/campaigns/new?kind=automated" className="btn btn-success">
            <FontAwesomeIcon icon={faPlus} className="me-1" aria-hidden />
            New automated campaign
          </Link>
          <Link href="/campaigns/new?kind=broadcast" className="btn btn-outline-success">
            <FontAwesomeIcon icon={faPlus} className="me-1" aria-hidden />
            New broadcast
          </Link>
        </div>
      )}
      {campaigns.length === 0 ? (
        <EmptyState icon={faBullhorn} title="No campaigns yet">
          <p className="mb-0">
            A campaign sends a <Link href="/messages">template</Link> from one of your{' '}
            <Link href="/phones">sender phones</Link> to new leads as they arrive, or to a segment at once. Message counts
            per campaign appear here once it runs.
          </p>
        </EmptyState>
      ) : (
        <CampaignsTable campaigns={campaigns} timeZone={ctx.workspace.timezone} />
      )}
    </>
  );
}
