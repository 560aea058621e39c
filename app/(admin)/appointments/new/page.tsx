// /appointments/new - book an appointment: pick a lead (search), then the form.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AppointmentForm } from '@/components/appointments/appointment-form';
import { PageHeader } from '@/components/ui/page-header';
import { nextFullHour } from '@/lib/appointments/local-time';
import { requirePageContext } from '@/lib/auth/session';
import { toLocalInput } from '@/lib/campaigns/form-values';
import { getLeadDetail } from '@/lib/leads/get-lead-detail';
import { listLeads } from '@/lib/leads/list-leads';
import { isId } from '@/lib/validation/strict-values';
import { createAppointmentAction } from '../actions';

export const metadata: Metadata = { title: 'New appointment' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NewAppointmentPage({ searchParams }: Props) {
  const ctx = await requirePageContext();
  const raw = await searchParams;
  const leadId = typeof raw.leadId === 'string' ? raw.leadId : undefined;
  // PostgreSQL text cannot hold U+0000: a forged one is dropped, not sent to the search.
  const q = typeof raw.q === 'string' ? raw.q.replaceAll('\u0000', '').slice(0, 100) : '';
  if (leadId !== undefined) {
    if (!isId(leadId)) notFound();
    const lead = await getLeadDetail(ctx.workspace.id, leadId);
    if (!lead) notFound();
    const label = lead.name || lead.phoneE164;
    // Default: the next full hour, in the workspace's zone.
    const start = nextFullHour();
    return (
      <>
        <nav aria-label="Breadcrumb" className="small mb-2">
          <Link href="/appointments">Appointments</Link> / <span aria-current="page">New</span>
        </nav>
        <PageHeader title={`New appointment with ${label}`} />
        <AppointmentForm
          defaultValues={{ leadId: lead.id, title: '', startsLocal: toLocalInput(start, ctx.workspace.timezone), endsLocal: '', status: 'scheduled', notes: '', externalId: '' }}
          timeZone={ctx.workspace.timezone}
          submitLabel="Create appointment"
          cancelHref={`/leads/${lead.id}`}
          doneHref={`/leads/${lead.id}`}
          action={createAppointmentAction}
        />
      </>
    );
  }
  const found = q ? (await listLeads(ctx.workspace.id, { q }, { pageSize: 20 })).rows : [];
  return (
    <>
      <nav aria-label="Breadcrumb" className="small mb-2">
        <Link href="/appointments">Appointments</Link> / <span aria-current="page">New</span>
      </nav>
      <PageHeader title="New appointment">First find the lead it is with.</PageHeader>
      <form method="get" className="d-flex gap-2 mb-3" role="search">
        <label htmlFor="lead-q" className="visually-hidden">Name, phone or e-mail</label>
        <input id="lead-q" name="q" defaultValue={q} className="form-control" placeholder="Name, phone or e-mail" />
        <button type="submit" className="btn btn-primary">Find</button>
      </form>
      {q && found.length === 0 && <p className="text-muted">No lead matches “{q}”.</p>}
      <ul className="list-group">
        {found.map((l) => (
          <li key={l.id} className="list-group-item">
            <Link href={`/appointments/new?leadId=${l.id}`}>{l.name || l.phoneE164}</Link>
            <span className="text-muted small ms-2">{l.phoneE164}{l.email ? ` · ${l.email}` : ''}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
