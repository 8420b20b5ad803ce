/**
 * The demo's contacts, appointments and personalised care: Riverside's coordinator has a year of
 * contacts, a day with appointments in it, follow-ups after discharges, some shared decisions and
 * health budgets; seeding again adds none.
 */
import { count, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { fromLondonTime } from '../../src/lib/domain/london-time';
import type { SessionUser } from '../../src/lib/server/auth';
import { londonToday } from '../../src/lib/server/caseload-episodes';
import { coordinatorAppointments } from '../../src/lib/server/contact-log';
import { schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { describeEachDatabase, signedInAs } from './fixtures';

describeEachDatabase('the demo’s contacts and appointments', (db) => {
	let coordinator: SessionUser;

	beforeAll(async () => {
		await seedDemo(db());
		coordinator = (await signedInAs(db(), 'coordinator@riverside.test')).user;
	});

	const counts = async () => {
		const of = async (table: typeof schema.contactLog | typeof schema.appointment) =>
			(
				await db()
					.select({ n: count() })
					.from(table)
					.where(eq(table.organisationId, coordinator.organisationId))
			)[0].n;
		return { contacts: await of(schema.contactLog), appointments: await of(schema.appointment) };
	};

	it('give the coordinator contacts, today’s appointments and discharge follow-ups', async () => {
		const { contacts, appointments } = await counts();
		expect(contacts).toBeGreaterThan(50);
		expect(appointments).toBeGreaterThan(10);
		const today = londonToday();
		const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000)
			.toISOString()
			.slice(0, 10);
		const day = await coordinatorAppointments(
			db(),
			coordinator,
			fromLondonTime(today, '00:00')!,
			fromLondonTime(tomorrow, '00:00')!
		);
		expect(day.length).toBeGreaterThan(0);
		const followUps = await db()
			.select({ n: count() })
			.from(schema.appointment)
			.where(eq(schema.appointment.kind, 'discharge_follow_up'));
		expect(followUps[0].n).toBeGreaterThan(0);
		expect((await db().select({ n: count() }).from(schema.sharedDecision))[0].n).toBeGreaterThan(0);
		expect((await db().select({ n: count() }).from(schema.healthBudget))[0].n).toBeGreaterThan(0);
	});

	it('are seeded once', async () => {
		const before = await counts();
		await seedDemo(db());
		expect(await counts()).toEqual(before);
	});
});
