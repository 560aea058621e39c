import Badge from 'react-bootstrap/Badge';
import Table from 'react-bootstrap/Table';
import type { WhatsappTemplateRow } from '@/lib/phones/list-whatsapp-templates';

const STATUS_BG: Record<string, string> = { APPROVED: 'success', PENDING: 'warning', REJECTED: 'danger', PAUSED: 'secondary', DISABLED: 'dark', DELETED: 'dark' };

function bodyText(components: Record<string, unknown>[]): string {
  const body = components.find((c) => String(c.type).toUpperCase() === 'BODY');
  return typeof body?.text === 'string' ? body.text : '';
}

/** Templates synced from one WhatsApp Business Account. Only APPROVED ones can be sent. */
export function WhatsappTemplatesTable({ templates, caption }: { templates: WhatsappTemplateRow[]; caption: string }) {
  return (
    <div className="table-responsive">
      <Table size="sm" className="mb-0 align-middle small" aria-label={caption}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Language</th>
            <th scope="col">Category</th>
            <th scope="col">Status</th>
            <th scope="col">Body</th>
          </tr>
        </thead>
        <tbody>
          {templates.map((t) => (
            <tr key={t.id} data-testid="whatsapp-template">
              <td className="fw-semibold text-break">{t.name}</td>
              <td>{t.language}</td>
              <td>{t.category ?? '—'}</td>
              <td>
                <Badge bg={STATUS_BG[t.status] ?? 'secondary'} text={t.status === 'PENDING' ? 'dark' : undefined}>
                  {t.status}
                </Badge>
              </td>
              <td className="text-muted" style={{ whiteSpace: 'pre-wrap' }}>{bodyText(t.components)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
