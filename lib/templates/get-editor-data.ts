import 'server-only';
import { listSenderPhones } from '@/lib/phones/list-sender-phones';
import { listWhatsappTemplates } from '@/lib/phones/list-whatsapp-templates';
import { getFieldCoverage } from './get-field-coverage';
import { searchPreviewLeads } from './search-preview-leads';

/** Everything the message editor needs besides the message itself (no secrets: explicit columns). */
export async function getEditorData(workspaceId: string) {
  const [waTemplates, coverage, initialLeads, phones] = await Promise.all([
    listWhatsappTemplates(workspaceId),
    getFieldCoverage(workspaceId),
    searchPreviewLeads(workspaceId, { q: '' }),
    listSenderPhones(workspaceId),
  ]);
  return {
    waTemplates: waTemplates
      .filter((t) => t.status !== 'DELETED')
      .map(({ id, name, language, category, status, components }) => ({ id, name, language, category, status, components })),
    coverage: { totalLeads: coverage.totalLeads, missing: coverage.missing },
    attributeKeys: coverage.attributeKeys,
    initialLeads,
    senders: phones.map((p) => ({
      id: p.id,
      label: p.label,
      detail: [p.displayPhoneNumber ?? p.phoneNumberId, p.status === 'active' ? null : p.status.replace('_', ' '), p.isActive ? null : 'inactive'].filter(Boolean).join(', '),
    })),
  };
}
