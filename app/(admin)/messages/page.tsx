import { faComments, faFileLines } from '@fortawesome/free-solid-svg-icons';
import type { Metadata } from 'next';
import Link from 'next/link';
import { MessageLogTable } from '@/components/messages/message-log-table';
import { STATUS_STYLE } from '@/components/messages/status-badge';
import { TemplatesTable } from '@/components/messages/templates-table';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { MESSAGE_STATUSES } from '@/db/schema';
import { requirePageContext } from '@/lib/auth/session';
import { listMessageLog, MESSAGE_LOG_LIMIT, messageLogQuerySchema } from '@/lib/messages/list-message-log';
import { listTemplates } from '@/lib/templates/list-templates';

export const metadata: Metadata = { title: 'Messages' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MessagesPage({ searchParams }: Props) {
  const ctx = await requirePageContext();
  const query = messageLogQuerySchema.parse(await searchParams);
  const [rows, templates] = await Promise.all([listMessageLog(ctx.workspace.id, query), listTemplates(ctx.workspace.id)]);

  return (
    <>
      <PageHeader title="Messages">The latest {MESSAGE_LOG_LIMIT} outbound messages, newest first.</PageHeader>

      <form method="get" action="/messages" className="row g-2 align-items-end mb-3">
        <div className="col-8 col-md-4">
          <label htmlFor="message-status" className="form-label small mb-1">Status</label>
          <select id="message-status" name="status" className="form-select" defaultValue={query.status ?? ''}>
            <option value="">All statuses</option>
            {MESSAGE_STATUSES.map((s) => (
              <option key={s} value={s}>{STATUS_STYLE[s].label}</option>
            ))}
          </select>
        </div>
        <div className="col-4 col-md-2 d-grid">
          <button type="submit" className="btn btn-success">Filter</button>
        </div>
      </form>

      {rows.length === 0 ? (
        <EmptyState icon={faComments} title={query.status ? `No ${STATUS_STYLE[query.status].label.toLowerCase()} messages` : 'No messages yet'}>
          {query.status ? (
            <p className="mb-0"><Link href="/messages">Show all statuses</Link>.</p>
          ) : (
            <p className="mb-0">Messages appear here as soon as an active campaign queues them for a new lead.</p>
          )}
        </EmptyState>
      ) : (
        <MessageLogTable rows={rows} timeZone={ctx.workspace.timezone} />
      )}

      <h2 className="h5 mt-5 mb-3">Templates</h2>
      {templates.length === 0 ? (
        <EmptyState icon={faFileLines} title="No templates yet" headingLevel={3}>
          <p className="mb-0">A template is the text a campaign sends, with placeholders such as {'{{first_name}}'}.</p>
        </EmptyState>
      ) : (
        <TemplatesTable templates={templates} />
      )}
    </>
  );
}
