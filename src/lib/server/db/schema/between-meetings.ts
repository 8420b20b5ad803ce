import {
	boolean,
	date,
	index,
	integer,
	pgEnum,
	pgTable,
	smallint,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import {
	SERVICE_CATEGORIES,
	SERVICE_FEEDBACK_KINDS,
	SERVICE_REFERRAL_STATUSES
} from '../../../domain/community-services';
import {
	APPOINTMENT_KINDS,
	APPOINTMENT_STATUSES,
	CONTACT_KINDS
} from '../../../domain/contact-log';
import { HEALTH_BUDGET_STATUSES } from '../../../domain/personalised-care';
import { timestamps } from './columns';
import { owningOrganisation, user } from './organisations';
import { patient } from './patients';

export const contactKind = pgEnum('contact_kind', CONTACT_KINDS);
export const appointmentKind = pgEnum('appointment_kind', APPOINTMENT_KINDS);
export const appointmentStatus = pgEnum('appointment_status', APPOINTMENT_STATUSES);
export const serviceCategory = pgEnum('service_category', SERVICE_CATEGORIES);
export const serviceReferralStatus = pgEnum('service_referral_status', SERVICE_REFERRAL_STATUSES);
export const serviceFeedbackKind = pgEnum('service_feedback_kind', SERVICE_FEEDBACK_KINDS);
export const healthBudgetStatus = pgEnum('health_budget_status', HEALTH_BUDGET_STATUSES);

/** A contact with (or about) a person: a call, a visit, a message, a letter. */
export const contactLog = pgTable(
	'contact_log',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: owningOrganisation(),
		patientId: uuid('patient_id')
			.notNull()
			.references(() => patient.id, { onDelete: 'cascade' }),
		occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
		kind: contactKind('kind').notNull(),
		/** With whom: the person, their carer, a professional. */
		withWhom: text('with_whom').notNull(),
		summary: text('summary').notNull(),
		durationMinutes: smallint('duration_minutes'),
		by: uuid('by')
			.notNull()
			.references(() => user.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('contact_log_patient_idx').on(t.patientId, t.occurredAt)]
);

/** An appointment or follow-up the coordinator arranges for a person. */
export const appointment = pgTable(
	'appointment',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: owningOrganisation(),
		patientId: uuid('patient_id')
			.notNull()
			.references(() => patient.id, { onDelete: 'cascade' }),
		kind: appointmentKind('kind').notNull().default('appointment'),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		durationMinutes: smallint('duration_minutes').notNull().default(30),
		/** With whom: a clinic, a professional, a service. */
		withWhom: text('with_whom').notNull(),
		location: text('location').notNull(),
		/** Transport or access needs, and what was arranged. */
		accessNeeds: text('access_needs'),
		/** When to remind the person (and the coordinator); null for no reminder. */
		remindAt: timestamp('remind_at', { withTimezone: true }),
		status: appointmentStatus('status').notNull().default('booked'),
		/** The coordinator who arranged it: their day view shows it. */
		coordinatorId: uuid('coordinator_id')
			.notNull()
			.references(() => user.id),
		note: text('note'),
		...timestamps
	},
	(t) => [
		index('appointment_patient_idx').on(t.patientId, t.startsAt),
		index('appointment_coordinator_idx').on(t.coordinatorId, t.startsAt)
	]
);

/** A VCSE or statutory service in the PCN's directory. */
export const communityService = pgTable(
	'community_service',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: owningOrganisation(),
		name: text('name').notNull(),
		category: serviceCategory('category').notNull(),
		description: text('description').notNull().default(''),
		/** Phone, email or website, as the service gives them. */
		contact: text('contact').notNull(),
		area: text('area').notNull(),
		eligibility: text('eligibility').notNull().default(''),
		referralRoute: text('referral_route').notNull().default(''),
		/** Capacity or waiting time, in words ("taking referrals", "6-week wait"). */
		capacity: text('capacity').notNull().default(''),
		lastCheckedOn: date('last_checked_on', { mode: 'string' }),
		active: boolean('active').notNull().default(true),
		...timestamps
	},
	(t) => [index('community_service_organisation_idx').on(t.organisationId, t.category)]
);

/** A person referred to a service (social prescribing), and how it went. */
export const serviceReferral = pgTable(
	'service_referral',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: owningOrganisation(),
		patientId: uuid('patient_id')
			.notNull()
			.references(() => patient.id, { onDelete: 'cascade' }),
		serviceId: uuid('service_id')
			.notNull()
			.references(() => communityService.id),
		sentOn: date('sent_on', { mode: 'string' }).notNull(),
		reason: text('reason').notNull(),
		status: serviceReferralStatus('status').notNull().default('sent'),
		/** The outcome, and what the person or the service said about it. */
		outcome: text('outcome'),
		by: uuid('by')
			.notNull()
			.references(() => user.id),
		...timestamps
	},
	(t) => [
		index('service_referral_patient_idx').on(t.patientId),
		index('service_referral_service_idx').on(t.serviceId, t.status),
		// Reports: referrals to services sent in a period.
		index('service_referral_organisation_sent_idx').on(t.organisationId, t.sentOn)
	]
);

/** What a service said about its capacity or gaps, for service development. */
export const serviceFeedback = pgTable(
	'service_feedback',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: owningOrganisation(),
		serviceId: uuid('service_id')
			.notNull()
			.references(() => communityService.id, { onDelete: 'cascade' }),
		recordedOn: date('recorded_on', { mode: 'string' }).notNull(),
		kind: serviceFeedbackKind('kind').notNull(),
		note: text('note').notNull(),
		by: uuid('by')
			.notNull()
			.references(() => user.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('service_feedback_service_idx').on(t.serviceId, t.recordedOn)]
);

/**
 * A person prepared for a shared decision-making conversation: which decision, which NHS
 * decision support tool was shared, and the outcome.
 */
export const sharedDecision = pgTable(
	'shared_decision',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: owningOrganisation(),
		patientId: uuid('patient_id')
			.notNull()
			.references(() => patient.id, { onDelete: 'cascade' }),
		decision: text('decision').notNull(),
		decisionSupportTool: text('decision_support_tool'),
		preparedOn: date('prepared_on', { mode: 'string' }).notNull(),
		outcome: text('outcome'),
		by: uuid('by')
			.notNull()
			.references(() => user.id),
		...timestamps
	},
	(t) => [index('shared_decision_patient_idx').on(t.patientId, t.preparedOn)]
);

/** A personal health budget's status over time: the latest row is where it stands. */
export const healthBudget = pgTable(
	'health_budget',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: owningOrganisation(),
		patientId: uuid('patient_id')
			.notNull()
			.references(() => patient.id, { onDelete: 'cascade' }),
		status: healthBudgetStatus('status').notNull(),
		recordedOn: date('recorded_on', { mode: 'string' }).notNull(),
		/** The budget a year, in pence; null until one is set. */
		amountPence: integer('amount_pence'),
		reviewOn: date('review_on', { mode: 'string' }),
		note: text('note'),
		by: uuid('by')
			.notNull()
			.references(() => user.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('health_budget_patient_idx').on(t.patientId, t.recordedOn)]
);
