import { createServer } from 'node:net';
import { beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../src/lib/server/demo/seed';
import { createSignInLimiter, signIn } from '../../src/lib/server/sign-in';
import { connectSignInRedis, SIGN_IN_LIMITS } from '../../src/lib/server/sign-in-limiter';
import { describeEachDatabase } from './fixtures';
import { passwordsChecked } from './password-checks';
import { concurrentWrongPasswords, tally } from './sign-in-fixtures';

vi.mock('../../src/lib/server/auth', async (importOriginal) =>
	(await import('./password-checks')).countingVerifier(importOriginal)
);

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}

describeEachDatabase('sign-in limits', (db) => {
	beforeAll(async () => {
		await seedDemo(db());
	});
	beforeEach(() => {
		passwordsChecked.count = 0;
	});

	it('checks at most 10 of 40 wrong passwords sent at once for one account from one address, and tells the rest when to try again', async () => {
		const results = await concurrentWrongPasswords(db(), createSignInLimiter(), {
			email: 'gp@riverside.test',
			count: 40,
			ip: () => '10.20.0.1'
		});
		expect(passwordsChecked.count).toBeLessThanOrEqual(SIGN_IN_LIMITS.accountAtAddress);
		expect(tally(results)).toEqual({
			invalid: passwordsChecked.count,
			locked: 40 - passwordsChecked.count
		});
		for (const result of results) {
			if (!result.ok && result.reason === 'locked') {
				expect(result.retryAfterMs).toBeGreaterThan(0);
				expect(result.retryAfterMs).toBeLessThanOrEqual(FIFTEEN_MINUTES);
			}
		}
	});

	it('checks at most 30 of 40 wrong passwords sent at once for one account from 40 addresses', async () => {
		const results = await concurrentWrongPasswords(db(), createSignInLimiter(), {
			email: 'coach@riverside.test',
			count: 40,
			ip: (i) => `10.21.0.${i}`
		});
		expect(passwordsChecked.count).toBeLessThanOrEqual(SIGN_IN_LIMITS.account);
		expect(tally(results).locked).toBe(40 - passwordsChecked.count);
	});

	it('30 failures for one account from many addresses lock it from every address', async () => {
		const limiter = createSignInLimiter();
		await concurrentWrongPasswords(db(), limiter, {
			email: 'coach@riverside.test',
			count: SIGN_IN_LIMITS.account,
			ip: (i) => `10.21.1.${i}`
		});
		const locked = await signIn(db(), limiter, {
			email: 'coach@riverside.test',
			password: DEMO_PASSWORD,
			ip: '10.21.2.1'
		});
		expect(locked).toMatchObject({ ok: false, reason: 'locked' });
	});

	it('ten typos on one account lock that account from that address only, not a colleague behind the same address', async () => {
		const limiter = createSignInLimiter();
		const practice = '10.22.0.1';
		for (let i = 0; i < 10; i++) {
			const typo = await signIn(db(), limiter, {
				email: 'nurse@riverside.test',
				password: `typo-${i}`,
				ip: practice
			});
			expect(typo).toEqual({ ok: false, reason: 'invalid' });
		}
		const again = await signIn(db(), limiter, {
			email: 'nurse@riverside.test',
			password: DEMO_PASSWORD,
			ip: practice
		});
		expect(again).toMatchObject({ ok: false, reason: 'locked' });
		const colleague = await signIn(db(), limiter, {
			email: 'pharmacist@riverside.test',
			password: DEMO_PASSWORD,
			ip: practice
		});
		expect(colleague.ok).toBe(true);
		const elsewhere = await signIn(db(), limiter, {
			email: 'nurse@riverside.test',
			password: DEMO_PASSWORD,
			ip: '10.22.9.9'
		});
		expect(elsewhere.ok).toBe(true);
	});

	it('an address failing for more than 20 accounts is locked for every account, and only that address', async () => {
		const limiter = createSignInLimiter();
		const sprayer = '10.23.0.1';
		for (let i = 0; i < SIGN_IN_LIMITS.accountsFromAddress; i++) {
			const result = await signIn(db(), limiter, {
				email: `someone${i}@riverside.test`,
				password: 'Winter2026!',
				ip: sprayer
			});
			expect(result, `account ${i + 1}`).toEqual({ ok: false, reason: 'invalid' });
		}
		const next = await signIn(db(), limiter, {
			email: 'linkworker@riverside.test',
			password: DEMO_PASSWORD,
			ip: sprayer
		});
		expect(next).toMatchObject({ ok: false, reason: 'locked' });
		const triedBefore = await signIn(db(), limiter, {
			email: 'someone0@riverside.test',
			password: 'Summer2026!',
			ip: sprayer
		});
		expect(triedBefore).toMatchObject({ ok: false, reason: 'locked' });
		const elsewhere = await signIn(db(), limiter, {
			email: 'linkworker@riverside.test',
			password: DEMO_PASSWORD,
			ip: '10.23.9.9'
		});
		expect(elsewhere.ok).toBe(true);
	});

	it('a practice signing in many times from one address is never locked: successes count for nothing', async () => {
		const limiter = createSignInLimiter();
		const everyone = [
			'coordinator@riverside.test',
			'gp@riverside.test',
			'linkworker@riverside.test',
			'coach@riverside.test',
			'nurse@riverside.test',
			'pharmacist@riverside.test',
			'admin@riverside.test'
		];
		for (let round = 0; round < 5; round++) {
			const results = await Promise.all(
				everyone.map((email) =>
					signIn(db(), limiter, { email, password: DEMO_PASSWORD, ip: '10.24.0.1' })
				)
			);
			expect(results.every((r) => r.ok)).toBe(true);
		}
		expect(passwordsChecked.count).toBe(5 * everyone.length);
	});

	it('the right password forgives that address its typos on the account', async () => {
		const limiter = createSignInLimiter();
		const attempt = (password: string) =>
			signIn(db(), limiter, { email: 'admin@riverside.test', password, ip: '10.25.0.1' });
		for (let i = 0; i < 9; i++) expect(await attempt(`typo-${i}`)).toMatchObject({ ok: false });
		expect((await attempt(DEMO_PASSWORD)).ok).toBe(true);
		for (let i = 0; i < 9; i++) {
			expect(await attempt(`typo-again-${i}`)).toEqual({ ok: false, reason: 'invalid' });
		}
	});

	it('with Redis unreachable, sign-in still answers and still limits, in this process', async () => {
		const redis = connectSignInRedis(`redis://127.0.0.1:${await closedPort()}`);
		try {
			const limiter = createSignInLimiter({ redis });
			const results = await concurrentWrongPasswords(db(), limiter, {
				email: 'coordinator@hillside.test',
				count: 15,
				ip: () => '10.26.0.1'
			});
			expect(tally(results)).toEqual({ invalid: 10, locked: 5 });
			const right = await signIn(db(), limiter, {
				email: 'gp@hillside.test',
				password: DEMO_PASSWORD,
				ip: '10.26.0.1'
			});
			expect(right.ok).toBe(true);
		} finally {
			redis.disconnect();
		}
	});
});
