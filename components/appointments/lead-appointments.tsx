import Link from 'next/link';
import type { AppointmentRow } from '@/lib/appointments/list-appointments';
import { APPOINTMENT_STATUS_LABELS } from '@/lib/appointments/schema';

/** The lead page's appointments, soonest first, each linking to its edit form. */
export function LeadAppointments({ leadId, rows, timeZone }: { leadId: string; rows: AppointmentRow[]; timeZone: string }) {
  const fmt = new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  return (
    <>
      {rows.length === 0 && <p className="text-muted small">No appointments yet.</p>}
      <ul className="list-unstyled small mb-3">
        {rows.map((r) => (
          <li key={r.id} className="mb-2">
            <Link href={`/appointments/${r.id}/edit?back=lead`}>{r.title}</Link>
            <span className="d-block text-muted">{fmt.format(r.startsAt)} · {APPOINTMENT_STATUS_LABELS[r.status]}</span>
          </li>
        ))}
      </ul>
      <Link href={`/appointments/new?leadId=${leadId}`} className="btn btn-sm btn-outline-primary">New appointment</Link>
    </>
  );
}
