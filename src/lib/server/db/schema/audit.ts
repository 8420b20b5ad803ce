import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisation, user } from './organisations';

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
export type AuditEvent = typeof auditEvent.$inferSelect;
