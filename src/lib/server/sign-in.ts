import { asc, eq } from 'drizzle-orm';
import { recordAudit } from './audit';
import { createSession, dummyPasswordHash, invalidateSession, verifyPassword } from './auth';
import type { Db } from './db';
import { membership, user } from './db/schema';
import type { SignInLimiter } from './sign-in-limiter';

export { createSignInLimiter, type SignInLimiter } from './sign-in-limiter';

export type SignInResult =
	| { ok: true; token: string; expiresAt: Date; userId: string }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'locked'; retryAfterMs: number };

/**
 * Checks an email and password and opens a session. A wrong password and an unknown email
 * answer alike, in about the same time. The attempt is counted by `limiter` before the password
 * is checked: over a limit, the answer is `locked` (with when to try again) and the password is
 * not checked at all, so concurrent guesses cannot outrun the count.
 */
export async function signIn(
	db: Db,
	limiter: SignInLimiter,
	input: { email: string; password: string; ip: string }
): Promise<SignInResult> {
	const email = input.email.trim().toLowerCase();
	const reservation = await limiter.reserve(email, input.ip);
	if (!reservation.ok) {
		await recordAudit(db, { action: 'sign_in_failed', ip: input.ip, detail: `locked: ${email}` });
		return { ok: false, reason: 'locked', retryAfterMs: reservation.retryAfterMs };
	}
	const [account] = await db
		.select({
			id: user.id,
			passwordHash: user.passwordHash,
			active: user.active,
			organisationId: membership.organisationId
		})
		.from(user)
		.leftJoin(membership, eq(membership.userId, user.id))
		.where(eq(user.email, email))
		.orderBy(asc(membership.createdAt))
		.limit(1);
	const valid = await verifyPassword(
		account?.passwordHash ?? (await dummyPasswordHash()),
		input.password
	);
	if (!account || !valid || !account.active || !account.organisationId) {
		await recordAudit(db, {
			action: 'sign_in_failed',
			userId: account?.id ?? null,
			organisationId: account?.organisationId ?? null,
			ip: input.ip,
			detail: account
				? account.active
					? 'wrong password'
					: 'inactive account'
				: `unknown email: ${email}`
		});
		return { ok: false, reason: 'invalid' };
	}
	await reservation.succeeded();
	const { token, expiresAt } = await createSession(db, account.id, account.organisationId);
	await recordAudit(db, {
		action: 'sign_in',
		userId: account.id,
		organisationId: account.organisationId,
		ip: input.ip
	});
	return { ok: true, token, expiresAt, userId: account.id };
}

/**
 * Ends a session and records the sign-out. The session goes first (its live sockets close at
 * once, in every process); the audit row follows it.
 */
export async function signOut(
	db: Db,
	input: { sessionId: string; userId: string; organisationId: string; ip: string }
): Promise<void> {
	await invalidateSession(db, input.sessionId);
	await recordAudit(db, {
		action: 'sign_out',
		userId: input.userId,
		organisationId: input.organisationId,
		ip: input.ip
	});
}
