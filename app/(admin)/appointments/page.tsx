// /appointments - the workspace's appointments: filters, counts by status, list or week view.
import type { Metadata } from 'next';
import Link from 'next/link';
import Table from 'react-bootstrap/Table';
import { PageHeader } from '@/components/ui/page-header';
import { listAppointments, type AppointmentRow } from '@/lib/appointments/list-appointments';
import { localDay } from '@/lib/appointments/local-time';
import { APPOINTMENT_STATUSES, APPOINTMENT_STATUS_LABELS, appointmentFiltersSchema } from '@/lib/appointments/schema';
import { addDays, weekDays } from '@/lib/appointments/week';
import { requirePageContext } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Appointments' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (typeof v === 'string' && v !== '' ? v : undefined);

export default async function AppointmentsPage({ searchParams }: Props) {
  const ctx = await requirePageContext();
  const tz = ctx.workspace.timezone;
  const raw = await searchParams;
  const isWeek = raw.view === 'week';
  const filters = appointmentFiltersSchema.parse({ from: one(raw.from), to: one(raw.to), status: one(raw.status), leadId: one(raw.leadId), source: one(raw.source) });
  const days = isWeek ? weekDays(filters.from ?? localDay(new Date(), tz)) : [];
  const effective = isWeek ? { ...filters, from: days[0], to: days[6] } : filters;
  const { rows, counts, sources } = await listAppointments(ctx.workspace.id, effective, tz);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit' });
  const dateTime = new Intl.DateTimeFormat('en-GB', { timeZone: tz, dateStyle: 'medium', timeStyle: 'short' });
  const qs = (over: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filters, view: isWeek ? 'week' : undefined, ...over })) if (v) p.set(k, v);
    return `/appointments?${p}`;
  };

  return (
    <>
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-2">
        <PageHeader title="Appointments">Times in {tz}.</PageHeader>
        <Link href="/appointments/new" className="btn btn-primary">New appointment</Link>
      </div>
      <ul className="list-inline mb-3" aria-label="Counts by status">
        {APPOINTMENT_STATUSES.map((s) => (
          <li key={s} className="list-inline-item">
            <Link href={qs({ status: s })} className="badge text-bg-light border text-decoration-none" data-testid={`count-${s}`}>
              {APPOINTMENT_STATUS_LABELS[s]}: {counts[s]}
            </Link>
          </li>
        ))}
      </ul>
      <form method="get" className="row g-2 align-items-end mb-3" aria-label="Filters">
        {isWeek && <input type="hidden" name="view" value="week" />}
        <div className="col-6 col-md-2">
          <label htmlFor="f-from" className="form-label small">{isWeek ? 'Week of' : 'From'}</label>
          <input id="f-from" type="date" name="from" defaultValue={filters.from} className="form-control" />
        </div>
        {!isWeek && (
          <div className="col-6 col-md-2">
            <label htmlFor="f-to" className="form-label small">To</label>
            <input id="f-to" type="date" name="to" defaultValue={filters.to} className="form-control" />
          </div>
        )}
        <div className="col-6 col-md-2">
          <label htmlFor="f-status" className="form-label small">Status</label>
          <select id="f-status" name="status" defaultValue={filters.status ?? ''} className="form-select">
            <option value="">Any</option>
            {APPOINTMENT_STATUSES.map((s) => <option key={s} value={s}>{APPOINTMENT_STATUS_LABELS[s]}</option>)}
          </select>
        </div>
        <div className="col-6 col-md-2">
          <label htmlFor="f-source" className="form-label small">Source</label>
          <select id="f-source" name="source" defaultValue={filters.source ?? ''} className="form-select">
            <option value="">Any</option>
            {sources.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </div>
        {filters.leadId && <input type="hidden" name="leadId" value={filters.leadId} />}
        <div className="col-auto d-flex gap-2">
          <button type="submit" className="btn btn-outline-primary">Filter</button>
          <Link href={isWeek ? '/appointments?view=week' : '/appointments'} className="btn btn-link">Clear</Link>
        </div>
      </form>
      <div className="d-flex gap-2 mb-3">
        <Link href={qs({ view: undefined })} className={`btn btn-sm ${isWeek ? 'btn-outline-secondary' : 'btn-secondary'}`} aria-current={!isWeek ? 'page' : undefined}>List</Link>
        <Link href={qs({ view: 'week' })} className={`btn btn-sm ${isWeek ? 'btn-secondary' : 'btn-outline-secondary'}`} aria-current={isWeek ? 'page' : undefined}>Week</Link>
        {isWeek && (
          <>
            <Link href={qs({ from: addDays(days[0], -7) })} className="btn btn-sm btn-link">← Previous week</Link>
            <Link href={qs({ from: addDays(days[0], 7) })} className="btn btn-sm btn-link">Next week →</Link>
          </>
        )}
      </div>
      {isWeek ? (
        <div className="row g-2" aria-label="Week">
          {days.map((d) => {
            const ofDay = rows.filter((r) => localDay(r.startsAt, tz) === d);
            return (
              <section key={d} className="col-12 col-md" aria-label={d}>
                <h2 className="h6 border-bottom pb-1">{new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(`${d}T00:00:00Z`))}</h2>
                {ofDay.length === 0 && <p className="small text-muted">—</p>}
                {ofDay.map((r) => (
                  <Link key={r.id} href={`/appointments/${r.id}/edit`} className="d-block small mb-2 text-decoration-none">
                    <strong>{time.format(r.startsAt)}</strong> {r.title}
                    <span className="d-block text-muted">{r.leadName || r.leadPhone} · {APPOINTMENT_STATUS_LABELS[r.status]}</span>
                  </Link>
                ))}
              </section>
            );
          })}
        </div>
      ) : (
        <AppointmentTable rows={rows} format={(d) => dateTime.format(d)} />
      )}
    </>
  );
}

function AppointmentTable({ rows, format }: { rows: AppointmentRow[]; format: (d: Date) => string }) {
  if (rows.length === 0) return <p className="text-muted">No appointments match.</p>;
  return (
    <div className="table-responsive">
      <Table hover className="bg-white align-middle">
        <thead>
          <tr><th scope="col">Starts</th><th scope="col">Title</th><th scope="col">Lead</th><th scope="col">Status</th><th scope="col">Source</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{format(r.startsAt)}</td>
              <td>{r.title}</td>
              <td><Link href={`/leads/${r.leadId}`}>{r.leadName || r.leadPhone}</Link></td>
              <td>{APPOINTMENT_STATUS_LABELS[r.status]}</td>
              <td>{r.source ?? '—'}</td>
              <td><Link href={`/appointments/${r.id}/edit`} aria-label={`Edit ${r.title}`}>Edit</Link></td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
