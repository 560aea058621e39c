CREATE TABLE "landing_page_images" (
	"landing_page_id" uuid NOT NULL,
	"slot" text DEFAULT '' NOT NULL,
	"workspace_id" uuid NOT NULL,
	"content_type" text NOT NULL,
	"data" "bytea" NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"etag" text NOT NULL,
	"alt_text" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "landing_page_images_landing_page_id_slot_pk" PRIMARY KEY("landing_page_id","slot")
);
--> statement-breakpoint
ALTER TABLE "landing_page_images" ADD CONSTRAINT "landing_page_images_landing_page_id_landing_pages_id_fk" FOREIGN KEY ("landing_page_id") REFERENCES "public"."landing_pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_page_images" ADD CONSTRAINT "landing_page_images_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "landing_page_images_workspace_idx" ON "landing_page_images" USING btree ("workspace_id");