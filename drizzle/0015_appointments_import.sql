CREATE TABLE "import_appointment_changes" (
	"import_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"appointment_id" uuid NOT NULL,
	"external_id" text,
	"outcome" text NOT NULL,
	"previous" jsonb,
	"next" jsonb,
	CONSTRAINT "import_appointment_changes_import_id_row_number_pk" PRIMARY KEY("import_id","row_number")
);
--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "kind" text DEFAULT 'leads' NOT NULL;--> statement-breakpoint
ALTER TABLE "import_appointment_changes" ADD CONSTRAINT "import_appointment_changes_import_id_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_appointment_changes" ADD CONSTRAINT "import_appointment_changes_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_appointment_changes_external_idx" ON "import_appointment_changes" USING btree ("import_id","external_id");--> statement-breakpoint
CREATE INDEX "import_appointment_changes_appointment_idx" ON "import_appointment_changes" USING btree ("appointment_id");--> statement-breakpoint
CREATE INDEX "appointments_workspace_external_idx" ON "appointments" USING btree ("workspace_id","external_id") WHERE "appointments"."external_id" is not null;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_kind_ck" CHECK ("imports"."kind" in ('leads','appointments'));