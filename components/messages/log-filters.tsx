import Link from 'next/link';
import { MESSAGE_STATUSES } from '@/db/schema';
import type { MessageLogQuery } from '@/lib/messages/list-message-log';
import { STATUS_STYLE } from './status-badge';

type Options = { campaigns: { id: string; name: string }[]; senders: { id: string; label: string }[] };

// A plain GET form: every filtered view has its own URL and works without JavaScript.
export function LogFilters({ query, options }: { query: MessageLogQuery; options: Options }) {
  return (
    <form method="get" action="/messages/log" role="search" aria-label="Filter messages" className="row g-2 align-items-end mb-3">
      <div className="col-6 col-md-2">
        <label htmlFor="log-status" className="form-label small mb-1">Status</label>
        <select id="log-status" name="status" className="form-select" defaultValue={query.status ?? ''}>
          <option value="">All</option>
          {MESSAGE_STATUSES.map((s) => (
            <option key={s} value={s}>{STATUS_STYLE[s].label}</option>
          ))}
        </select>
      </div>
      <div className="col-6 col-md-3">
        <label htmlFor="log-reason" className="form-label small mb-1">Reason or error code</label>
        <input id="log-reason" name="reason" className="form-control" defaultValue={query.reason ?? ''} maxLength={100} placeholder="e.g. opted out" />
      </div>
      <div className="col-6 col-md-4">
        <label htmlFor="log-campaign" className="form-label small mb-1">Campaign</label>
        <select id="log-campaign" name="campaign" className="form-select" defaultValue={query.campaign ?? ''}>
          <option value="">All</option>
          {options.campaigns.map((c) => (
            <option key={c.id} value={c.id}>{c.name}</option>
          ))}
        </select>
      </div>
      <div className="col-6 col-md-3">
        <label htmlFor="log-sender" className="form-label small mb-1">Sender</label>
        <select id="log-sender" name="sender" className="form-select" defaultValue={query.sender ?? ''}>
          <option value="">All</option>
          {options.senders.map((s) => (
            <option key={s.id} value={s.id}>{s.label}</option>
          ))}
        </select>
      </div>
      <div className="col-6 col-md-3">
        <label htmlFor="log-from" className="form-label small mb-1">From</label>
        <input id="log-from" name="from" type="date" className="form-control" defaultValue={query.from ?? ''} />
      </div>
      <div className="col-6 col-md-3">
        <label htmlFor="log-to" className="form-label small mb-1">To</label>
        <input id="log-to" name="to" type="date" className="form-control" defaultValue={query.to ?? ''} />
      </div>
      <div className="col-12 col-md-6 d-flex gap-2">
        <button type="submit" className="btn btn-success px-4">Filter</button>
        <Link href="/messages/log" className="btn btn-outline-secondary">Clear</Link>
      </div>
    </form>
  );
}
