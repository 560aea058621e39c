import 'server-only';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import { campaigns, landingPageImages, landingPages, landingPageSlugRedirects, type LandingPage } from '@/db/schema';
import { AppError, parseInput } from '@/lib/errors';
import { landingPageFormSchema, type LandingPageInput } from '@/lib/leadgen/schema';

/** A page of this workspace, or NOT_FOUND (never another workspace's). */
export async function loadLandingPage(workspaceId: string, id: string): Promise<LandingPage> {
  const db = await getDb();
  const [page] = await db.select().from(landingPages).where(and(eq(landingPages.workspaceId, workspaceId), eq(landingPages.id, id)));
  if (!page) throw new AppError('NOT_FOUND', 'Landing page not found');
  return page;
}

// Slugs are public and global: a slug in use by any page, or kept as another page's old slug
// (which still redirects), cannot be taken.
async function assertSlugFree(tx: Tx, slug: string, pageId: string | null) {
  const [taken] = await tx
    .select({ id: landingPages.id })
    .from(landingPages)
    .where(pageId ? and(eq(landingPages.slug, slug), ne(landingPages.id, pageId)) : eq(landingPages.slug, slug));
  const [kept] = await tx
    .select({ id: landingPageSlugRedirects.landingPageId })
    .from(landingPageSlugRedirects)
    .where(eq(landingPageSlugRedirects.slug, slug));
  if (taken || (kept && kept.id !== pageId)) {
    throw new AppError('CONFLICT', 'That slug is already taken', { fields: { slug: 'That slug is already taken' } });
  }
}

function columns(v: LandingPageInput) {
  return {
    title: v.title,
    slug: v.slug,
    status: v.status,
    isPublished: v.status === 'published',
    headline: v.headline,
    description: v.description,
    brandColor: v.brandColor,
    buttonLabel: v.buttonLabel,
    successMessage: v.successMessage,
    redirectUrl: v.redirectUrl || null,
    whatsappNumber: v.whatsappNumber || null,
    whatsappText: v.whatsappText || null,
    defaultCountry: v.defaultCountry,
    consentText: v.consentText,
    tags: [...new Set(v.tags)],
    sourceLabel: v.sourceLabel || null,
    corsOrigins: [...new Set(v.corsOrigins)],
    allowEmbedding: v.allowEmbedding,
    embedOrigins: [...new Set(v.embedOrigins)],
    fields: v.fields.map((f) => ({ ...f, options: f.type === 'select' ? f.options : undefined, param: f.type === 'hidden' ? f.param : undefined })),
    variants: v.variants,
  };
}

/**
 * The chosen automated campaigns react to this page (trigger.landingPageIds). A campaign left out
 * loses the page; if the page was the only one it listed, emptying the list would make it react
 * to every source, so that is refused with a clear message instead.
 */
async function applyCampaigns(tx: Tx, workspaceId: string, pageId: string, chosen: string[]) {
  const rows = await tx
    .select({ id: campaigns.id, name: campaigns.name, trigger: campaigns.trigger })
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.kind, 'automated')));
  const known = new Set(rows.map((r) => r.id));
  const unknown = chosen.find((id) => !known.has(id));
  if (unknown) throw new AppError('BAD_USER_INPUT', 'Choose campaigns of this workspace', { fields: { campaignIds: 'Unknown campaign' } });
  for (const c of rows) {
    const ids = c.trigger.landingPageIds;
    const has = ids.includes(pageId);
    const wants = chosen.includes(c.id);
    if (wants && !has && ids.length > 0) {
      await tx.update(campaigns).set({ trigger: { ...c.trigger, landingPageIds: [...ids, pageId] }, updatedAt: sql`now()` }).where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.id, c.id)));
    } else if (wants && ids.length === 0) {
      // Already reacts to every page: nothing to add.
    } else if (!wants && has) {
      const rest = ids.filter((id) => id !== pageId);
      if (rest.length === 0) {
        throw new AppError('BAD_USER_INPUT', `“${c.name}” reacts only to this page: change its trigger under Campaigns instead.`, {
          fields: { campaignIds: `“${c.name}” reacts only to this page` },
        });
      }
      await tx.update(campaigns).set({ trigger: { ...c.trigger, landingPageIds: rest }, updatedAt: sql`now()` }).where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.id, c.id)));
    }
  }
}

/** New page from the builder's values. */
export async function createLandingPage(workspaceId: string, values: unknown): Promise<{ id: string; slug: string }> {
  const v = parseInput(landingPageFormSchema, values);
  const db = await getDb();
  return db.transaction(async (tx) => {
    await assertSlugFree(tx, v.slug, null);
    const [row] = await tx.insert(landingPages).values({ workspaceId, ...columns(v) }).returning({ id: landingPages.id, slug: landingPages.slug });
    await applyCampaigns(tx, workspaceId, row.id, v.campaignIds);
    return row;
  });
}

/** Saves the builder's values; a new slug keeps the old one answering with a 308. */
export async function updateLandingPage(workspaceId: string, id: string, values: unknown): Promise<{ id: string; slug: string }> {
  const v = parseInput(landingPageFormSchema, values);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ slug: landingPages.slug })
      .from(landingPages)
      .where(and(eq(landingPages.workspaceId, workspaceId), eq(landingPages.id, id)))
      .for('update');
    if (!current) throw new AppError('NOT_FOUND', 'Landing page not found');
    if (current.slug !== v.slug) {
      await assertSlugFree(tx, v.slug, id);
      // Going back to an old slug: it is the page's own again, no longer a redirect.
      await tx.delete(landingPageSlugRedirects).where(and(eq(landingPageSlugRedirects.landingPageId, id), eq(landingPageSlugRedirects.slug, v.slug)));
      await tx.insert(landingPageSlugRedirects).values({ slug: current.slug, workspaceId, landingPageId: id }).onConflictDoNothing();
    }
    await tx.update(landingPages).set({ ...columns(v), updatedAt: sql`now()` }).where(and(eq(landingPages.workspaceId, workspaceId), eq(landingPages.id, id)));
    await applyCampaigns(tx, workspaceId, id, v.campaignIds);
    return { id, slug: v.slug };
  });
}

/** The ids of automated campaigns that list this page (for the builder's checkboxes). */
export async function campaignIdsOfPage(workspaceId: string, pageId: string): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.kind, 'automated'), sql`${campaigns.trigger}->'landingPageIds' ? ${pageId}`));
  return rows.map((r) => r.id);
}

/** A copy as a draft under a fresh slug (<slug>-copy, -copy-2 ...), with its images, without its campaigns. */
export async function duplicateLandingPage(workspaceId: string, id: string): Promise<{ id: string; slug: string }> {
  const page = await loadLandingPage(workspaceId, id);
  const db = await getDb();
  const base = `${page.slug.slice(0, 50)}-copy`;
  const used = new Set(
    [
      ...(await db.select({ s: landingPages.slug }).from(landingPages).where(sql`${landingPages.slug} like ${base + '%'}`)),
      ...(await db.select({ s: landingPageSlugRedirects.slug }).from(landingPageSlugRedirects).where(inArray(landingPageSlugRedirects.slug, [base]))),
    ].map((r) => r.s),
  );
  let slug = base;
  for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = page;
  void _id; void _c; void _u;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(landingPages)
      .values({ ...rest, slug, title: `${page.title} (copy)`, status: 'draft', isPublished: false })
      .returning({ id: landingPages.id, slug: landingPages.slug });
    await tx.execute(sql`insert into ${landingPageImages} (landing_page_id, slot, workspace_id, content_type, data, width, height, etag, alt_text)
      select ${row.id}, slot, workspace_id, content_type, data, width, height, etag, alt_text from ${landingPageImages}
      where landing_page_id = ${id} and workspace_id = ${workspaceId}`);
    return row;
  });
}
