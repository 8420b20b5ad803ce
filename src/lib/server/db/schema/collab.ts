import { bigint, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './columns';
import { organisation, owningOrganisation, user } from './organisations';

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
export type CollabUpdate = typeof collabUpdate.$inferSelect;

/** The compacted part of a document's log; whatever rows remain in collab_update come after it. */
export const collabSnapshot = pgTable('collab_snapshot', {
	docName: text('doc_name').primaryKey(),
	organisationId: uuid('organisation_id').references(() => organisation.id),
	state: bytea('state').notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});
export type CollabSnapshot = typeof collabSnapshot.$inferSelect;

/** A named version of a document ("Agreed with patient"): a full state, who and when. */
export const collabVersion = pgTable(
	'collab_version',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: owningOrganisation(),
		docName: text('doc_name').notNull(),
		label: text('label').notNull(),
		state: bytea('state').notNull(),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => user.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		/**
		 * A care plan version marked as agreed with the person: how it was agreed (face to face,
		 * by telephone, with their representative…) and on which day. Null for other versions.
		 */
		agreedHow: text('agreed_how'),
		agreedOn: date('agreed_on', { mode: 'string' }),
		/** The MDT meeting a version was saved by (its plan before and after the discussion). */
		meetingId: uuid('meeting_id')
	},
	(t) => [
		index('collab_version_doc_idx').on(t.docName, t.createdAt),
		index('collab_version_meeting_idx').on(t.meetingId)
	]
);
export type CollabVersion = typeof collabVersion.$inferSelect;

/**
 * Upgrades of stored live documents that have run (src/lib/server/document-upgrades.ts): each
 * runs once, at start, in the same transaction as the edits it makes.
 */
export const documentUpgrade = pgTable('document_upgrade', {
	name: text('name').primaryKey(),
	appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow()
});
