import Link from 'next/link';
import Badge from 'react-bootstrap/Badge';
import Table from 'react-bootstrap/Table';
import { ArchiveTemplateButton } from '@/components/templates/archive-template-button';
import { truncate } from '@/components/ui/format';
import type { ActionResult } from '@/lib/http/action-result';
import type { TemplateListRow } from '@/lib/templates/list-templates';

const KIND_LABELS = { session_text: 'Session text', whatsapp_template: 'WhatsApp template' } as const;

type Props = { templates: TemplateListRow[]; archiveAction?: (input: unknown) => Promise<ActionResult<undefined>> };

export function TemplatesTable({ templates, archiveAction }: Props) {
  return (
    <div className="table-responsive bg-white rounded shadow-sm">
      <Table className="mb-0 align-middle" aria-label="Message templates">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Body</th>
            {archiveAction && <th scope="col"><span className="visually-hidden">Actions</span></th>}
          </tr>
        </thead>
        <tbody>
          {templates.map((t) => (
            <tr key={t.id} data-testid="template-row">
              <td className="fw-semibold">{archiveAction ? <Link href={`/messages/${t.id}`}>{t.name}</Link> : t.name}</td>
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
              {archiveAction && (
                <td className="text-end text-nowrap">
                  <Link href={`/messages/${t.id}`} className="btn btn-sm btn-outline-secondary me-1">Edit</Link>
                  <ArchiveTemplateButton id={t.id} name={t.name} action={archiveAction} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
