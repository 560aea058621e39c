import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { whatsappTemplates } from './phones';
import { workspaces } from './workspaces';

export const TEMPLATE_KINDS = ['session_text', 'whatsapp_template'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/** How one WhatsApp template parameter gets its value: a lead field or a fixed text. */
export type ParameterMapping = {
  component: 'header' | 'body' | 'button';
  index: number;
  name?: string;
  source: 'field' | 'fixed';
  field?: string;
  value?: string;
  fallback?: string;
};

export const messageTemplates = pgTable(
  'message_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: TEMPLATE_KINDS }).notNull(),
    // Session text with {{placeholders}}; for WhatsApp templates, the template body for preview.
    body: text('body').notNull().default(''),
    // Default value per placeholder, used when the lead lacks that field.
    fallbacks: jsonb('fallbacks').$type<Record<string, string>>().notNull().default({}),
    whatsappTemplateId: uuid('whatsapp_template_id').references(() => whatsappTemplates.id, { onDelete: 'set null' }),
    waTemplateName: text('wa_template_name'),
    waLanguage: text('wa_language'),
    parameterMapping: jsonb('parameter_mapping').$type<ParameterMapping[]>().notNull().default([]),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('message_templates_workspace_idx').on(t.workspaceId)],
);
export type MessageTemplate = typeof messageTemplates.$inferSelect;
export type NewMessageTemplate = typeof messageTemplates.$inferInsert;
