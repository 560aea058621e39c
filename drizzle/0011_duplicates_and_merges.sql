CREATE TABLE "duplicate_candidates" (
	"workspace_id" uuid NOT NULL,
	"lead_a_id" uuid NOT NULL,
	"lead_b_id" uuid NOT NULL,
	"confidence" text NOT NULL,
	"reasons" text[] NOT NULL,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "duplicate_candidates_workspace_id_lead_a_id_lead_b_id_pk" PRIMARY KEY("workspace_id","lead_a_id","lead_b_id"),
	CONSTRAINT "duplicate_candidates_order_ck" CHECK ("duplicate_candidates"."lead_a_id" < "duplicate_candidates"."lead_b_id"),
	CONSTRAINT "duplicate_candidates_confidence_ck" CHECK ("duplicate_candidates"."confidence" in ('high','low'))
);
--> statement-breakpoint
CREATE TABLE "duplicate_scans" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"pair_count" integer NOT NULL,
	"duration_ms" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_merges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"survivor_lead_id" uuid NOT NULL,
	"merged_lead_id" uuid NOT NULL,
	"actor_user_id" text,
	"actor_api_key_id" uuid,
	"survivor_before" jsonb NOT NULL,
	"merged_before" jsonb NOT NULL,
	"choices" jsonb NOT NULL,
	"moves" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by_user_id" text
);
--> statement-breakpoint
ALTER TABLE "duplicate_candidates" ADD CONSTRAINT "duplicate_candidates_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_candidates" ADD CONSTRAINT "duplicate_candidates_lead_a_id_leads_id_fk" FOREIGN KEY ("lead_a_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_candidates" ADD CONSTRAINT "duplicate_candidates_lead_b_id_leads_id_fk" FOREIGN KEY ("lead_b_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_scans" ADD CONSTRAINT "duplicate_scans_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_merges" ADD CONSTRAINT "lead_merges_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_merges" ADD CONSTRAINT "lead_merges_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_merges" ADD CONSTRAINT "lead_merges_actor_api_key_id_api_keys_id_fk" FOREIGN KEY ("actor_api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_merges" ADD CONSTRAINT "lead_merges_undone_by_user_id_users_id_fk" FOREIGN KEY ("undone_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "duplicate_candidates_confidence_idx" ON "duplicate_candidates" USING btree ("workspace_id","confidence","lead_a_id","lead_b_id");--> statement-breakpoint
CREATE INDEX "duplicate_candidates_lead_b_idx" ON "duplicate_candidates" USING btree ("lead_b_id");--> statement-breakpoint
CREATE INDEX "lead_merges_survivor_idx" ON "lead_merges" USING btree ("workspace_id","survivor_lead_id","created_at");--> statement-breakpoint
CREATE INDEX "lead_merges_merged_idx" ON "lead_merges" USING btree ("workspace_id","merged_lead_id");--> statement-breakpoint
CREATE INDEX "leads_workspace_email_lower_idx" ON "leads" USING btree ("workspace_id",lower("email")) WHERE "leads"."email" is not null and "leads"."email" <> '';--> statement-breakpoint
CREATE INDEX "leads_workspace_phone_tail_idx" ON "leads" USING btree ("workspace_id",right("phone_e164", 8));--> statement-breakpoint
CREATE INDEX "leads_workspace_name_phone_head_idx" ON "leads" USING btree ("workspace_id",lower("name"),left("phone_e164", -2)) WHERE "leads"."name" is not null and "leads"."email" is not null;