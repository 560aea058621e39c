import Link from 'next/link';
import { formatDateTime, SOURCE_LABELS } from '@/components/ui/format';
import type { LeadListRow } from '@/lib/leads/list-leads';

export function RecentLeads({ leads, timeZone }: { leads: LeadListRow[]; timeZone: string }) {
  if (leads.length === 0) return <p className="text-muted p-3 mb-0">No leads yet.</p>;
  return (
    <ul className="list-group list-group-flush" aria-label="Recent leads">
      {leads.map((lead) => (
        <li key={lead.id} className="list-group-item d-flex flex-wrap justify-content-between gap-2">
          <div>
            <Link href={`/leads/${lead.id}`} className="fw-semibold">
              {lead.name || lead.phoneE164}
            </Link>
            <div className="small text-muted">
              {lead.phoneE164} · {SOURCE_LABELS[lead.source] ?? lead.source}
            </div>
          </div>
          <time className="small text-muted" dateTime={lead.createdAt.toISOString()}>
            {formatDateTime(lead.createdAt, timeZone)}
          </time>
        </li>
      ))}
    </ul>
  );
}
