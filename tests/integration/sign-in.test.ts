import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { validateSessionToken } from '../../src/lib/server/auth';
import { schema } from '../../src/lib/server/db';
import { DEMO_PASSWORD, seedDemo } from '../../src/lib/server/demo/seed';
import { createSignInLimiter, signIn, signOut } from '../../src/lib/server/sign-in';
import { describeEachDatabase } from './fixtures';

describeEachDatabase('sign-in', (db) => {
	beforeAll(async () => {
		await seedDemo(db());
	});

	it('signs in with the right password and records it', async () => {
		const result = await signIn(db(), createSignInLimiter(), {
			email: ' Coordinator@Riverside.test ',
			password: DEMO_PASSWORD,
			ip: '10.0.0.1'
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const session = await validateSessionToken(db(), result.token);
		expect(session?.user.email).toBe('coordinator@riverside.test');
		expect(session?.user.role).toBe('care_coordinator');
		const audit = await db()
			.select()
			.from(schema.auditEvent)
			.where(
				and(eq(schema.auditEvent.action, 'sign_in'), eq(schema.auditEvent.userId, result.userId))
			);
		expect(audit.length).toBeGreaterThan(0);
	});

	it('answers a wrong password and an unknown email alike, and audits both', async () => {
		const limiter = createSignInLimiter();
		const wrong = await signIn(db(), limiter, {
			email: 'gp@riverside.test',
			password: 'nope',
			ip: '10.0.0.2'
		});
		const unknown = await signIn(db(), limiter, {
			email: 'who@riverside.test',
			password: 'nope',
			ip: '10.0.0.2'
		});
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
		expect(unknown).toEqual(wrong);
		const failures = await db()
			.select()
			.from(schema.auditEvent)
			.where(
				and(eq(schema.auditEvent.action, 'sign_in_failed'), eq(schema.auditEvent.ip, '10.0.0.2'))
			);
		expect(failures).toHaveLength(2);
	});

	it('locks an account after 10 failures from one address, even for the right password', async () => {
		const limiter = createSignInLimiter();
		for (let i = 0; i < 10; i++) {
			const r = await signIn(db(), limiter, {
				email: 'coach@riverside.test',
				password: 'wrong',
				ip: '10.1.0.1'
			});
			expect(r).toEqual({ ok: false, reason: 'invalid' });
		}
		const locked = await signIn(db(), limiter, {
			email: 'coach@riverside.test',
			password: DEMO_PASSWORD,
			ip: '10.1.0.1'
		});
		expect(locked).toMatchObject({ ok: false, reason: 'locked' });
		const other = await signIn(db(), limiter, {
			email: 'gp@riverside.test',
			password: DEMO_PASSWORD,
			ip: '10.1.0.1'
		});
		expect(other.ok).toBe(true);
	});

	it('refuses a deactivated user with the same message as a wrong password', async () => {
		await db()
			.update(schema.user)
			.set({ active: false })
			.where(eq(schema.user.email, 'observer@riverside.test'));
		const result = await signIn(db(), createSignInLimiter(), {
			email: 'observer@riverside.test',
			password: DEMO_PASSWORD,
			ip: '10.3.0.1'
		});
		expect(result).toEqual({ ok: false, reason: 'invalid' });
	});

	it('signs out: the session ends and the sign-out is recorded', async () => {
		const result = await signIn(db(), createSignInLimiter(), {
			email: 'gp@riverside.test',
			password: DEMO_PASSWORD,
			ip: '10.0.0.9'
		});
		if (!result.ok) throw new Error('sign-in refused');
		const session = await validateSessionToken(db(), result.token);
		await signOut(db(), {
			sessionId: session!.session.id,
			userId: result.userId,
			organisationId: session!.user.organisationId,
			ip: '10.0.0.9'
		});
		expect(await validateSessionToken(db(), result.token)).toBeNull();
		const audit = await db()
			.select()
			.from(schema.auditEvent)
			.where(
				and(eq(schema.auditEvent.action, 'sign_out'), eq(schema.auditEvent.userId, result.userId))
			);
		expect(audit.map((row) => row.ip)).toEqual(['10.0.0.9']);
	});
});
