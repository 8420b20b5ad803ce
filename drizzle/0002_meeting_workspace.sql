CREATE TYPE "public"."measure_kind" AS ENUM('pam', 'ons4');--> statement-breakpoint
CREATE TABLE "meeting_invitee" (
	"meeting_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	CONSTRAINT "meeting_invitee_meeting_id_user_id_pk" PRIMARY KEY("meeting_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "outcome_measure" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"kind" "measure_kind" NOT NULL,
	"recorded_on" date NOT NULL,
	"pam_score" real,
	"pam_level" smallint,
	"ons4" jsonb,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "patient" ADD COLUMN "last_discharge_date" date;--> statement-breakpoint
ALTER TABLE "patient" ADD COLUMN "safeguarding_concern" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "patient" ADD COLUMN "mdt_referral_reason" text;--> statement-breakpoint
ALTER TABLE "meeting_invitee" ADD CONSTRAINT "meeting_invitee_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_invitee" ADD CONSTRAINT "meeting_invitee_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_invitee" ADD CONSTRAINT "meeting_invitee_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_measure" ADD CONSTRAINT "outcome_measure_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_measure" ADD CONSTRAINT "outcome_measure_patient_id_patient_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patient"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_measure" ADD CONSTRAINT "outcome_measure_recorded_by_user_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outcome_measure_patient_idx" ON "outcome_measure" USING btree ("patient_id","recorded_on");