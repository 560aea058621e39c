import 'server-only';
import { listLandingPages } from '@/lib/landing-pages/list-landing-pages';
import { isOfferedAsSender } from '@/lib/phones/is-offered-as-sender';
import { listSenderPhones } from '@/lib/phones/list-sender-phones';
import { listLeadTags } from '@/lib/segments/list-lead-tags';
import { listTemplates } from '@/lib/templates/list-templates';

/** The choices of the campaign form, reduced to what the browser needs (no sender secrets). */
export async function getCampaignFormOptions(workspaceId: string) {
  const [templates, senders, landingPages, tags] = await Promise.all([
    listTemplates(workspaceId),
    listSenderPhones(workspaceId),
    listLandingPages(workspaceId),
    listLeadTags(workspaceId),
  ]);
  return {
    templates: templates.map((t) => ({ id: t.id, name: t.name, kind: t.kind })),
    senders: senders.filter(isOfferedAsSender).map((s) => ({ id: s.id, label: s.label, provider: s.provider, status: s.status })),
    landingPages: landingPages.map((p) => ({ id: p.id, title: p.title })),
    tags,
  };
}
