import { hash, verify } from '@node-rs/argon2';
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { and, eq } from 'drizzle-orm';
import type { Role } from '../domain/roles';
import { accessChanged } from './access-changes';
import type { Db } from './db';
import { membership, organisation, session, user } from './db/schema';
import { realtime } from './realtime-bridge';

export const SESSION_COOKIE = 'mdt_session';
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME = 30 * DAY;
/** A session used in its last 15 days is extended to a full 30 again (sliding expiry). */
const RENEW_WITHIN = 15 * DAY;

export type SessionUser = {
	id: string;
	email: string;
	name: string;
	role: Role;
	organisationId: string;
	organisationName: string;
};

export type ValidSession = { id: string; expiresAt: Date; renewed: boolean };

function randomSecret(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

function hashSecret(secret: string): Uint8Array {
	return sha256(new TextEncoder().encode(secret));
}

/** Starts a session; the returned token goes into the cookie and is never stored. */
export async function createSession(
	db: Db,
	userId: string,
	organisationId: string
): Promise<{ token: string; expiresAt: Date }> {
	const id = randomSecret();
	const secret = randomSecret();
	const expiresAt = new Date(Date.now() + SESSION_LIFETIME);
	await db
		.insert(session)
		.values({ id, secretHash: hashSecret(secret), userId, organisationId, expiresAt });
	return { token: `${id}.${secret}`, expiresAt };
}

/**
 * Checks a session token: the session must exist, be unexpired, belong to an active user who
 * still has a membership of its organisation, and its secret must match (constant time).
 */
export async function validateSessionToken(
	db: Db,
	token: string
): Promise<{ session: ValidSession; user: SessionUser } | null> {
	const [id, secret, ...rest] = token.split('.');
	if (!id || !secret || rest.length > 0 || id.length > 64 || secret.length > 64) return null;
	const [row] = await db
		.select({
			session,
			user: { id: user.id, email: user.email, name: user.name, active: user.active },
			role: membership.role,
			organisationName: organisation.name
		})
		.from(session)
		.innerJoin(user, eq(user.id, session.userId))
		.innerJoin(
			membership,
			and(
				eq(membership.userId, session.userId),
				eq(membership.organisationId, session.organisationId)
			)
		)
		.innerJoin(organisation, eq(organisation.id, session.organisationId))
		.where(eq(session.id, id));
	if (!row) return null;
	if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.session.secretHash))) return null;
	const now = Date.now();
	if (row.session.expiresAt.getTime() <= now || !row.user.active) {
		await db.delete(session).where(eq(session.id, id));
		return null;
	}
	let expiresAt = row.session.expiresAt;
	let renewed = false;
	if (expiresAt.getTime() - now < RENEW_WITHIN) {
		expiresAt = new Date(now + SESSION_LIFETIME);
		renewed = true;
		await db.update(session).set({ expiresAt }).where(eq(session.id, id));
	}
	return {
		session: { id, expiresAt, renewed },
		user: {
			id: row.user.id,
			email: row.user.email,
			name: row.user.name,
			role: row.role,
			organisationId: row.session.organisationId,
			organisationName: row.organisationName
		}
	};
}

/**
 * Ends a session (sign-out), and closes its live sockets at once: this process's directly, every
 * process's through the access-change bus (the periodic check is the backstop).
 */
export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	const ended = await db
		.delete(session)
		.where(eq(session.id, sessionId))
		.returning({ userId: session.userId });
	realtime()?.endSessions([sessionId]);
	accessChanged(ended.map((s) => s.userId));
}

/**
 * Ends every session of a user, closing this process's live sockets of them at once. Run inside
 * the caller's transaction: the caller calls `accessChanged(userId)` once it has committed, so
 * that every other process closes its sockets of them too.
 */
export async function invalidateUserSessions(db: Db, userId: string): Promise<void> {
	const ended = await db
		.delete(session)
		.where(eq(session.userId, userId))
		.returning({ id: session.id });
	if (ended.length > 0) realtime()?.endSessions(ended.map((s) => s.id));
}

// OWASP's argon2id baseline (19 MiB, 2 iterations, 1 lane).
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 };

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** Hash of a random password, compared against when the email is unknown, so timing reveals nothing. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
	dummyHash ??= hashPassword(randomSecret());
	return dummyHash;
}
