import {
	boolean,
	index,
	pgEnum,
	pgTable,
	smallint,
	text,
	timestamp,
	uniqueIndex,
	uuid,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { DEFAULT_FIRST_CONTACT_TARGET_DAYS } from '../../../domain/referrals';
import { ROLES } from '../../../domain/roles';
import { bytea, timestamps } from './columns';

export const organisationKind = pgEnum('organisation_kind', ['pcn', 'practice']);
export const role = pgEnum('role', ROLES);

/** A PCN, or one of its practices (parentId = the PCN). ODS-style codes are unique. */
export const organisation = pgTable(
	'organisation',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		kind: organisationKind('kind').notNull(),
		name: text('name').notNull(),
		odsCode: text('ods_code').notNull().unique(),
		parentId: uuid('parent_id').references((): AnyPgColumn => organisation.id),
		/** A PCN's target for a referral's first contact, in working days (England and Wales). */
		firstContactTargetDays: smallint('first_contact_target_days')
			.notNull()
			.default(DEFAULT_FIRST_CONTACT_TARGET_DAYS),
		...timestamps
	},
	(t) => [index('organisation_parent_idx').on(t.parentId)]
);

/**
 * The PCN that owns a row. Every patient-owned row carries one, and every query is scoped by it:
 * another organisation's rows answer 404.
 */
export const owningOrganisation = () =>
	uuid('organisation_id')
		.notNull()
		.references(() => organisation.id);
export type Organisation = typeof organisation.$inferSelect;

export const user = pgTable('user', {
	id: uuid('id').primaryKey().defaultRandom(),
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	passwordHash: text('password_hash').notNull(),
	active: boolean('active').notNull().default(true),
	...timestamps
});
export type User = typeof user.$inferSelect;

/** A user's place in a PCN. Every authorisation decision starts from this row. */
export const membership = pgTable(
	'membership',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		organisationId: owningOrganisation(),
		role: role('role').notNull(),
		...timestamps
	},
	(t) => [
		uniqueIndex('membership_user_organisation_idx').on(t.userId, t.organisationId),
		index('membership_organisation_idx').on(t.organisationId)
	]
);
export type Membership = typeof membership.$inferSelect;

/** Lucia-style session: the token is `id.secret`; only a SHA-256 of the secret is kept. */
export const session = pgTable(
	'session',
	{
		id: text('id').primaryKey(),
		secretHash: bytea('secret_hash').notNull(),
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		organisationId: owningOrganisation(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull()
	},
	(t) => [index('session_user_idx').on(t.userId)]
);
export type Session = typeof session.$inferSelect;
