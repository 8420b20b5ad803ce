import { relations, sql } from 'drizzle-orm';
import {
	boolean,
	check,
	customType,
	date,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
	primaryKey,
	real,
	smallint,
	text,
	timestamp,
	uniqueIndex,
	uuid,
	bigint,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { ROLES } from '../../domain/roles';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea'
});

const timestamps = {
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true })
		.notNull()
		.defaultNow()
		.$onUpdate(() => new Date())
};

export const organisationKind = pgEnum('organisation_kind', ['pcn', 'practice']);
export const role = pgEnum('role', ROLES);
export const sex = pgEnum('sex', ['female', 'male', 'other', 'unknown']);
export const contactMethod = pgEnum('contact_method', ['phone', 'email', 'letter', 'text']);

/** A PCN, or one of its practices (parentId = the PCN). ODS-style codes are unique. */
export const organisation = pgTable(
	'organisation',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		kind: organisationKind('kind').notNull(),
		name: text('name').notNull(),
		odsCode: text('ods_code').notNull().unique(),
		parentId: uuid('parent_id').references((): AnyPgColumn => organisation.id),
		...timestamps
	},
	(t) => [index('organisation_parent_idx').on(t.parentId)]
);

export const user = pgTable('user', {
	id: uuid('id').primaryKey().defaultRandom(),
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	passwordHash: text('password_hash').notNull(),
	active: boolean('active').notNull().default(true),
	...timestamps
});

/** A user's place in a PCN. Every authorisation decision starts from this row. */
export const membership = pgTable(
	'membership',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id),
		role: role('role').notNull(),
		...timestamps
	},
	(t) => [
		uniqueIndex('membership_user_organisation_idx').on(t.userId, t.organisationId),
		index('membership_organisation_idx').on(t.organisationId)
	]
);

/** Lucia-style session: the token is `id.secret`; only a SHA-256 of the secret is kept. */
export const session = pgTable(
	'session',
	{
		id: text('id').primaryKey(),
		secretHash: bytea('secret_hash').notNull(),
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull()
	},
	(t) => [index('session_user_idx').on(t.userId)]
);

export const patient = pgTable(
	'patient',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id),
		practiceId: uuid('practice_id')
			.notNull()
			.references(() => organisation.id),
		nhsNumber: text('nhs_number').notNull(),
		givenName: text('given_name').notNull(),
		familyName: text('family_name').notNull(),
		dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
		sex: sex('sex').notNull(),
		postcode: text('postcode').notNull(),
		ethnicity: text('ethnicity').notNull().default('Not stated'),
		imdDecile: smallint('imd_decile'),
		longTermConditions: text('long_term_conditions')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		efiDeficits: smallint('efi_deficits'),
		preferredContact: contactMethod('preferred_contact').notNull().default('phone'),
		phone: text('phone'),
		email: text('email'),
		hasUnpaidCarer: boolean('has_unpaid_carer').notNull().default(false),
		isUnpaidCarer: boolean('is_unpaid_carer').notNull().default(false),
		/** Most recent discharge from hospital, for follow-up and MDT suggestions. */
		lastDischargeDate: date('last_discharge_date', { mode: 'string' }),
		/** An open safeguarding concern (details live with the safeguarding lead, not here). */
		safeguardingConcern: boolean('safeguarding_concern').notNull().default(false),
		/** A professional has asked for this person to be discussed at the MDT, and why. */
		mdtReferralReason: text('mdt_referral_reason'),
		...timestamps
	},
	(t) => [
		uniqueIndex('patient_organisation_nhs_number_idx').on(t.organisationId, t.nhsNumber),
		index('patient_organisation_name_idx').on(t.organisationId, t.familyName, t.givenName, t.id),
		check('patient_nhs_number_digits', sql`${t.nhsNumber} ~ '^[0-9]{10}$'`),
		check('patient_imd_decile_range', sql`${t.imdDecile} between 1 and 10`),
		check('patient_efi_deficits_range', sql`${t.efiDeficits} between 0 and 36`)
	]
);

/** People important to the patient: family, friends, unpaid carers, next of kin. */
export const personalContact = pgTable(
	'personal_contact',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id),
		patientId: uuid('patient_id')
			.notNull()
			.references(() => patient.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		relationship: text('relationship').notNull(),
		isCarer: boolean('is_carer').notNull().default(false),
		isNextOfKin: boolean('is_next_of_kin').notNull().default(false),
		isEmergencyContact: boolean('is_emergency_contact').notNull().default(false),
		phone: text('phone'),
		...timestamps
	},
	(t) => [index('personal_contact_patient_idx').on(t.patientId)]
);

/** Append-only record of who saw or changed what. */
export const auditEvent = pgTable(
	'audit_event',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		organisationId: uuid('organisation_id').references(() => organisation.id),
		userId: uuid('user_id').references(() => user.id),
		action: text('action').notNull(),
		entityType: text('entity_type'),
		entityId: text('entity_id'),
		before: jsonb('before'),
		after: jsonb('after'),
		ip: text('ip'),
		detail: text('detail')
	},
	(t) => [
		index('audit_event_organisation_at_idx').on(t.organisationId, t.at),
		index('audit_event_entity_idx').on(t.entityType, t.entityId)
	]
);

export const organisationRelations = relations(organisation, ({ one, many }) => ({
	parent: one(organisation, { fields: [organisation.parentId], references: [organisation.id] }),
	memberships: many(membership)
}));

export const userRelations = relations(user, ({ many }) => ({
	memberships: many(membership),
	sessions: many(session)
}));

export const membershipRelations = relations(membership, ({ one }) => ({
	user: one(user, { fields: [membership.userId], references: [user.id] }),
	organisation: one(organisation, {
		fields: [membership.organisationId],
		references: [organisation.id]
	})
}));

export const sessionRelations = relations(session, ({ one }) => ({
	user: one(user, { fields: [session.userId], references: [user.id] })
}));

export const patientRelations = relations(patient, ({ one, many }) => ({
	organisation: one(organisation, {
		fields: [patient.organisationId],
		references: [organisation.id]
	}),
	practice: one(organisation, { fields: [patient.practiceId], references: [organisation.id] }),
	contacts: many(personalContact)
}));

export const personalContactRelations = relations(personalContact, ({ one }) => ({
	patient: one(patient, { fields: [personalContact.patientId], references: [patient.id] })
}));

export type Organisation = typeof organisation.$inferSelect;
export type User = typeof user.$inferSelect;
export type Membership = typeof membership.$inferSelect;
export type Session = typeof session.$inferSelect;
export type Patient = typeof patient.$inferSelect;
export type NewPatient = typeof patient.$inferInsert;
export type PersonalContact = typeof personalContact.$inferSelect;
export type AuditEvent = typeof auditEvent.$inferSelect;

// ---------------------------------------------------------------------------------------------
// MDT meetings, actions and live collaboration
// ---------------------------------------------------------------------------------------------

export const meetingStatus = pgEnum('meeting_status', ['scheduled', 'in_progress', 'ended', 'cancelled']);
export const actionStatus = pgEnum('action_status', ['open', 'in_progress', 'done', 'cancelled']);
export const actionPriority = pgEnum('action_priority', ['routine', 'soon', 'urgent']);

export const meeting = pgTable(
	'meeting',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id),
		title: text('title').notNull(),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		durationMinutes: smallint('duration_minutes').notNull().default(60),
		chairId: uuid('chair_id').references(() => user.id),
		status: meetingStatus('status').notNull().default('scheduled'),
		// Live state of the meeting room, shared by every server process.
		currentItemId: text('current_item_id'),
		timerItemId: text('timer_item_id'),
		timerStartedAt: timestamp('timer_started_at', { withTimezone: true }),
		timerElapsedMs: integer('timer_elapsed_ms').notNull().default(0),
		createdBy: uuid('created_by').references(() => user.id),
		...timestamps
	},
	(t) => [index('meeting_organisation_starts_idx').on(t.organisationId, t.startsAt)]
);

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
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id)
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.userId] })]
);

export const measureKind = pgEnum('measure_kind', ['pam', 'ons4']);

/**
 * Outcome measures as recorded from a licensed tool (PAM: score and level, never the questions)
 * or a person's answers (ONS4: four values, reported separately, never summed).
 */
export const outcomeMeasure = pgTable(
	'outcome_measure',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id),
		patientId: uuid('patient_id')
			.notNull()
			.references(() => patient.id, { onDelete: 'cascade' }),
		kind: measureKind('kind').notNull(),
		recordedOn: date('recorded_on', { mode: 'string' }).notNull(),
		pamScore: real('pam_score'),
		pamLevel: smallint('pam_level'),
		ons4: jsonb('ons4'),
		recordedBy: uuid('recorded_by').references(() => user.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('outcome_measure_patient_idx').on(t.patientId, t.recordedOn)]
);

/** Who was in the live meeting room, and when: the attendance list of the minutes. */
export const meetingAttendance = pgTable(
	'meeting_attendance',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id),
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => meeting.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id),
		joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
		leftAt: timestamp('left_at', { withTimezone: true })
	},
	(t) => [index('meeting_attendance_meeting_idx').on(t.meetingId, t.joinedAt)]
);

/** A follow-up action agreed at an MDT (or elsewhere), owned by one member of the team. */
export const mdtAction = pgTable(
	'mdt_action',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id),
		meetingId: uuid('meeting_id').references(() => meeting.id),
		agendaItemId: text('agenda_item_id'),
		patientId: uuid('patient_id').references(() => patient.id),
		description: text('description').notNull(),
		assigneeId: uuid('assignee_id')
			.notNull()
			.references(() => user.id),
		dueDate: date('due_date', { mode: 'string' }),
		priority: actionPriority('priority').notNull().default('routine'),
		status: actionStatus('status').notNull().default('open'),
		statusNote: text('status_note'),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => user.id),
		...timestamps
	},
	(t) => [
		index('mdt_action_assignee_idx').on(t.assigneeId, t.status),
		index('mdt_action_meeting_idx').on(t.meetingId),
		index('mdt_action_patient_idx').on(t.patientId)
	]
);

/**
 * The y-websocket update log: every update a client sent, appended before it is broadcast.
 * Compaction folds the oldest rows into collab_snapshot and deletes them in one transaction.
 */
export const collabUpdate = pgTable(
	'collab_update',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		docName: text('doc_name').notNull(),
		update: bytea('update').notNull(),
		userId: uuid('user_id').references(() => user.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('collab_update_doc_idx').on(t.docName, t.id)]
);

/** The compacted part of a document's log; whatever rows remain in collab_update come after it. */
export const collabSnapshot = pgTable('collab_snapshot', {
	docName: text('doc_name').primaryKey(),
	organisationId: uuid('organisation_id').references(() => organisation.id),
	state: bytea('state').notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/** A named version of a document ("Agreed with patient"): a full state, who and when. */
export const collabVersion = pgTable(
	'collab_version',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id),
		docName: text('doc_name').notNull(),
		label: text('label').notNull(),
		state: bytea('state').notNull(),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => user.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('collab_version_doc_idx').on(t.docName, t.createdAt)]
);

/** The live care plan, projected from its Yjs document, by PRSB section. */
export const carePlan = pgTable('care_plan', {
	patientId: uuid('patient_id')
		.primaryKey()
		.references(() => patient.id, { onDelete: 'cascade' }),
	organisationId: uuid('organisation_id')
		.notNull()
		.references(() => organisation.id),
	schemaVersion: smallint('schema_version').notNull(),
	content: jsonb('content').notNull(),
	reviewDate: date('review_date', { mode: 'string' }),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/** Agenda items of a meeting, projected from the meeting's Yjs document. */
export const agendaItem = pgTable(
	'agenda_item',
	{
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => meeting.id, { onDelete: 'cascade' }),
		id: text('id').notNull(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id),
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

export type Meeting = typeof meeting.$inferSelect;
export type MeetingAttendance = typeof meetingAttendance.$inferSelect;
export type OutcomeMeasure = typeof outcomeMeasure.$inferSelect;
export type MdtAction = typeof mdtAction.$inferSelect;
export type CollabVersion = typeof collabVersion.$inferSelect;
export type CarePlan = typeof carePlan.$inferSelect;
export type AgendaItem = typeof agendaItem.$inferSelect;
