import { customType, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { landingPages } from './leads';
import { workspaces } from './workspaces';

/** A slug a page used to have: /lp/<old> answers 308 to the page's current slug. */
export const landingPageSlugRedirects = pgTable(
  'landing_page_slug_redirects',
  {
    // Slugs are public and global, like landing_pages.slug: an old one is never given to another page.
    slug: text('slug').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    landingPageId: uuid('landing_page_id')
      .notNull()
      .references(() => landingPages.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('landing_page_slug_redirects_page_idx').on(t.landingPageId)],
);
export type LandingPageSlugRedirect = typeof landingPageSlugRedirects.$inferSelect;

/**
 * Views and blocked submissions per page, day (UTC) and utm_source: counters only, no cookie,
 * address or anything else about the visitor. '' stands for "no utm_source".
 */
export const landingPageDailyStats = pgTable(
  'landing_page_daily_stats',
  {
    landingPageId: uuid('landing_page_id')
      .notNull()
      .references(() => landingPages.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    utmSource: text('utm_source').notNull().default(''),
    views: integer('views').notNull().default(0),
    blocked: integer('blocked').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.landingPageId, t.day, t.utmSource] })],
);
export type LandingPageDailyStat = typeof landingPageDailyStats.$inferSelect;


// bytea: images live in PostgreSQL (and PGlite) so they work on Vercel and the embedded default alike.
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * A landing page's hero image (slot '') or a variant's (slot = the variant's key), already
 * resized to at most 1600 px and re-encoded (lib/leadgen/save-landing-image.ts).
 * Served from /lp/<slug>/image with the etag as a version in the URL.
 */
export const landingPageImages = pgTable(
  'landing_page_images',
  {
    landingPageId: uuid('landing_page_id')
      .notNull()
      .references(() => landingPages.id, { onDelete: 'cascade' }),
    slot: text('slot').notNull().default(''),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    contentType: text('content_type').notNull(),
    data: bytea('data').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    // SHA-256 prefix of the stored bytes: the ETag and the ?v= of the image's URL.
    etag: text('etag').notNull(),
    altText: text('alt_text').notNull().default(''),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.landingPageId, t.slot] }), index('landing_page_images_workspace_idx').on(t.workspaceId)],
);
export type LandingPageImage = typeof landingPageImages.$inferSelect;
