import { faFileExport, faFilter, faPlus, faUsers } from '@fortawesome/free-solid-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import type { Metadata } from 'next';
import Link from 'next/link';
import { BulkActions } from '@/components/leads/bulk-actions';
import { LeadFilters } from '@/components/leads/lead-filters';
import { LeadSelectionProvider } from '@/components/leads/lead-selection';
import { LeadsTable } from '@/components/leads/leads-table';
import { EmptyState } from '@/components/ui/empty-state';
import { IgnoredParams } from '@/components/ui/ignored-params';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageContext } from '@/lib/auth/session';
import { filterToParams, isFiltered, LEAD_SORT_LABELS, type LeadFilter } from '@/lib/leads/lead-filters';
import { countMatchingLeads, type MatchCount } from '@/lib/leads/count-matching-leads';
import { leadListQuerySchema, leadListQueryShape, listLeads, LEADS_PAGE_SIZE } from '@/lib/leads/list-leads';
import { queryErrors } from '@/lib/validation/query-param';
import { countLeadsAction, deleteLeadsAction, tagLeadsAction } from './actions';

export const metadata: Metadata = { title: 'Leads' };

const PARAM_LABELS: Record<string, string> = {
  q: 'search', source: 'source', tag: 'tag', status: 'status', createdFrom: 'created from', createdTo: 'created to',
  optedOut: 'opted out', replied: 'replied', sort: 'sort', cursor: 'page', dir: 'page direction',
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function pageHref(filter: LeadFilter, cursor: string, dir: 'next' | 'prev'): string {
  const params = filterToParams(filter);
  params.set('cursor', cursor);
  params.set('dir', dir);
  return `/leads?${params.toString()}`;
}

function MatchCountText({ matches, hasSearch }: { matches: MatchCount; hasSearch: boolean }) {
  const n = matches.count.toLocaleString('en');
  const text = matches.isCapped ? `More than ${n} leads match` : `${n} ${matches.count === 1 ? 'lead matches' : 'leads match'}`;
  return (
    <>
      <strong data-testid="match-count">{text}</strong>
      {hasSearch ? ' (accents and case ignored)' : ''}.{' '}
    </>
  );
}

export default async function LeadsPage({ searchParams }: Props) {
  const ctx = await requirePageContext();
  const raw = await searchParams;
  const { cursor, dir, ...filter } = leadListQuerySchema.parse(raw);
  // The count only narrows what a filter shows; an unfiltered list is the whole workspace.
  const [page, matches] = await Promise.all([
    listLeads(ctx.workspace.id, { ...filter, cursor, dir }),
    isFiltered(filter) ? countMatchingLeads(ctx.workspace.id, filter) : null,
  ]);
  const ignored = queryErrors(leadListQueryShape, raw);
  if (page.isCursorIgnored) ignored.push({ field: 'cursor', message: 'not a page of this list; showing the first page' });
  const hasMorePages = Boolean(page.prevCursor || page.nextCursor);

  return (
    <>
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-2">
        <PageHeader title="Leads">
          {matches && <MatchCountText matches={matches} hasSearch={Boolean(filter.q)} />}
          {LEAD_SORT_LABELS[page.sort]}
          {filter.q ? ', exact name or e-mail matches first' : ''}, {LEADS_PAGE_SIZE} per page.
        </PageHeader>
        {/* GET forms rather than links: the list's only links to /leads/... are the leads. */}
        <div className="d-flex flex-wrap gap-2">
          {ctx.role !== 'agent' && (
            <form method="get" action="/leads/duplicates">
              <button type="submit" className="btn btn-outline-secondary">Duplicates</button>
            </form>
          )}
          {ctx.role !== 'agent' && (
            <form method="get" action="/leads/export">
              {[...filterToParams(filter)].map(([k, v]) => <input type="hidden" name={k} value={v} key={k} />)}
              <button type="submit" className="btn btn-outline-success">
                <FontAwesomeIcon icon={faFileExport} className="me-1" aria-hidden />
                Export dataset
              </button>
            </form>
          )}
          <form method="get" action="/leads/new">
            <button type="submit" className="btn btn-success">
              <FontAwesomeIcon icon={faPlus} className="me-1" aria-hidden />
              New lead
            </button>
          </form>
        </div>
      </div>
      <IgnoredParams errors={ignored} labels={PARAM_LABELS} />
      <LeadFilters filter={filter} />

      {/* Mounted whatever the page holds: a bulk action that empties it still shows its outcome. */}
      <LeadSelectionProvider key={`${JSON.stringify(filter)}|${cursor ?? ''}|${dir ?? ''}`} pageIds={page.rows.map((r) => r.id)} filter={filter}>
        <BulkActions
          hasRows={page.rows.length > 0}
          hasMorePages={hasMorePages}
          canDelete={ctx.role !== 'agent'}
          countAction={countLeadsAction}
          tagAction={tagLeadsAction}
          deleteAction={deleteLeadsAction}
        />
        {page.rows.length === 0 ? (
          isFiltered(filter) || cursor ? (
            <EmptyState icon={faFilter} title="No leads match">
              <p className="mb-0">
                {cursor ? 'This page is empty.' : 'Nothing matches these filters.'} <Link href="/leads">Show all leads</Link>.
              </p>
            </EmptyState>
          ) : (
            <EmptyState icon={faUsers} title="No leads yet">
              <p className="mb-0">
                Leads arrive from <Link href="/landing-pages">landing pages</Link>, <Link href="/imports">CSV imports</Link>{' '}
                and the API, or add one with <strong>New lead</strong>.
              </p>
            </EmptyState>
          )
        ) : (
          <LeadsTable leads={page.rows} timeZone={ctx.workspace.timezone} />
        )}
      </LeadSelectionProvider>

      {hasMorePages && (
        <nav aria-label="Leads pages" className="d-flex justify-content-between mt-3">
          {page.prevCursor ? (
            <Link className="btn btn-outline-secondary" href={pageHref(filter, page.prevCursor, 'prev')} rel="prev">
              ← Previous page
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor && (
            <Link className="btn btn-outline-secondary" href={pageHref(filter, page.nextCursor, 'next')} rel="next">
              Next page →
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
