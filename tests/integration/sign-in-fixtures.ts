import type { Db } from '../../src/lib/server/db';
import { signIn, type SignInLimiter, type SignInResult } from '../../src/lib/server/sign-in';

/** `count` sign-ins at once with a wrong password for `email`, from `ip(i)`; their answers. */
export function concurrentWrongPasswords(
	db: Db,
	limiter: SignInLimiter,
	options: { email: string; count: number; ip: (i: number) => string }
): Promise<SignInResult[]> {
	return Promise.all(
		Array.from({ length: options.count }, (_, i) =>
			signIn(db, limiter, { email: options.email, password: `guess-${i}`, ip: options.ip(i) })
		)
	);
}

/** How many answers were `invalid` (a password checked) and how many `locked` (refused before). */
export function tally(results: SignInResult[]) {
	return {
		invalid: results.filter((r) => !r.ok && r.reason === 'invalid').length,
		locked: results.filter((r) => !r.ok && r.reason === 'locked').length
	};
}
