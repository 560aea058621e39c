import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createLead, createWorkspace } from '@/db/factories';
import { landingPages, leadTouchpoints } from '@/db/schema';
import { listLandingPages } from './list-landing-pages';

describe('listLandingPages', () => {
  it('counts distinct leads captured by each page of this workspace', async () => {
    const db = await getDb();
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const page = async (workspaceId: string, title: string, isPublished = true) =>
      (
        await db
          .insert(landingPages)
          .values({ workspaceId, slug: `lp-${randomUUID()}`, title, headline: title, consentText: 'OK', isPublished })
          .returning()
      )[0];
    const spring = await page(ws.id, 'Spring');
    const draft = await page(ws.id, 'Draft', false);
    await page(other.id, 'Theirs');

    const [ana, bia] = [await createLead(ws.id), await createLead(ws.id)];
    const touch = (leadId: string, landingPageId: string | null) =>
      db.insert(leadTouchpoints).values({ workspaceId: ws.id, leadId, source: 'landing_page', landingPageId });
    await touch(ana.id, spring.id);
    await touch(ana.id, spring.id); // came back: still one lead
    await touch(bia.id, spring.id);
    await touch(bia.id, null);

    const rows = await listLandingPages(ws.id);
    expect(rows.map((r) => [r.title, r.leadsCaptured, r.isPublished]).sort()).toEqual([
      ['Draft', 0, false],
      ['Spring', 2, true],
    ]);
    expect(rows.find((r) => r.id === draft.id)?.slug).toBe(draft.slug);
  });
});
