import { faFilter, faUsers } from '@fortawesome/free-solid-svg-icons';
import type { Metadata } from 'next';
import Link from 'next/link';
import { LeadFilters } from '@/components/leads/lead-filters';
import { LeadsTable } from '@/components/leads/leads-table';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageContext } from '@/lib/auth/session';
import { leadListQuerySchema, listLeads, type LeadListQuery } from '@/lib/leads/list-leads';

export const metadata: Metadata = { title: 'Leads' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function pageHref(query: LeadListQuery, cursor: string, dir: 'next' | 'prev'): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.source) params.set('source', query.source);
  params.set('cursor', cursor);
  params.set('dir', dir);
  return `/leads?${params.toString()}`;
}

export default async function LeadsPage({ searchParams }: Props) {
  const ctx = await requirePageContext();
  const query = leadListQuerySchema.parse(await searchParams);
  const page = await listLeads(ctx.workspace.id, query);
  const isFiltered = Boolean(query.q || query.source || query.cursor);

  return (
    <>
      <PageHeader title="Leads">Newest first, 50 per page.</PageHeader>
      <LeadFilters q={query.q} source={query.source} />

      {page.rows.length === 0 ? (
        isFiltered ? (
          <EmptyState icon={faFilter} title="No leads match">
            <p className="mb-0">
              {query.cursor ? 'This page is empty.' : 'Nothing matches this search.'} <Link href="/leads">Show all leads</Link>.
            </p>
          </EmptyState>
        ) : (
          <EmptyState icon={faUsers} title="No leads yet">
            <p className="mb-0">
              Leads arrive from <Link href="/landing-pages">landing pages</Link>, <Link href="/imports">CSV imports</Link>{' '}
              and the API.
            </p>
          </EmptyState>
        )
      ) : (
        <LeadsTable leads={page.rows} timeZone={ctx.workspace.timezone} />
      )}

      {(page.prevCursor || page.nextCursor) && (
        <nav aria-label="Leads pages" className="d-flex justify-content-between mt-3">
          {page.prevCursor ? (
            <Link className="btn btn-outline-secondary" href={pageHref(query, page.prevCursor, 'prev')} rel="prev">
              ← Previous page
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor && (
            <Link className="btn btn-outline-secondary" href={pageHref(query, page.nextCursor, 'next')} rel="next">
              Next page →
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
