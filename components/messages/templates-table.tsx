import Badge from 'react-bootstrap/Badge';
import Table from 'react-bootstrap/Table';
import { truncate } from '@/components/ui/format';
import type { TemplateListRow } from '@/lib/templates/list-templates';

const KIND_LABELS = { session_text: 'Session text', whatsapp_template: 'WhatsApp template' } as const;

export function TemplatesTable({ templates }: { templates: TemplateListRow[] }) {
  return (
    <div className="table-responsive bg-white rounded shadow-sm">
      <Table className="mb-0 align-middle" aria-label="Message templates">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Body</th>
          </tr>
        </thead>
        <tbody>
          {templates.map((t) => (
            <tr key={t.id}>
              <td className="fw-semibold">{t.name}</td>
              <td>
                <Badge bg={t.kind === 'whatsapp_template' ? 'success' : 'secondary'}>{KIND_LABELS[t.kind]}</Badge>
                {t.waTemplateName && (
                  <div className="small text-muted">
                    {t.waTemplateName}
                    {t.waLanguage && <> ({t.waLanguage})</>}
                  </div>
                )}
              </td>
              <td className="small" style={{ whiteSpace: 'pre-wrap' }}>
                {t.body ? truncate(t.body, 160) : <span className="text-muted">—</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
