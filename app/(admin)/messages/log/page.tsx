// GET /messages/log - live queue depth and rate per sender, and the filterable message log
import { faComments } from '@fortawesome/free-solid-svg-icons';
import type { Metadata } from 'next';
import Link from 'next/link';
import { LogAutoRefresh } from '@/components/messages/log-auto-refresh';
import { LogFilters } from '@/components/messages/log-filters';
import { LogQueueOverview } from '@/components/messages/log-queue-overview';
import { MessageLogTable } from '@/components/messages/message-log-table';
import { EmptyState } from '@/components/ui/empty-state';
import { IgnoredParams } from '@/components/ui/ignored-params';
import { requirePageContext } from '@/lib/auth/session';
import { getLogFilterOptions } from '@/lib/messages/get-log-filter-options';
import { getQueueOverview } from '@/lib/messages/get-queue-overview';
import { listMessageLog, MESSAGE_LOG_LIMIT, messageLogQuerySchema, messageLogQueryShape } from '@/lib/messages/list-message-log';
import { queryErrors } from '@/lib/validation/query-param';
import { cancelMessageAction, retryMessageAction } from './actions';

export const metadata: Metadata = { title: 'Message log' };
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MessageLogPage({ searchParams }: Props) {
  const ctx = await requirePageContext();
  const raw = await searchParams;
  const query = messageLogQuerySchema.parse(raw);
  const [rows, overview, options] = await Promise.all([
    listMessageLog(ctx.workspace.id, query, { timeZone: ctx.workspace.timezone }),
    getQueueOverview(ctx.workspace.id),
    getLogFilterOptions(ctx.workspace.id),
  ]);
  const isFiltered = Object.values(query).some((v) => v !== undefined);
  const canAct = ctx.role !== 'agent';

  return (
    <>
      {/* The Messages layout renders the page's h1 and the tabs. */}
      <div className="d-flex flex-wrap align-items-start justify-content-between gap-2 mb-3">
        <div>
          <h2 className="h5 mb-1">Message log</h2>
          <p className="text-muted small mb-0">The queue per sender phone and the latest {MESSAGE_LOG_LIMIT} messages, newest first. Times are in the workspace’s zone, {ctx.workspace.timezone}.</p>
        </div>
        <LogAutoRefresh timeZone={ctx.workspace.timezone} />
      </div>
      <LogQueueOverview overview={overview} />
      <IgnoredParams errors={queryErrors(messageLogQueryShape, raw)} labels={{ from: 'from', to: 'to' }} />
      <LogFilters query={query} options={options} />
      {rows.length === 0 ? (
        <EmptyState icon={faComments} title={isFiltered ? 'No messages match these filters' : 'No messages yet'}>
          {isFiltered ? (
            <p className="mb-0"><Link href="/messages/log">Clear the filters</Link>.</p>
          ) : (
            <p className="mb-0">Messages appear here as soon as a campaign queues them.</p>
          )}
        </EmptyState>
      ) : (
        <MessageLogTable
          rows={rows}
          timeZone={ctx.workspace.timezone}
          actions={canAct ? { retry: retryMessageAction, cancel: cancelMessageAction } : undefined}
        />
      )}
    </>
  );
}
