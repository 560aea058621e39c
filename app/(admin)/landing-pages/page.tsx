import { faArrowUpRightFromSquare, faWindowMaximize } from '@fortawesome/free-solid-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import type { Metadata } from 'next';
import Link from 'next/link';
import Badge from 'react-bootstrap/Badge';
import Table from 'react-bootstrap/Table';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDateTime, formatNumber } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageContext } from '@/lib/auth/session';
import { listLandingPages } from '@/lib/landing-pages/list-landing-pages';

export const metadata: Metadata = { title: 'Landing pages' };

export default async function LandingPagesPage() {
  const ctx = await requirePageContext();
  const pages = await listLandingPages(ctx.workspace.id);

  return (
    <>
      <PageHeader title="Landing pages">Public forms that turn visitors into leads, with their consent to be messaged.</PageHeader>
      <p>
        <Link href="/landing-pages/new" className="btn btn-primary">
          New landing page
        </Link>
      </p>
      {pages.length === 0 ? (
        <EmptyState icon={faWindowMaximize} title="No landing pages yet">
          <p className="mb-0">
            Each landing page gets a public address under <code>/lp/</code>. Leads who fill it in appear under Leads with
            the page and UTM parameters they came from, and active campaigns can message them right away.
          </p>
        </EmptyState>
      ) : (
        <div className="table-responsive bg-white rounded shadow-sm">
          <Table className="mb-0 align-middle" aria-label="Landing pages">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Public link</th>
                <th scope="col">Status</th>
                <th scope="col" className="text-end">Leads captured</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {pages.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link href={`/landing-pages/${p.id}`} className="fw-semibold">
                      {p.title}
                    </Link>
                    <div className="small text-muted">{p.headline}</div>
                  </td>
                  <td>
                    {p.isPublished ? (
                      <a href={`/lp/${p.slug}`} target="_blank" rel="noreferrer">
                        /lp/{p.slug} <FontAwesomeIcon icon={faArrowUpRightFromSquare} className="small" aria-hidden />
                        <span className="visually-hidden">(opens in a new tab)</span>
                      </a>
                    ) : (
                      <span className="text-muted">/lp/{p.slug}</span>
                    )}
                  </td>
                  <td>
                    {p.status === 'published' ? <Badge bg="success">Published</Badge> : p.status === 'archived' ? <Badge bg="dark">Archived</Badge> : <Badge bg="secondary">Draft</Badge>}
                  </td>
                  <td className="text-end">{formatNumber(p.leadsCaptured)}</td>
                  <td className="small text-nowrap">{formatDateTime(p.createdAt, ctx.workspace.timezone)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </>
  );
}
