import { faFileImport } from '@fortawesome/free-solid-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import type { Metadata } from 'next';
import Link from 'next/link';
import Badge from 'react-bootstrap/Badge';
import Table from 'react-bootstrap/Table';
import { IMPORT_STATUS_BG } from '@/components/imports/import-status';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDateTime, formatNumber } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageContext } from '@/lib/auth/session';
import { listImports } from '@/lib/imports/list-imports';

export const metadata: Metadata = { title: 'Imports' };


const COUNTS = [
  ['totalRows', 'Rows'],
  ['createdCount', 'Created'],
  ['updatedCount', 'Updated'],
  ['unchangedCount', 'Unchanged'],
  ['invalidCount', 'Invalid'],
  ['duplicateCount', 'Duplicates'],
] as const;

export default async function ImportsPage() {
  const ctx = await requirePageContext();
  const rows = await listImports(ctx.workspace.id);
  const tz = ctx.workspace.timezone;

  return (
    <>
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-2">
        <PageHeader title="Imports">CSV files of leads brought into this workspace, newest first.</PageHeader>
        {ctx.role !== 'agent' && (
          <Link href="/imports/new" className="btn btn-success">
            <FontAwesomeIcon icon={faFileImport} className="me-1" aria-hidden /> Import a CSV file
          </Link>
        )}
      </div>
      {rows.length === 0 ? (
        <EmptyState icon={faFileImport} title="No imports yet">
          <p className="mb-0">
            Each CSV import will appear here with how many rows were created, updated, unchanged, invalid or duplicated.
            Large files can also be imported from the command line: <code>npm run leads:import -- file.csv</code>.
          </p>
        </EmptyState>
      ) : (
        <div className="table-responsive bg-white rounded shadow-sm">
          <Table className="mb-0 align-middle" aria-label="Import history">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Status</th>
                {COUNTS.map(([key, label]) => (
                  <th scope="col" className="text-end" key={key}>{label}</th>
                ))}
                <th scope="col">Started</th>
                <th scope="col">Finished</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link href={`/imports/${r.id}`} className="fw-semibold text-break">{r.fileName}</Link>
                    {r.kind === 'appointments' && <div className="small text-muted">Appointments</div>}
                    {r.createdByName && <div className="small text-muted">by {r.createdByName}</div>}
                  </td>
                  <td>
                    <Badge bg={IMPORT_STATUS_BG[r.status]} text={r.status === 'running' || r.status === 'reverted' ? 'dark' : undefined} className="text-capitalize">
                      {r.status}
                    </Badge>
                  </td>
                  {COUNTS.map(([key]) => (
                    <td className="text-end" key={key}>{formatNumber(r[key])}</td>
                  ))}
                  <td className="small text-nowrap">{formatDateTime(r.startedAt ?? r.createdAt, tz)}</td>
                  <td className="small text-nowrap">{formatDateTime(r.revertedAt ?? r.finishedAt, tz)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </>
  );
}
