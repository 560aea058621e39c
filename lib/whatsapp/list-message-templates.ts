import 'server-only';
import { graphGet, graphUrl, type GraphCallOptions } from './graph-http';
import type { GraphResult, MessageTemplateInfo, SenderCredentials } from './types';

const MAX_PAGES = 50;

type RawPage = {
  data?: { id?: string; name?: string; language?: string; status?: string; category?: string; components?: unknown }[];
  paging?: { next?: string; cursors?: { after?: string } };
};

/** All templates of the sender's WABA, following paging.next. */
export async function listMessageTemplates(
  creds: SenderCredentials,
  opts: GraphCallOptions & { pageSize?: number } = {},
): Promise<GraphResult<MessageTemplateInfo[]>> {
  const first = `${graphUrl(creds, `${creds.wabaId}/message_templates`)}?fields=name,status,category,language,components&limit=${opts.pageSize ?? 100}`;
  const origin = new URL(first).origin;
  const templates: MessageTemplateInfo[] = [];
  let url: string | undefined = first;
  for (let page = 0; url && page < MAX_PAGES; page++) {
    const result: GraphResult<RawPage> = await graphGet<RawPage>(creds, url, opts);
    if (!result.ok) return result;
    for (const t of result.data.data ?? []) {
      if (!t.name || !t.language) continue;
      templates.push({
        id: t.id,
        name: t.name,
        language: t.language,
        status: t.status ?? 'UNKNOWN',
        category: t.category,
        components: Array.isArray(t.components) ? (t.components as Record<string, unknown>[]) : [],
      });
    }
    const next: string | undefined = result.data.paging?.next;
    // Our Bearer token goes only to the host we were configured with.
    url = next && new URL(next).origin === origin ? next : undefined;
  }
  return { ok: true, data: templates };
}
