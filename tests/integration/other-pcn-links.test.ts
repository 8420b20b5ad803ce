/**
 * Another PCN's referral and appointment, opened by their links (a referral's page, an
 * appointment's calendar file), answer 404 as if they did not exist; the PCN's own open.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth';
import { schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { describeEachDatabase, signedInAs } from './fixtures';
import { asking, outcome } from './route-fixtures';

vi.mock('$app/server', async () => (await import('./route-fixtures')).appServer);
vi.mock(import('../../src/lib/server/db'), async (original) => ({
	...(await original()),
	db: (await import('./route-fixtures')).routeDb
}));
const referralPage = await import('../../src/routes/(app)/referrals/[id]/+page.server');
const calendar = await import('../../src/routes/(app)/appointments/[id]/calendar.ics/+server');

type Handler = (event: { url: URL; params: { id: string } }) => unknown;

describeEachDatabase('links to another PCN’s records', (db) => {
	let riverside: SessionUser;
	let hillside: SessionUser;
	let referralId: string;
	let appointmentId: string;

	const open = (user: SessionUser, handler: unknown, path: string, id: string) => {
		const url = asking(db(), user, `http://localhost${path}`);
		return outcome(() => (handler as Handler)({ url, params: { id } }));
	};

	beforeAll(async () => {
		await seedDemo(db());
		riverside = (await signedInAs(db(), 'coordinator@riverside.test')).user;
		hillside = (await signedInAs(db(), 'coordinator@hillside.test')).user;
		[{ id: referralId }] = await db()
			.select({ id: schema.referral.id })
			.from(schema.referral)
			.where(eq(schema.referral.organisationId, riverside.organisationId))
			.limit(1);
		[{ id: appointmentId }] = await db()
			.select({ id: schema.appointment.id })
			.from(schema.appointment)
			.where(eq(schema.appointment.organisationId, riverside.organisationId))
			.limit(1);
	});

	it('a referral’s page answers 404 to another PCN', async () => {
		const path = `/referrals/${referralId}`;
		expect(await open(riverside, referralPage.load, path, referralId)).toMatchObject({
			kind: 'ok'
		});
		expect(await open(hillside, referralPage.load, path, referralId)).toMatchObject({
			kind: 'error',
			status: 404
		});
	});

	it('an appointment’s calendar file answers 404 to another PCN', async () => {
		const path = `/appointments/${appointmentId}/calendar.ics`;
		const own = await open(riverside, calendar.GET, path, appointmentId);
		expect(own.kind === 'ok' && (own.value as Response).status).toBe(200);
		expect(await open(hillside, calendar.GET, path, appointmentId)).toMatchObject({
			kind: 'error',
			status: 404
		});
	});
});
