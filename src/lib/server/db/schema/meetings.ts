import {
	boolean,
	index,
	integer,
	pgEnum,
	pgTable,
	primaryKey,
	real,
	smallint,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { MEETING_STATUSES } from '../../../domain/meetings';
import { timestamps } from './columns';
import { owningOrganisation, user } from './organisations';
import { patient } from './patients';

export const meetingStatus = pgEnum('meeting_status', MEETING_STATUSES);

/**
 * A team's recurring MDT ("Riverside frailty MDT"): items not discussed are carried to the series'
 * next meeting, and its open actions are followed up at the series' later meetings.
 */
export const meetingSeries = pgTable(
	'meeting_series',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: owningOrganisation(),
		name: text('name').notNull(),
		...timestamps
	},
	(t) => [uniqueIndex('meeting_series_organisation_name_idx').on(t.organisationId, t.name)]
);
export type MeetingSeries = typeof meetingSeries.$inferSelect;

export const meeting = pgTable(
	'meeting',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: owningOrganisation(),
		seriesId: uuid('series_id')
			.notNull()
			.references(() => meetingSeries.id),
		title: text('title').notNull(),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		durationMinutes: smallint('duration_minutes').notNull().default(60),
		chairId: uuid('chair_id').references(() => user.id),
		status: meetingStatus('status').notNull().default('scheduled'),
		/** When the chair pressed Start meeting, and when the meeting was ended. */
		startedAt: timestamp('started_at', { withTimezone: true }),
		endedAt: timestamp('ended_at', { withTimezone: true }),
		// Live state of the meeting room, shared by every server process.
		currentItemId: text('current_item_id'),
		timerItemId: text('timer_item_id'),
		timerStartedAt: timestamp('timer_started_at', { withTimezone: true }),
		timerElapsedMs: integer('timer_elapsed_ms').notNull().default(0),
		createdBy: uuid('created_by').references(() => user.id),
		...timestamps
	},
	(t) => [
		index('meeting_organisation_starts_idx').on(t.organisationId, t.startsAt),
		index('meeting_series_starts_idx').on(t.seriesId, t.startsAt)
	]
);
export type Meeting = typeof meeting.$inferSelect;

/** Team members invited to a meeting (the invite list of the .ics and the agenda). */
export const meetingInvitee = pgTable(
	'meeting_invitee',
	{
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => meeting.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id),
		organisationId: owningOrganisation()
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.userId] })]
);
export type MeetingInvitee = typeof meetingInvitee.$inferSelect;

/**
 * Who was in the live meeting room: one row per person per meeting, from when they first joined
 * to when they last left (null while they are in the room, or were at the end).
 */
export const meetingAttendance = pgTable(
	'meeting_attendance',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: owningOrganisation(),
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => meeting.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id),
		joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
		leftAt: timestamp('left_at', { withTimezone: true })
	},
	(t) => [
		index('meeting_attendance_meeting_idx').on(t.meetingId, t.joinedAt),
		uniqueIndex('meeting_attendance_person_idx').on(t.meetingId, t.userId)
	]
);
export type MeetingAttendance = typeof meetingAttendance.$inferSelect;

/**
 * A correction to the minutes of an ended meeting: the minutes themselves are final, so what
 * changes later is recorded beside them, with who and when.
 */
export const meetingAmendment = pgTable(
	'meeting_amendment',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: owningOrganisation(),
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => meeting.id, { onDelete: 'cascade' }),
		/** The agenda item it corrects; null for the meeting as a whole. */
		agendaItemId: text('agenda_item_id'),
		text: text('text').notNull(),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => user.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('meeting_amendment_meeting_idx').on(t.meetingId, t.createdAt)]
);
export type MeetingAmendment = typeof meetingAmendment.$inferSelect;

/** Agenda items of a meeting, projected from the meeting's Yjs document. */
export const agendaItem = pgTable(
	'agenda_item',
	{
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => meeting.id, { onDelete: 'cascade' }),
		id: text('id').notNull(),
		organisationId: owningOrganisation(),
		position: smallint('position').notNull(),
		patientId: uuid('patient_id').references(() => patient.id),
		reason: text('reason').notNull().default(''),
		presenterId: uuid('presenter_id'),
		minutesAllotted: real('minutes_allotted'),
		questions: text('questions').notNull().default(''),
		missingInformation: boolean('missing_information').notNull().default(false),
		status: text('status').notNull().default('pending'),
		notes: text('notes').notNull().default(''),
		outcome: text('outcome').notNull().default(''),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.id] })]
);
export type AgendaItem = typeof agendaItem.$inferSelect;
