import { once } from 'node:events';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../src/lib/server/demo/seed';
import { createSignInLimiter, signIn, type SignInLimiter } from '../../src/lib/server/sign-in';
import { SIGN_IN_LIMITS } from '../../src/lib/server/sign-in-limiter';
import { describeEachDatabase } from './fixtures';
import { passwordsChecked } from './password-checks';
import { concurrentWrongPasswords, tally } from './sign-in-fixtures';
import { within } from './wait';

vi.mock('../../src/lib/server/auth', async (importOriginal) =>
	(await import('./password-checks')).countingVerifier(importOriginal)
);

const REDIS_URL = process.env.TEST_REDIS_URL;
if (!REDIS_URL) {
	console.warn('⚠ TEST_REDIS_URL is not set: sign-in limits shared through Redis are SKIPPED.');
}

(REDIS_URL ? describe : describe.skip)(
	`sign-in limits shared through Redis${REDIS_URL ? '' : ' [TEST_REDIS_URL not set]'}`,
	() => {
		describeEachDatabase(
			'two limiters, each with its own connection as two processes have',
			(db) => {
				let clients: Redis[] = [];
				let processes: SignInLimiter[] = [];
				// Keys of this block's own, so that runs (and the two databases' blocks) never meet.
				const keyPrefix = `test-sign-in-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

				beforeAll(async () => {
					await seedDemo(db());
					clients = [new Redis(REDIS_URL!), new Redis(REDIS_URL!)];
					// Until Redis is ready a limiter counts in memory (see SignInLimiter): wait, so both share.
					await within(
						Promise.all(clients.map((c) => c.status === 'ready' || once(c, 'ready'))),
						'Redis to be ready'
					);
					processes = clients.map((redis) => createSignInLimiter({ redis, keyPrefix }));
				});
				afterAll(async () => {
					const keys = await clients[0].keys(`${keyPrefix}:*`);
					if (keys.length > 0) await clients[0].del(...keys);
					for (const client of clients) client.disconnect();
				});
				beforeEach(() => {
					passwordsChecked.count = 0;
				});

				it('count one account’s failures from one address together: at most 10 checked across both', async () => {
					const results = (
						await Promise.all(
							processes.map((limiter) =>
								concurrentWrongPasswords(db(), limiter, {
									email: 'gp@riverside.test',
									count: 20,
									ip: () => '10.30.0.1'
								})
							)
						)
					).flat();
					expect(passwordsChecked.count).toBeLessThanOrEqual(SIGN_IN_LIMITS.accountAtAddress);
					expect(tally(results)).toEqual({
						invalid: passwordsChecked.count,
						locked: 40 - passwordsChecked.count
					});
				});

				it('count an address’s failing accounts together: 20 failing on one, the 21st is refused by both', async () => {
					for (let i = 0; i < SIGN_IN_LIMITS.accountsFromAddress; i++) {
						const result = await signIn(db(), processes[0], {
							email: `sprayed${i}@riverside.test`,
							password: 'Spring2026!',
							ip: '10.31.0.1'
						});
						expect(result, `account ${i + 1}`).toEqual({ ok: false, reason: 'invalid' });
					}
					for (const limiter of processes) {
						const next = await signIn(db(), limiter, {
							email: 'coordinator@riverside.test',
							password: DEMO_PASSWORD,
							ip: '10.31.0.1'
						});
						expect(next).toMatchObject({ ok: false, reason: 'locked' });
					}
				});
			}
		);
	}
);
