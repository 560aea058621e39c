CREATE TABLE "landing_page_daily_stats" (
	"landing_page_id" uuid NOT NULL,
	"day" date NOT NULL,
	"utm_source" text DEFAULT '' NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"blocked" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "landing_page_daily_stats_landing_page_id_day_utm_source_pk" PRIMARY KEY("landing_page_id","day","utm_source")
);
--> statement-breakpoint
CREATE TABLE "landing_page_slug_redirects" (
	"slug" text PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"landing_page_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "landing_pages" ADD COLUMN "status" text DEFAULT 'published' NOT NULL;--> statement-breakpoint
ALTER TABLE "landing_pages" ADD COLUMN "brand_color" text DEFAULT '#198754' NOT NULL;--> statement-breakpoint
ALTER TABLE "landing_pages" ADD COLUMN "button_label" text DEFAULT 'Message me on WhatsApp' NOT NULL;--> statement-breakpoint
ALTER TABLE "landing_pages" ADD COLUMN "redirect_url" text;--> statement-breakpoint
ALTER TABLE "landing_pages" ADD COLUMN "whatsapp_number" text;--> statement-breakpoint
ALTER TABLE "landing_pages" ADD COLUMN "whatsapp_text" text;--> statement-breakpoint
ALTER TABLE "landing_pages" ADD COLUMN "source_label" text;--> statement-breakpoint
ALTER TABLE "landing_pages" ADD COLUMN "variants" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "landing_pages" ADD COLUMN "cors_origins" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "landing_page_daily_stats" ADD CONSTRAINT "landing_page_daily_stats_landing_page_id_landing_pages_id_fk" FOREIGN KEY ("landing_page_id") REFERENCES "public"."landing_pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_page_slug_redirects" ADD CONSTRAINT "landing_page_slug_redirects_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_page_slug_redirects" ADD CONSTRAINT "landing_page_slug_redirects_landing_page_id_landing_pages_id_fk" FOREIGN KEY ("landing_page_id") REFERENCES "public"."landing_pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "landing_page_slug_redirects_page_idx" ON "landing_page_slug_redirects" USING btree ("landing_page_id");--> statement-breakpoint
ALTER TABLE "landing_pages" ADD CONSTRAINT "landing_pages_status_ck" CHECK ("landing_pages"."status" in ('draft','published','archived'));--> statement-breakpoint
-- Pages unpublished before the status column existed stay unpublished (drafts).
UPDATE "landing_pages" SET "status" = 'draft' WHERE NOT "is_published";
