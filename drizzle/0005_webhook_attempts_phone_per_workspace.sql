DROP INDEX "sender_phones_phone_number_id_uq";--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "verified_sender_ids" uuid[];--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "sender_phones_workspace_phone_number_id_uq" ON "sender_phones" USING btree ("workspace_id","phone_number_id");--> statement-breakpoint
CREATE INDEX "sender_phones_phone_number_id_idx" ON "sender_phones" USING btree ("phone_number_id");--> statement-breakpoint
-- A phone whose last connection check failed is no longer offered or used as active (issue 15).
UPDATE "sender_phones" SET "status" = 'needs_attention', "status_reason" = 'The last connection check failed. Fix the phone''s details and verify the connection again.' WHERE "status" = 'active' AND "verification"->>'ok' = 'false';
