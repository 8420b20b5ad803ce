import { boolean, index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { SAFEGUARDING_CATEGORIES, SHARING_CONSENTS } from '../../../domain/safeguarding';
import { owningOrganisation, user } from './organisations';
import { patient } from './patients';

export const safeguardingCategory = pgEnum('safeguarding_category', SAFEGUARDING_CATEGORIES);
export const sharingConsent = pgEnum('sharing_consent', SHARING_CONSENTS);

/**
 * A safeguarding concern raised about a person to a named clinical contact. It is open until
 * that contact acknowledges it with an outcome; `patient.safeguarding_concern` says whether any
 * concern of the person is open and is kept in step in the same transaction.
 */
export const safeguardingConcern = pgTable(
	'safeguarding_concern',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: owningOrganisation(),
		patientId: uuid('patient_id')
			.notNull()
			.references(() => patient.id, { onDelete: 'cascade' }),
		category: safeguardingCategory('category').notNull(),
		description: text('description').notNull(),
		/** The clinician the concern is raised to: it stays on their list until acknowledged. */
		namedContactId: uuid('named_contact_id')
			.notNull()
			.references(() => user.id),
		consentToShare: sharingConsent('consent_to_share').notNull(),
		immediateRisk: boolean('immediate_risk').notNull(),
		raisedBy: uuid('raised_by')
			.notNull()
			.references(() => user.id),
		raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
		acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
		acknowledgedBy: uuid('acknowledged_by').references(() => user.id),
		/** What the named contact did: referred to the local authority, no further action, … */
		outcome: text('outcome')
	},
	(t) => [
		index('safeguarding_concern_patient_idx').on(t.patientId, t.raisedAt),
		index('safeguarding_concern_contact_idx').on(t.namedContactId, t.acknowledgedAt)
	]
);
export type SafeguardingConcern = typeof safeguardingConcern.$inferSelect;
