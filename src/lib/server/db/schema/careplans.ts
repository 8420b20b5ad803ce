import { date, jsonb, pgTable, smallint, timestamp, uuid } from 'drizzle-orm/pg-core';
import { owningOrganisation } from './organisations';
import { patient } from './patients';

/** The live care plan, projected from its Yjs document, by PRSB section. */
export const carePlan = pgTable('care_plan', {
	patientId: uuid('patient_id')
		.primaryKey()
		.references(() => patient.id, { onDelete: 'cascade' }),
	organisationId: owningOrganisation(),
	schemaVersion: smallint('schema_version').notNull(),
	content: jsonb('content').notNull(),
	reviewDate: date('review_date', { mode: 'string' }),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});
export type CarePlan = typeof carePlan.$inferSelect;
