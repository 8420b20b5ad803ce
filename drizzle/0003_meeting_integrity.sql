CREATE TABLE "meeting_amendment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agenda_item_id" text,
	"text" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "meeting" ADD COLUMN "series_id" uuid;--> statement-breakpoint
ALTER TABLE "meeting" ADD COLUMN "started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "meeting" ADD COLUMN "ended_at" timestamp with time zone;--> statement-breakpoint
-- Existing meetings: one series per title in each organisation.
INSERT INTO "meeting_series" ("organisation_id", "name")
	SELECT DISTINCT "organisation_id", "title" FROM "meeting";--> statement-breakpoint
UPDATE "meeting" SET "series_id" = "meeting_series"."id" FROM "meeting_series"
	WHERE "meeting_series"."organisation_id" = "meeting"."organisation_id"
	AND "meeting_series"."name" = "meeting"."title";--> statement-breakpoint
ALTER TABLE "meeting" ALTER COLUMN "series_id" SET NOT NULL;--> statement-breakpoint
-- Meetings already under way or ended: their start and end as best known.
UPDATE "meeting" SET "started_at" = "starts_at" WHERE "status" IN ('in_progress', 'ended');--> statement-breakpoint
UPDATE "meeting" SET "ended_at" = "updated_at" WHERE "status" = 'ended';--> statement-breakpoint
-- One attendance row per person per meeting: first join, last leave (none if still present).
UPDATE "meeting_attendance" SET "joined_at" = "merged"."joined_at", "left_at" = "merged"."left_at"
	FROM (
		SELECT "meeting_id", "user_id", min("joined_at") AS "joined_at",
			CASE WHEN bool_or("left_at" IS NULL) THEN NULL ELSE max("left_at") END AS "left_at"
		FROM "meeting_attendance" GROUP BY "meeting_id", "user_id"
	) AS "merged"
	WHERE "meeting_attendance"."meeting_id" = "merged"."meeting_id"
	AND "meeting_attendance"."user_id" = "merged"."user_id";--> statement-breakpoint
DELETE FROM "meeting_attendance" "a" USING "meeting_attendance" "b"
	WHERE "a"."meeting_id" = "b"."meeting_id" AND "a"."user_id" = "b"."user_id"
	AND "a"."id" > "b"."id";--> statement-breakpoint
ALTER TABLE "meeting_amendment" ADD CONSTRAINT "meeting_amendment_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_amendment" ADD CONSTRAINT "meeting_amendment_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_amendment" ADD CONSTRAINT "meeting_amendment_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_series" ADD CONSTRAINT "meeting_series_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_amendment_meeting_idx" ON "meeting_amendment" USING btree ("meeting_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_series_organisation_name_idx" ON "meeting_series" USING btree ("organisation_id","name");--> statement-breakpoint
ALTER TABLE "meeting" ADD CONSTRAINT "meeting_series_id_meeting_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."meeting_series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_series_starts_idx" ON "meeting" USING btree ("series_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_attendance_person_idx" ON "meeting_attendance" USING btree ("meeting_id","user_id");