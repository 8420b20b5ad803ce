import { sql } from 'drizzle-orm';
import {
	boolean,
	date,
	index,
	pgEnum,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { EPISODE_CLOSE_REASONS, EPISODE_OPEN_REASONS } from '../../../domain/caseload';
import {
	CONTACT_MODES,
	PRESENTING_NEEDS,
	REFERRAL_SOURCES,
	REFERRAL_URGENCIES,
	REFERRED_ON_TO,
	TRIAGE_OUTCOMES
} from '../../../domain/referrals';
import { timestamps } from './columns';
import { owningOrganisation, user } from './organisations';
import { patient } from './patients';

export const episodeOpenReason = pgEnum('episode_open_reason', EPISODE_OPEN_REASONS);
export const episodeCloseReason = pgEnum('episode_close_reason', EPISODE_CLOSE_REASONS);
export const referralSource = pgEnum('referral_source', REFERRAL_SOURCES);
export const presentingNeed = pgEnum('presenting_need', PRESENTING_NEEDS);
export const referralUrgency = pgEnum('referral_urgency', REFERRAL_URGENCIES);
export const contactMode = pgEnum('contact_mode', CONTACT_MODES);
export const triageOutcome = pgEnum('triage_outcome', TRIAGE_OUTCOMES);
export const referredOnTo = pgEnum('referred_on_to', REFERRED_ON_TO);

/** A referral to the care coordination service, and its triage once made. */
export const referral = pgTable(
	'referral',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: owningOrganisation(),
		patientId: uuid('patient_id')
			.notNull()
			.references(() => patient.id, { onDelete: 'cascade' }),
		source: referralSource('source').notNull(),
		reason: text('reason').notNull(),
		/** The main need, from a short list, for reports; null on referrals made before it was asked. */
		presentingNeed: presentingNeed('presenting_need'),
		urgency: referralUrgency('urgency').notNull().default('routine'),
		/** Who referred: a name, and their role or organisation. */
		referrer: text('referrer').notNull(),
		receivedOn: date('received_on', { mode: 'string' }).notNull(),
		// The first contact, once made.
		firstContactOn: date('first_contact_on', { mode: 'string' }),
		firstContactMode: contactMode('first_contact_mode'),
		firstContactBy: uuid('first_contact_by').references(() => user.id),
		// The triage outcome, once decided.
		outcome: triageOutcome('outcome'),
		/** Signposted to what, referred on to whom, or why declined. */
		outcomeDetail: text('outcome_detail'),
		referredOnTo: referredOnTo('referred_on_to'),
		triagedAt: timestamp('triaged_at', { withTimezone: true }),
		triagedBy: uuid('triaged_by').references(() => user.id),
		createdBy: uuid('created_by').references(() => user.id),
		...timestamps
	},
	(t) => [
		index('referral_organisation_received_idx').on(t.organisationId, t.receivedOn),
		index('referral_patient_idx').on(t.patientId)
	]
);
export type Referral = typeof referral.$inferSelect;

/** Each try at a first contact, successful or not (three failed ones ask for a decision). */
export const contactAttempt = pgTable(
	'contact_attempt',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: owningOrganisation(),
		referralId: uuid('referral_id')
			.notNull()
			.references(() => referral.id, { onDelete: 'cascade' }),
		attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull(),
		mode: contactMode('mode').notNull(),
		succeeded: boolean('succeeded').notNull(),
		note: text('note'),
		by: uuid('by')
			.notNull()
			.references(() => user.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('contact_attempt_referral_idx').on(t.referralId, t.attemptedAt)]
);

/**
 * A person's time on the care coordinator's caseload: opened with a reason (from a referral,
 * or proactively), closed with one. At most one episode of a person is open at a time.
 */
export const caseloadEpisode = pgTable(
	'caseload_episode',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: owningOrganisation(),
		patientId: uuid('patient_id')
			.notNull()
			.references(() => patient.id, { onDelete: 'cascade' }),
		openedOn: date('opened_on', { mode: 'string' }).notNull(),
		openReason: episodeOpenReason('open_reason').notNull(),
		referralId: uuid('referral_id').references(() => referral.id),
		openedBy: uuid('opened_by').references(() => user.id),
		closedOn: date('closed_on', { mode: 'string' }),
		closeReason: episodeCloseReason('close_reason'),
		closeNote: text('close_note'),
		closedBy: uuid('closed_by').references(() => user.id),
		...timestamps
	},
	(t) => [
		index('caseload_episode_patient_idx').on(t.patientId, t.openedOn),
		// Reports: episodes opened, and closed, in a period.
		index('caseload_episode_organisation_opened_idx').on(t.organisationId, t.openedOn),
		index('caseload_episode_organisation_closed_idx').on(t.organisationId, t.closedOn),
		uniqueIndex('caseload_episode_one_open_idx')
			.on(t.patientId)
			.where(sql`${t.closedOn} is null`)
	]
);
export type CaseloadEpisode = typeof caseloadEpisode.$inferSelect;
