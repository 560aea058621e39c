// /appointments/[id]/edit - change, move or cancel an appointment.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AppointmentForm } from '@/components/appointments/appointment-form';
import { PageHeader } from '@/components/ui/page-header';
import { getAppointment } from '@/lib/appointments/list-appointments';
import { listAppointmentMessages } from '@/lib/appointments/list-appointment-messages';
import { requirePageContext } from '@/lib/auth/session';
import { toLocalInput } from '@/lib/campaigns/form-values';
import { pageId } from '@/lib/validation/ids';
import { updateAppointmentAction } from '../../actions';

export const metadata: Metadata = { title: 'Edit appointment' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EditAppointmentPage({ params, searchParams }: Props) {
  const ctx = await requirePageContext();
  const id = pageId((await params).id);
  const back = (await searchParams).back === 'lead' ? 'lead' : 'list';
  const a = await getAppointment(ctx.workspace.id, id);
  if (!a) notFound();
  const tz = ctx.workspace.timezone;
  const sends = await listAppointmentMessages(ctx.workspace.id, a.id);
  const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: tz, dateStyle: 'medium', timeStyle: 'short' });
  const doneHref = back === 'lead' ? `/leads/${a.leadId}` : '/appointments';
  return (
    <>
      <nav aria-label="Breadcrumb" className="small mb-2">
        <Link href="/appointments">Appointments</Link> / <span aria-current="page">{a.title}</span>
      </nav>
      <PageHeader title={`Edit ${a.title}`}>
        With <Link href={`/leads/${a.leadId}`}>the lead</Link>.
      </PageHeader>
      <AppointmentForm
        defaultValues={{
          leadId: a.leadId, title: a.title, startsLocal: toLocalInput(a.startsAt, tz), endsLocal: a.endsAt ? toLocalInput(a.endsAt, tz) : '',
          status: a.status, notes: a.notes ?? '', externalId: a.externalId ?? '',
        }}
        timeZone={tz}
        submitLabel="Save changes"
        cancelHref={doneHref}
        doneHref={doneHref}
        action={updateAppointmentAction.bind(null, a.id)}
      />
      <section className="mt-4" aria-labelledby="appointment-messages">
        <h2 id="appointment-messages" className="h6">Campaign messages about this appointment</h2>
        {sends.length === 0 && <p className="small text-muted">None.</p>}
        <ul className="list-unstyled small" aria-label="Campaign messages">
          {sends.map((m) => (
            <li key={m.id} data-testid="appointment-message">
              {m.campaignName ?? 'Campaign'} ({String(m.payload?.appointmentEvent ?? '')}): {m.status}
              {m.status === 'queued' ? `, due ${fmt.format(m.dueAt)} (${tz})` : ''}
              {m.statusReason ? ` · ${m.statusReason}` : ''}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
