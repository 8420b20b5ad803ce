import { RateLimiterMemory } from 'rate-limiter-flexible';
import { asc, eq } from 'drizzle-orm';
import { recordAudit } from './audit';
import { createSession, dummyPasswordHash, verifyPassword } from './auth';
import type { Db } from './db';
import { membership, user } from './db/schema';

const MAX_FAILURES = 10;
const WINDOW_SECONDS = 15 * 60;

export type SignInLimiter = RateLimiterMemory;

/** 10 failures for one account or one IP within 15 minutes lock that key for 15 minutes. */
export function createSignInLimiter(): SignInLimiter {
	return new RateLimiterMemory({
		keyPrefix: 'sign-in',
		points: MAX_FAILURES,
		duration: WINDOW_SECONDS
	});
}

export type SignInResult =
	| { ok: true; token: string; expiresAt: Date; userId: string }
	| { ok: false; reason: 'invalid' | 'locked' };

function limiterKeys(email: string, ip: string): string[] {
	return [`account:${email}`, `ip:${ip}`];
}

async function isLocked(limiter: SignInLimiter, keys: string[]): Promise<boolean> {
	for (const key of keys) {
		const state = await limiter.get(key);
		if (state && state.consumedPoints >= MAX_FAILURES) return true;
	}
	return false;
}

async function countFailure(limiter: SignInLimiter, keys: string[]): Promise<void> {
	for (const key of keys) {
		try {
			const state = await limiter.consume(key);
			if (state.consumedPoints >= MAX_FAILURES) await limiter.block(key, WINDOW_SECONDS);
		} catch {
			// Already over the limit: the key is locked.
		}
	}
}

/**
 * Checks an email and password and opens a session. A wrong password and an unknown email
 * answer alike, in about the same time.
 */
export async function signIn(
	db: Db,
	limiter: SignInLimiter,
	input: { email: string; password: string; ip: string }
): Promise<SignInResult> {
	const email = input.email.trim().toLowerCase();
	const keys = limiterKeys(email, input.ip);
	if (await isLocked(limiter, keys)) {
		await recordAudit(db, { action: 'sign_in_failed', ip: input.ip, detail: `locked: ${email}` });
		return { ok: false, reason: 'locked' };
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
	const valid = await verifyPassword(account?.passwordHash ?? (await dummyPasswordHash()), input.password);
	if (!account || !valid || !account.active || !account.organisationId) {
		await countFailure(limiter, keys);
		await recordAudit(db, {
			action: 'sign_in_failed',
			userId: account?.id ?? null,
			organisationId: account?.organisationId ?? null,
			ip: input.ip,
			detail: account ? (account.active ? 'wrong password' : 'inactive account') : `unknown email: ${email}`
		});
		return { ok: false, reason: 'invalid' };
	}
	await limiter.delete(`account:${email}`);
	const { token, expiresAt } = await createSession(db, account.id, account.organisationId);
	await recordAudit(db, {
		action: 'sign_in',
		userId: account.id,
		organisationId: account.organisationId,
		ip: input.ip
	});
	return { ok: true, token, expiresAt, userId: account.id };
}
