CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
DROP INDEX "leads_workspace_source_idx";--> statement-breakpoint
CREATE INDEX "leads_workspace_name_idx" ON "leads" USING btree ("workspace_id",("name" is null),coalesce("name", ''),"id");--> statement-breakpoint
CREATE INDEX "leads_workspace_activity_idx" ON "leads" USING btree ("workspace_id",greatest("created_at", "last_inbound_at") desc nulls last,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "leads_workspace_lifecycle_idx" ON "leads" USING btree ("workspace_id","lifecycle_status","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "leads_workspace_opted_out_idx" ON "leads" USING btree ("workspace_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "leads"."opted_out_at" is not null;--> statement-breakpoint
CREATE INDEX "leads_workspace_replied_idx" ON "leads" USING btree ("workspace_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "leads"."last_inbound_at" is not null;--> statement-breakpoint
CREATE INDEX "leads_search_trgm" ON "leads" USING gin ((coalesce("name", '') || ' ' || coalesce("email", '') || ' ' || "phone_e164") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "leads_workspace_source_idx" ON "leads" USING btree ("workspace_id","source","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);