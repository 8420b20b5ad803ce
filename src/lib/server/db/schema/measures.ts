import {
	date,
	index,
	jsonb,
	pgEnum,
	pgTable,
	real,
	smallint,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import { owningOrganisation, user } from './organisations';
import { patient } from './patients';

export const measureKind = pgEnum('measure_kind', ['pam', 'ons4']);

/**
 * Outcome measures as recorded from a licensed tool (PAM: score and level, never the questions)
 * or a person's answers (ONS4: four values, reported separately, never summed).
 */
export const outcomeMeasure = pgTable(
	'outcome_measure',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: owningOrganisation(),
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
	(t) => [
		index('outcome_measure_patient_idx').on(t.patientId, t.recordedOn),
		// Reports: measures recorded in a period, by kind.
		index('outcome_measure_organisation_kind_idx').on(t.organisationId, t.kind, t.recordedOn)
	]
);
export type OutcomeMeasure = typeof outcomeMeasure.$inferSelect;
