CREATE TYPE "public"."presenting_need" AS ENUM('falls_frailty', 'long_term_conditions', 'after_hospital', 'loneliness', 'carer_strain', 'money_housing', 'mental_wellbeing', 'memory', 'medicines', 'other');--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'pcn_manager' BEFORE 'observer';--> statement-breakpoint
ALTER TABLE "mdt_action" ADD COLUMN "completed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referral" ADD COLUMN "presenting_need" "presenting_need";--> statement-breakpoint
CREATE INDEX "mdt_action_organisation_created_idx" ON "mdt_action" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "mdt_action_organisation_completed_idx" ON "mdt_action" USING btree ("organisation_id","completed_at");--> statement-breakpoint
CREATE INDEX "outcome_measure_organisation_kind_idx" ON "outcome_measure" USING btree ("organisation_id","kind","recorded_on");--> statement-breakpoint
CREATE INDEX "caseload_episode_organisation_opened_idx" ON "caseload_episode" USING btree ("organisation_id","opened_on");--> statement-breakpoint
CREATE INDEX "caseload_episode_organisation_closed_idx" ON "caseload_episode" USING btree ("organisation_id","closed_on");--> statement-breakpoint
CREATE INDEX "service_referral_organisation_sent_idx" ON "service_referral" USING btree ("organisation_id","sent_on");--> statement-breakpoint
-- Actions already done: their last change is the best record of when.
UPDATE "mdt_action" SET "completed_at" = "updated_at" WHERE "status" = 'done';