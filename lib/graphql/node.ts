import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { appointments, inboundMessages, leadTouchpoints, messages } from '@/db/schema';
import { getCampaignDetail } from '@/lib/campaigns/get-campaign-detail';
import { AppError } from '@/lib/errors';
import { listImports } from '@/lib/imports/list-imports';
import { listLandingPages } from '@/lib/landing-pages/list-landing-pages';
import { listSenderPhones } from '@/lib/phones/list-sender-phones';
import { listTemplates } from '@/lib/templates/list-templates';
import type { GraphQLContext } from './context';

/**
 * node(id): the object behind any global id, inside the caller's workspace. `__typename`
 * lets graphql-js pick the concrete type. Another workspace's id is NOT_FOUND, like a bad one.
 */
export async function lookupNode(ctx: GraphQLContext, type: string, id: string): Promise<Record<string, unknown>> {
  const ws = ctx.caller.workspace.id;
  const db = await getDb();
  const found = await (async (): Promise<object | null | undefined> => {
    switch (type) {
      case 'Lead':
        return ctx.loaders.lead.load(id);
      case 'Message':
        return (await db.select().from(messages).where(and(eq(messages.workspaceId, ws), eq(messages.id, id))))[0];
      case 'InboundMessage':
        return (await db.select().from(inboundMessages).where(and(eq(inboundMessages.workspaceId, ws), eq(inboundMessages.id, id))))[0];
      case 'Appointment':
        return (await db.select().from(appointments).where(and(eq(appointments.workspaceId, ws), eq(appointments.id, id))))[0];
      case 'Touchpoint':
        return (await db.select().from(leadTouchpoints).where(and(eq(leadTouchpoints.workspaceId, ws), eq(leadTouchpoints.id, id))))[0];
      case 'Campaign': {
        const detail = await getCampaignDetail(ws, id);
        return detail && { ...detail.campaign, stats: detail.stats };
      }
      case 'MessageTemplate':
        return (await listTemplates(ws)).find((t) => t.id === id);
      case 'SenderPhone':
        return (await listSenderPhones(ws)).find((p) => p.id === id);
      case 'LandingPage':
        return (await listLandingPages(ws)).find((p) => p.id === id);
      case 'Import':
        return (await listImports(ws)).find((i) => i.id === id);
      case 'Workspace':
        return id === ws ? ctx.caller.workspace : null;
      default:
        return null;
    }
  })();
  if (!found) throw new AppError('NOT_FOUND', 'Nothing with this id.');
  return { ...found, __typename: type };
}
