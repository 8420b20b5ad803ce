CREATE TYPE "public"."accessible_format" AS ENUM('large_print', 'easy_read', 'braille', 'audio', 'bsl_interpreter', 'deafblind_interpreter', 'hearing_loop', 'written_contact_only');--> statement-breakpoint
ALTER TABLE "patient" ADD COLUMN "contact_preferences" text;--> statement-breakpoint
ALTER TABLE "patient" ADD COLUMN "interpreter_language" text;--> statement-breakpoint
ALTER TABLE "patient" ADD COLUMN "accessible_formats" "accessible_format"[] DEFAULT '{}'::accessible_format[] NOT NULL;--> statement-breakpoint
ALTER TABLE "patient" ADD COLUMN "communication_notes" text;--> statement-breakpoint
ALTER TABLE "patient" ADD COLUMN "assigned_coordinator_id" uuid;--> statement-breakpoint
ALTER TABLE "personal_contact" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "patient" ADD CONSTRAINT "patient_assigned_coordinator_id_user_id_fk" FOREIGN KEY ("assigned_coordinator_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;