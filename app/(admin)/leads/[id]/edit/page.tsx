import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LeadForm } from '@/components/leads/lead-form';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageContext } from '@/lib/auth/session';
import { pageId } from '@/lib/validation/ids';
import { getLeadDetail } from '@/lib/leads/get-lead-detail';
import { leadToForm } from '@/lib/leads/lead-to-form';
import { updateLeadAction } from '../../actions';

export const metadata: Metadata = { title: 'Edit lead' };

type Props = { params: Promise<{ id: string }> };

export default async function EditLeadPage({ params }: Props) {
  const ctx = await requirePageContext();
  const id = pageId((await params).id);
  const lead = await getLeadDetail(ctx.workspace.id, id);
  if (!lead) notFound();
  const label = lead.name || lead.phoneE164;
  return (
    <>
      <nav aria-label="Breadcrumb" className="small mb-2">
        <Link href="/leads">Leads</Link> / <Link href={`/leads/${lead.id}`}>{label}</Link> / <span aria-current="page">Edit</span>
      </nav>
      <PageHeader title={`Edit ${label}`} />
      <LeadForm
        defaultValues={leadToForm(lead)}
        defaultCountry={ctx.workspace.defaultCountry}
        submitLabel="Save changes"
        cancelHref={`/leads/${lead.id}`}
        action={updateLeadAction.bind(null, lead.id)}
      />
    </>
  );
}
