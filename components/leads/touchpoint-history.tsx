import Table from 'react-bootstrap/Table';
import { formatDateTime, SOURCE_LABELS } from '@/components/ui/format';
import type { TouchpointItem } from '@/lib/leads/get-lead-timeline';

export function TouchpointHistory({ items, timeZone }: { items: TouchpointItem[]; timeZone: string }) {
  if (items.length === 0) return <p className="text-muted mb-0">No touchpoints recorded.</p>;
  return (
    <div className="table-responsive">
      <Table size="sm" className="mb-0 align-middle" aria-label="Touchpoints">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Source</th>
            <th scope="col">Landing page or import</th>
            <th scope="col">UTM</th>
          </tr>
        </thead>
        <tbody>
          {items.map((t) => {
            const utm = Object.entries(t.utm).filter(([, v]) => v);
            const isEmpty = utm.length === 0 && Object.keys(t.attribution).length === 0;
            return (
              <tr key={t.id} data-testid="touchpoint">
                <td className="text-nowrap small">{formatDateTime(t.at, timeZone)}</td>
                <td>{SOURCE_LABELS[t.source] ?? t.source}</td>
                <td>
                  {t.landingPage ? (
                    <a href={`/lp/${t.landingPage.slug}`}>{t.landingPage.title}</a>
                  ) : t.import ? (
                    <a href={`/imports/${t.import.id}`}>
                      {t.import.label ?? t.import.fileName ?? 'Import'}
                      {t.import.label && t.import.fileName ? <span className="text-muted"> ({t.import.fileName})</span> : null}
                    </a>
                  ) : (
                    <span className="text-muted">—</span>
                  )}
                </td>
                <td className="small">
                  {isEmpty ? <span className="text-muted">—</span> : utm.map(([k, v]) => <div key={k}>{k}: {v}</div>)}
                  {Object.entries(t.attribution).map(([k, v]) => (
                    <div key={k}>
                      {k}: {v}
                    </div>
                  ))}
                  {t.referrer && <div className="text-muted text-break">referrer: {t.referrer}</div>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </Table>
    </div>
  );
}
