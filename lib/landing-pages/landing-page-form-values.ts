import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { campaigns, type LandingPage } from '@/db/schema';
import { DEFAULT_FIELDS, type LandingPageFormValues } from '@/lib/leadgen/schema';
import { campaignIdsOfPage } from './save-landing-page';

/** The builder's starting values: a stored page's, or a new page's defaults. */
export async function landingPageFormValues(workspaceId: string, page: LandingPage | null, defaultCountry: string): Promise<LandingPageFormValues> {
  if (!page) {
    return {
      title: '', slug: '', status: 'draft', headline: '', description: '', brandColor: '#198754', buttonLabel: 'Message me on WhatsApp',
      successMessage: 'Thanks! We will message you on WhatsApp shortly.', redirectUrl: '', whatsappNumber: '', whatsappText: '',
      defaultCountry, consentText: 'I agree to receive messages on WhatsApp. I can reply STOP at any time.', tags: [], sourceLabel: '',
      campaignIds: [], corsOrigins: [], allowEmbedding: false, embedOrigins: [], fields: DEFAULT_FIELDS, variants: [],
    };
  }
  return {
    title: page.title, slug: page.slug, status: page.status, headline: page.headline, description: page.description,
    brandColor: page.brandColor, buttonLabel: page.buttonLabel, successMessage: page.successMessage, redirectUrl: page.redirectUrl ?? '',
    whatsappNumber: page.whatsappNumber ?? '', whatsappText: page.whatsappText ?? '', defaultCountry: page.defaultCountry ?? defaultCountry,
    consentText: page.consentText, tags: page.tags, sourceLabel: page.sourceLabel ?? '', campaignIds: await campaignIdsOfPage(workspaceId, page.id),
    corsOrigins: page.corsOrigins, allowEmbedding: page.allowEmbedding, embedOrigins: page.embedOrigins, fields: page.fields, variants: page.variants,
  };
}

/** Automated campaigns the builder offers; one with no page list reacts to every page already. */
export async function landingPageCampaignOptions(workspaceId: string) {
  const db = await getDb();
  const rows = await db
    .select({ id: campaigns.id, name: campaigns.name, trigger: campaigns.trigger })
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.kind, 'automated')));
  return rows.map((r) => ({ id: r.id, name: r.name, isEveryPage: r.trigger.landingPageIds.length === 0 && r.trigger.sources.length === 0 }));
}
