CREATE TYPE "public"."appointment_kind" AS ENUM('appointment', 'follow_up', 'discharge_follow_up');--> statement-breakpoint
CREATE TYPE "public"."appointment_status" AS ENUM('booked', 'attended', 'did_not_attend', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."contact_kind" AS ENUM('call', 'visit', 'message', 'letter');--> statement-breakpoint
CREATE TYPE "public"."health_budget_status" AS ENUM('discussed', 'eligible', 'in_place', 'reviewed');--> statement-breakpoint
CREATE TYPE "public"."service_category" AS ENUM('benefits_money', 'employment', 'training', 'housing', 'peer_support', 'self_management', 'befriending', 'physical_activity', 'carers_support', 'mental_wellbeing');--> statement-breakpoint
CREATE TYPE "public"."service_feedback_kind" AS ENUM('capacity', 'gap', 'quality');--> statement-breakpoint
CREATE TYPE "public"."service_referral_status" AS ENUM('sent', 'accepted', 'attended', 'did_not_attend', 'declined', 'closed');--> statement-breakpoint
CREATE TABLE "appointment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"kind" "appointment_kind" DEFAULT 'appointment' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" smallint DEFAULT 30 NOT NULL,
	"with_whom" text NOT NULL,
	"location" text NOT NULL,
	"access_needs" text,
	"remind_at" timestamp with time zone,
	"status" "appointment_status" DEFAULT 'booked' NOT NULL,
	"coordinator_id" uuid NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "community_service" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"category" "service_category" NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"contact" text NOT NULL,
	"area" text NOT NULL,
	"eligibility" text DEFAULT '' NOT NULL,
	"referral_route" text DEFAULT '' NOT NULL,
	"capacity" text DEFAULT '' NOT NULL,
	"last_checked_on" date,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"kind" "contact_kind" NOT NULL,
	"with_whom" text NOT NULL,
	"summary" text NOT NULL,
	"duration_minutes" smallint,
	"by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health_budget" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"status" "health_budget_status" NOT NULL,
	"recorded_on" date NOT NULL,
	"amount_pence" integer,
	"review_on" date,
	"note" text,
	"by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"recorded_on" date NOT NULL,
	"kind" "service_feedback_kind" NOT NULL,
	"note" text NOT NULL,
	"by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_referral" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"sent_on" date NOT NULL,
	"reason" text NOT NULL,
	"status" "service_referral_status" DEFAULT 'sent' NOT NULL,
	"outcome" text,
	"by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shared_decision" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"decision_support_tool" text,
	"prepared_on" date NOT NULL,
	"outcome" text,
	"by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_patient_id_patient_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patient"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_coordinator_id_user_id_fk" FOREIGN KEY ("coordinator_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_service" ADD CONSTRAINT "community_service_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_log" ADD CONSTRAINT "contact_log_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_log" ADD CONSTRAINT "contact_log_patient_id_patient_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patient"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_log" ADD CONSTRAINT "contact_log_by_user_id_fk" FOREIGN KEY ("by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_budget" ADD CONSTRAINT "health_budget_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_budget" ADD CONSTRAINT "health_budget_patient_id_patient_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patient"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_budget" ADD CONSTRAINT "health_budget_by_user_id_fk" FOREIGN KEY ("by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_feedback" ADD CONSTRAINT "service_feedback_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_feedback" ADD CONSTRAINT "service_feedback_service_id_community_service_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."community_service"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_feedback" ADD CONSTRAINT "service_feedback_by_user_id_fk" FOREIGN KEY ("by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_referral" ADD CONSTRAINT "service_referral_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_referral" ADD CONSTRAINT "service_referral_patient_id_patient_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patient"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_referral" ADD CONSTRAINT "service_referral_service_id_community_service_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."community_service"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_referral" ADD CONSTRAINT "service_referral_by_user_id_fk" FOREIGN KEY ("by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_decision" ADD CONSTRAINT "shared_decision_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_decision" ADD CONSTRAINT "shared_decision_patient_id_patient_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patient"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_decision" ADD CONSTRAINT "shared_decision_by_user_id_fk" FOREIGN KEY ("by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointment_patient_idx" ON "appointment" USING btree ("patient_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointment_coordinator_idx" ON "appointment" USING btree ("coordinator_id","starts_at");--> statement-breakpoint
CREATE INDEX "community_service_organisation_idx" ON "community_service" USING btree ("organisation_id","category");--> statement-breakpoint
CREATE INDEX "contact_log_patient_idx" ON "contact_log" USING btree ("patient_id","occurred_at");--> statement-breakpoint
CREATE INDEX "health_budget_patient_idx" ON "health_budget" USING btree ("patient_id","recorded_on");--> statement-breakpoint
CREATE INDEX "service_feedback_service_idx" ON "service_feedback" USING btree ("service_id","recorded_on");--> statement-breakpoint
CREATE INDEX "service_referral_patient_idx" ON "service_referral" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "service_referral_service_idx" ON "service_referral" USING btree ("service_id","status");--> statement-breakpoint
CREATE INDEX "shared_decision_patient_idx" ON "shared_decision" USING btree ("patient_id","prepared_on");