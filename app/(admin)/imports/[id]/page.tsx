import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import Card from 'react-bootstrap/Card';
import CardBody from 'react-bootstrap/CardBody';
import Table from 'react-bootstrap/Table';
import { CancelImportButton } from '@/components/imports/cancel-import-button';
import { ImportCountsList } from '@/components/imports/import-counts';
import { RevertImportButton } from '@/components/imports/revert-import-button';
import { ImportStatusBadge } from '@/components/imports/import-status-badge';
import { formatDateTime, formatNumber, truncate } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageContext } from '@/lib/auth/session';
import { pageId } from '@/lib/validation/ids';
import { isAppError } from '@/lib/errors';
import { getImport } from '@/lib/imports/get-import';
import { listImportRejections } from '@/lib/imports/list-import-rejections';

export const metadata: Metadata = { title: 'Import' };

const REJECTIONS_SHOWN = 100;
const POLICY_LABELS = { fill_empty: 'update empty fields only', overwrite: 'overwrite', skip: 'skip' } as const;

export default async function ImportDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageContext();
  const id = pageId((await params).id);
  const imp = await getImport(ctx.workspace.id, id).catch((err: unknown) => {
    if (isAppError(err) && err.code === 'NOT_FOUND') notFound();
    throw err;
  });
  const rejections = await listImportRejections(ctx.workspace.id, id, { limit: REJECTIONS_SHOWN });
  const columns = imp.settings.columns ?? [];
  const s = imp.settings;
  const counts = {
    rows: imp.totalRows,
    created: imp.createdCount,
    updated: imp.updatedCount,
    unchanged: imp.unchangedCount,
    invalid: imp.invalidCount,
    duplicate: imp.duplicateCount,
  };
  const tz = ctx.workspace.timezone;
  const canRevert = ctx.role !== 'agent';

  return (
    <>
      <div className="mb-2 small">
        <Link href="/imports">← Imports</Link>
      </div>
      <PageHeader title={imp.fileName}>
        <ImportStatusBadge importId={imp.id} status={imp.status} />
        {imp.kind === 'appointments' ? 'appointments, ' : ''}
        started {formatDateTime(imp.startedAt ?? imp.createdAt, tz)}
        {imp.finishedAt ? `, finished ${formatDateTime(imp.finishedAt, tz)}` : ''}
        {imp.revertedAt ? `, reverted ${formatDateTime(imp.revertedAt, tz)}` : ''}
      </PageHeader>
      {(imp.status === 'running' || imp.status === 'pending') && (
        <p className="small text-muted">
          This import has not finished: its upload may still be running in another tab, or was interrupted. Rows already
          imported stay; stop it to close it, or revert it to undo them.
        </p>
      )}

      <Card className="mb-3">
        <CardBody>
          <ImportCountsList counts={counts} />
        </CardBody>
      </Card>

      <Card className="mb-3">
        <CardBody>
          <p className="mb-1 small">
            Default country <strong>{s.defaultCountry}</strong> ·{' '}
            {imp.kind === 'appointments' ? (
              <>
                rows of unknown leads: <strong>{s.unknownLeads === 'create' ? 'create the lead' : 'rejected'}</strong> · times without an offset read in{' '}
                <strong>{s.timeZone}</strong> · counts are appointments
              </>
            ) : (
              <>
                existing leads: <strong>{POLICY_LABELS[s.existing]}</strong> · campaigns <strong>{s.triggerCampaigns ? 'triggered' : 'not triggered'}</strong>
              </>
            )}
            {s.tags.length > 0 && <> · tags <strong>{s.tags.join(', ')}</strong></>}
            {s.sourceLabel && <> · source label <strong>{s.sourceLabel}</strong></>}
          </p>
          <p className="mb-3 small text-muted">
            Mapping: {Object.entries(imp.columnMapping).filter(([, t]) => t !== 'ignore').map(([c, t]) => `${c} → ${t}`).join(', ')}
          </p>
          <div className="d-flex flex-wrap gap-2">
            {imp.invalidCount + imp.duplicateCount > 0 && (
              <a className="btn btn-outline-secondary" href={`/api/imports/${imp.id}/rejections`} download>
                Download rejected rows (CSV)
              </a>
            )}
            {(imp.status === 'running' || imp.status === 'pending') && ctx.role !== 'agent' && <CancelImportButton importId={imp.id} />}
            {canRevert && (
              <RevertImportButton
                importId={imp.id}
                created={imp.createdCount}
                updated={imp.updatedCount}
                kind={imp.kind}
                reverted={imp.status === 'reverted'}
              />
            )}
          </div>
        </CardBody>
      </Card>

      {rejections.length > 0 && (
        <div className="table-responsive bg-white rounded shadow-sm">
          <Table size="sm" className="mb-0 align-middle small" aria-label="Rejected rows">
            <caption className="px-2">
              {rejections.length < imp.invalidCount + imp.duplicateCount
                ? `First ${REJECTIONS_SHOWN} of ${formatNumber(imp.invalidCount + imp.duplicateCount)} rejected rows; download the CSV for all.`
                : 'Rejected rows'}
            </caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Why</th>
                {columns.map((c) => (
                  <th scope="col" key={c}>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rejections.map((r) => (
                <tr key={`${r.rowNumber}-${r.reason}`}>
                  <td>{r.rowNumber}</td>
                  <td className={r.kind === 'invalid' ? 'text-danger' : 'text-warning-emphasis'}>{r.reason}</td>
                  {columns.map((c, i) => (
                    <td key={c} className="text-break">
                      {truncate(Array.isArray(r.values) ? (r.values[i] ?? '') : ((r.values as Record<string, string>)[c] ?? ''), 60)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </>
  );
}
