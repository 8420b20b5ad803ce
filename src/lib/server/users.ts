import { and, asc, eq } from 'drizzle-orm';
import { FIRST_USER_ROLE, type Role } from '../domain/roles';
import { accessChanged } from './access-changes';
import { recordAudit } from './audit';
import { hashPassword, invalidateUserSessions, verifyPassword, type SessionUser } from './auth';
import type { Db } from './db';
import { membership, organisation, user } from './db/schema';

export async function hasAnyUser(db: Db): Promise<boolean> {
	const rows = await db.select({ id: user.id }).from(user).limit(1);
	return rows.length > 0;
}

export class DuplicateEmailError extends Error {
	constructor() {
		super('A user with this email already exists');
	}
}

/**
 * One-time setup of an empty instance: the PCN and its first admin, in one transaction that
 * refuses to run once any user exists.
 */
export async function createFirstAdmin(
	db: Db,
	input: { pcnName: string; odsCode: string; name: string; email: string; password: string }
): Promise<{ userId: string; organisationId: string } | null> {
	const passwordHash = await hashPassword(input.password);
	return db.transaction(async (tx) => {
		if (await hasAnyUser(tx)) return null;
		const [pcn] = await tx
			.insert(organisation)
			.values({ kind: 'pcn', name: input.pcnName, odsCode: input.odsCode })
			.returning({ id: organisation.id });
		const [admin] = await tx
			.insert(user)
			.values({ email: input.email.toLowerCase(), name: input.name, passwordHash })
			.returning({ id: user.id });
		await tx
			.insert(membership)
			.values({ userId: admin.id, organisationId: pcn.id, role: FIRST_USER_ROLE });
		await recordAudit(tx, {
			action: 'create',
			organisationId: pcn.id,
			userId: admin.id,
			entityType: 'user',
			entityId: admin.id,
			after: { email: input.email.toLowerCase(), role: FIRST_USER_ROLE },
			detail: 'first admin created at setup'
		});
		return { userId: admin.id, organisationId: pcn.id };
	});
}

export type Member = {
	id: string;
	email: string;
	name: string;
	role: Role;
	active: boolean;
};

/** The members of the caller's organisation. */
export function listMembers(db: Db, actor: SessionUser): Promise<Member[]> {
	return db
		.select({
			id: user.id,
			email: user.email,
			name: user.name,
			role: membership.role,
			active: user.active
		})
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(eq(membership.organisationId, actor.organisationId))
		.orderBy(asc(user.name));
}

async function findMember(db: Db, actor: SessionUser, userId: string) {
	const [row] = await db
		.select({
			id: user.id,
			email: user.email,
			name: user.name,
			role: membership.role,
			active: user.active
		})
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(and(eq(membership.organisationId, actor.organisationId), eq(membership.userId, userId)));
	return row ?? null;
}

export async function addMember(
	db: Db,
	actor: SessionUser,
	input: { name: string; email: string; role: Role; password: string }
): Promise<string> {
	const email = input.email.trim().toLowerCase();
	const passwordHash = await hashPassword(input.password);
	return db.transaction(async (tx) => {
		const [existing] = await tx.select({ id: user.id }).from(user).where(eq(user.email, email));
		if (existing) throw new DuplicateEmailError();
		const [created] = await tx
			.insert(user)
			.values({ email, name: input.name, passwordHash })
			.returning({ id: user.id });
		await tx
			.insert(membership)
			.values({ userId: created.id, organisationId: actor.organisationId, role: input.role });
		await recordAudit(tx, {
			action: 'create',
			organisationId: actor.organisationId,
			userId: actor.id,
			entityType: 'user',
			entityId: created.id,
			after: { email, name: input.name, role: input.role }
		});
		return created.id;
	});
}

/**
 * Changes a member's role and/or active flag; deactivation ends every session they have. Once
 * committed, the member's open live sockets, in every server process, are re-evaluated at once
 * (access-changes.ts): a GP made observer can no longer edit or steer over a socket opened as a
 * GP. False when the user is not a member of the actor's organisation.
 */
export async function updateMember(
	db: Db,
	actor: SessionUser,
	userId: string,
	change: { role?: Role; active?: boolean }
): Promise<boolean> {
	const updated = await db.transaction(async (tx) => {
		const before = await findMember(tx, actor, userId);
		if (!before) return false;
		if (change.role && change.role !== before.role) {
			await tx
				.update(membership)
				.set({ role: change.role })
				.where(
					and(eq(membership.userId, userId), eq(membership.organisationId, actor.organisationId))
				);
		}
		if (change.active !== undefined && change.active !== before.active) {
			await tx.update(user).set({ active: change.active }).where(eq(user.id, userId));
			if (!change.active) await invalidateUserSessions(tx, userId);
		}
		await recordAudit(tx, {
			action: 'update',
			organisationId: actor.organisationId,
			userId: actor.id,
			entityType: 'user',
			entityId: userId,
			before: { role: before.role, active: before.active },
			after: { role: change.role ?? before.role, active: change.active ?? before.active }
		});
		return true;
	});
	if (updated) accessChanged(userId);
	return updated;
}

/** Changes the caller's own password and signs them out everywhere. */
export async function changePassword(
	db: Db,
	actor: SessionUser,
	input: { currentPassword: string; newPassword: string }
): Promise<boolean> {
	const [row] = await db
		.select({ passwordHash: user.passwordHash })
		.from(user)
		.where(eq(user.id, actor.id));
	if (!row || !(await verifyPassword(row.passwordHash, input.currentPassword))) return false;
	const passwordHash = await hashPassword(input.newPassword);
	await db.transaction(async (tx) => {
		await tx.update(user).set({ passwordHash }).where(eq(user.id, actor.id));
		await invalidateUserSessions(tx, actor.id);
		await recordAudit(tx, {
			action: 'password_change',
			organisationId: actor.organisationId,
			userId: actor.id,
			entityType: 'user',
			entityId: actor.id
		});
	});
	accessChanged(actor.id);
	return true;
}
