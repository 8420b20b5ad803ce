/**
 * The demo's referrals: Riverside has a year of them from every source with every triage outcome,
 * some waiting over target and one asking for a decision; seeding again adds none.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { REFERRAL_SOURCES, TRIAGE_OUTCOMES } from '../../src/lib/domain/referrals';
import type { SessionUser } from '../../src/lib/server/auth';
import { schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { listReferrals } from '../../src/lib/server/referrals';
import { describeEachDatabase, signedInAs } from './fixtures';

describeEachDatabase('the demo’s referrals', (db) => {
	let coordinator: SessionUser;

	beforeAll(async () => {
		await seedDemo(db());
		coordinator = (await signedInAs(db(), 'coordinator@riverside.test')).user;
	});

	it('cover a year, every source and every outcome, signposting saying to what', async () => {
		const { referrals } = await listReferrals(db(), coordinator, { status: 'all', limit: 500 });
		expect(referrals.length).toBeGreaterThan(100);
		expect(new Set(referrals.map((r) => r.source))).toEqual(new Set(REFERRAL_SOURCES));
		expect(new Set(referrals.map((r) => r.outcome))).toEqual(new Set([...TRIAGE_OUTCOMES, null]));
		const oldest = referrals.at(-1)!.receivedOn;
		expect(Date.now() - Date.parse(oldest)).toBeGreaterThan(300 * 86_400_000);
		const signposted = await db()
			.select({ detail: schema.referral.outcomeDetail })
			.from(schema.referral)
			.where(eq(schema.referral.outcome, 'signposted'));
		expect(signposted.every((r) => r.detail)).toBe(true);
	});

	it('leave some waiting over target, and one asking for a decision', async () => {
		const overdue = await listReferrals(db(), coordinator, { overdue: true });
		expect(overdue.referrals.length).toBeGreaterThanOrEqual(2);
		const open = await listReferrals(db(), coordinator, { status: 'open' });
		expect(open.referrals.filter((r) => r.decisionDue)).toHaveLength(1);
		expect(open.referrals.some((r) => !r.timing.overTarget)).toBe(true);
	});

	it('are seeded once', async () => {
		const count = async () => (await db().select().from(schema.referral)).length;
		const before = await count();
		await seedDemo(db());
		expect(await count()).toBe(before);
	});
});
