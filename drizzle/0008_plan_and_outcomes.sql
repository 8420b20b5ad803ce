CREATE TYPE "public"."safeguarding_category" AS ENUM('physical', 'domestic', 'sexual', 'psychological', 'financial', 'modern_slavery', 'discriminatory', 'organisational', 'neglect', 'self_neglect', 'other');--> statement-breakpoint
CREATE TYPE "public"."sharing_consent" AS ENUM('yes', 'no', 'not_asked');--> statement-breakpoint
CREATE TABLE "safeguarding_concern" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"category" "safeguarding_category" NOT NULL,
	"description" text NOT NULL,
	"named_contact_id" uuid NOT NULL,
	"consent_to_share" "sharing_consent" NOT NULL,
	"immediate_risk" boolean NOT NULL,
	"raised_by" uuid NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"outcome" text
);
--> statement-breakpoint
ALTER TABLE "personal_contact" ADD COLUMN "carer_assessment_offered_on" date;--> statement-breakpoint
ALTER TABLE "personal_contact" ADD COLUMN "carer_assessment_completed_on" date;--> statement-breakpoint
ALTER TABLE "personal_contact" ADD COLUMN "carer_support_referral" text;--> statement-breakpoint
ALTER TABLE "personal_contact" ADD COLUMN "carer_support_referred_on" date;--> statement-breakpoint
ALTER TABLE "collab_version" ADD COLUMN "agreed_how" text;--> statement-breakpoint
ALTER TABLE "collab_version" ADD COLUMN "agreed_on" date;--> statement-breakpoint
ALTER TABLE "collab_version" ADD COLUMN "meeting_id" uuid;--> statement-breakpoint
ALTER TABLE "safeguarding_concern" ADD CONSTRAINT "safeguarding_concern_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safeguarding_concern" ADD CONSTRAINT "safeguarding_concern_patient_id_patient_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patient"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safeguarding_concern" ADD CONSTRAINT "safeguarding_concern_named_contact_id_user_id_fk" FOREIGN KEY ("named_contact_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safeguarding_concern" ADD CONSTRAINT "safeguarding_concern_raised_by_user_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safeguarding_concern" ADD CONSTRAINT "safeguarding_concern_acknowledged_by_user_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "safeguarding_concern_patient_idx" ON "safeguarding_concern" USING btree ("patient_id","raised_at");--> statement-breakpoint
CREATE INDEX "safeguarding_concern_contact_idx" ON "safeguarding_concern" USING btree ("named_contact_id","acknowledged_at");--> statement-breakpoint
CREATE INDEX "collab_version_meeting_idx" ON "collab_version" USING btree ("meeting_id");