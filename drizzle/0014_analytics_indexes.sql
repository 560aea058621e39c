CREATE INDEX "appointments_workspace_created_idx" ON "appointments" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "appointments_workspace_starts_idx" ON "appointments" USING btree ("workspace_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_workspace_updated_idx" ON "appointments" USING btree ("workspace_id","updated_at");--> statement-breakpoint
CREATE INDEX "messages_workspace_time_idx" ON "messages" USING btree ("workspace_id",coalesce("sent_at", "created_at"));--> statement-breakpoint
CREATE INDEX "messages_workspace_updated_idx" ON "messages" USING btree ("workspace_id","updated_at");