import { date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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

