CREATE TYPE "public"."contact_mode" AS ENUM('telephone', 'face_to_face', 'home_visit', 'video', 'letter');--> statement-breakpoint
CREATE TYPE "public"."episode_close_reason" AS ENUM('goals_met', 'moved_away', 'declined', 'died');--> statement-breakpoint
CREATE TYPE "public"."episode_open_reason" AS ENUM('accepted_from_referral', 'proactively_identified');--> statement-breakpoint
CREATE TYPE "public"."referral_source" AS ENUM('gp_practice', 'hospital_discharge', 'community_services', 'vcse', 'self', 'family_carer');--> statement-breakpoint
CREATE TYPE "public"."referral_urgency" AS ENUM('routine', 'soon', 'urgent');--> statement-breakpoint
CREATE TYPE "public"."referred_on_to" AS ENUM('social_prescribing_link_worker', 'health_wellbeing_coach', 'other_professional');--> statement-breakpoint
CREATE TYPE "public"."triage_outcome" AS ENUM('accepted', 'signposted', 'referred_on', 'declined');--> statement-breakpoint
CREATE TABLE "caseload_episode" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"opened_on" date NOT NULL,
	"open_reason" "episode_open_reason" NOT NULL,
	"referral_id" uuid,
	"opened_by" uuid,
	"closed_on" date,
	"close_reason" "episode_close_reason",
	"close_note" text,
	"closed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_attempt" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"attempted_at" timestamp with time zone NOT NULL,
	"mode" "contact_mode" NOT NULL,
	"succeeded" boolean NOT NULL,
	"note" text,
	"by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"source" "referral_source" NOT NULL,
	"reason" text NOT NULL,
	"urgency" "referral_urgency" DEFAULT 'routine' NOT NULL,
	"referrer" text NOT NULL,
	"received_on" date NOT NULL,
	"first_contact_on" date,
	"first_contact_mode" "contact_mode",
	"first_contact_by" uuid,
	"outcome" "triage_outcome",
	"outcome_detail" text,
	"referred_on_to" "referred_on_to",
	"triaged_at" timestamp with time zone,
	"triaged_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "first_contact_target_days" smallint DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "caseload_episode" ADD CONSTRAINT "caseload_episode_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caseload_episode" ADD CONSTRAINT "caseload_episode_patient_id_patient_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patient"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caseload_episode" ADD CONSTRAINT "caseload_episode_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caseload_episode" ADD CONSTRAINT "caseload_episode_opened_by_user_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caseload_episode" ADD CONSTRAINT "caseload_episode_closed_by_user_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_attempt" ADD CONSTRAINT "contact_attempt_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_attempt" ADD CONSTRAINT "contact_attempt_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_attempt" ADD CONSTRAINT "contact_attempt_by_user_id_fk" FOREIGN KEY ("by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_patient_id_patient_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patient"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_first_contact_by_user_id_fk" FOREIGN KEY ("first_contact_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_triaged_by_user_id_fk" FOREIGN KEY ("triaged_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "caseload_episode_patient_idx" ON "caseload_episode" USING btree ("patient_id","opened_on");--> statement-breakpoint
CREATE UNIQUE INDEX "caseload_episode_one_open_idx" ON "caseload_episode" USING btree ("patient_id") WHERE "caseload_episode"."closed_on" is null;--> statement-breakpoint
CREATE INDEX "contact_attempt_referral_idx" ON "contact_attempt" USING btree ("referral_id","attempted_at");--> statement-breakpoint
CREATE INDEX "referral_organisation_received_idx" ON "referral" USING btree ("organisation_id","received_on");--> statement-breakpoint
CREATE INDEX "referral_patient_idx" ON "referral" USING btree ("patient_id");--> statement-breakpoint
-- Everyone already recorded was on the caseload (it had no episodes): each gets an open one.
INSERT INTO "caseload_episode" ("organisation_id", "patient_id", "opened_on", "open_reason")
SELECT "organisation_id", "id", "created_at"::date, 'proactively_identified' FROM "patient";
