/**
 * Reads through the JSON API: GET /api/referrals pages by cursor without overlap or gap, and
 * each read (the referrals list, a patient's timeline) leaves its audit row, in the caller's PCN.
 */
import { asc, eq, gt, sql } from 'drizzle-orm';
import { beforeAll, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth';
import { schema, type Db } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { describeEachDatabase, signedInAs } from './fixtures';
import { asking, outcome } from './route-fixtures';

vi.mock('$app/server', async () => (await import('./route-fixtures')).appServer);
vi.mock(import('../../src/lib/server/db'), async (original) => ({
	...(await original()),
	db: (await import('./route-fixtures')).routeDb
}));
const referralsApi = await import('../../src/routes/api/referrals/+server');
const timelineApi = await import('../../src/routes/api/patients/[id]/timeline/+server');

type Referrals = { referrals: { id: string }[]; nextCursor: string | null; total: number };

/** The audit rows `run` writes. */
async function auditedBy(db: Db, run: () => Promise<unknown>) {
	const [{ last }] = await db
		.select({ last: sql<number>`coalesce(max(${schema.auditEvent.id}), 0)::int` })
		.from(schema.auditEvent);
	await run();
	return db
		.select()
		.from(schema.auditEvent)
		.where(gt(schema.auditEvent.id, last))
		.orderBy(asc(schema.auditEvent.id));
}

describeEachDatabase('reads through the JSON API', (db) => {
	let coordinator: SessionUser;

	const get = async (path: string, params: Record<string, string> = {}) => {
		const url = asking(db(), coordinator, `http://localhost${path}`);
		const handler = path.startsWith('/api/referrals') ? referralsApi.GET : timelineApi.GET;
		const answer = await outcome(() =>
			(handler as (e: unknown) => Promise<Response>)({ url, params })
		);
		if (answer.kind !== 'ok') throw new Error(`${path}: ${JSON.stringify(answer)}`);
		return (answer.value as Response).json();
	};

	beforeAll(async () => {
		await seedDemo(db());
		coordinator = (await signedInAs(db(), 'coordinator@riverside.test')).user;
	});

	it('GET /api/referrals pages by cursor: two pages, no overlap, no gap', async () => {
		const all = (await get('/api/referrals?status=all&limit=500')) as Referrals;
		expect(all.nextCursor).toBeNull();
		expect(all.referrals.length).toBeGreaterThan(3);
		const half = Math.ceil(all.total / 2);
		const first = (await get(`/api/referrals?status=all&limit=${half}`)) as Referrals;
		expect(first.nextCursor).not.toBeNull();
		const second = (await get(
			`/api/referrals?status=all&limit=${half}&cursor=${first.nextCursor}`
		)) as Referrals;
		expect(second.nextCursor).toBeNull();
		const ids = [...first.referrals, ...second.referrals].map((r) => r.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toEqual(all.referrals.map((r) => r.id));
	});

	it('GET /api/referrals leaves an audit row: who, from where, which filters', async () => {
		const rows = await auditedBy(db(), () => get('/api/referrals?source=self&limit=5'));
		expect(rows).toEqual([
			expect.objectContaining({
				action: 'view',
				userId: coordinator.id,
				entityType: 'referral',
				organisationId: coordinator.organisationId,
				ip: '127.0.0.1',
				detail: 'referrals list',
				after: expect.objectContaining({ source: 'self', limit: 5 })
			})
		]);
	});

	it('GET /api/patients/:id/timeline leaves an audit row of the patient read', async () => {
		const [person] = await db()
			.select({ id: schema.patient.id })
			.from(schema.patient)
			.where(eq(schema.patient.organisationId, coordinator.organisationId))
			.limit(1);
		let events: unknown;
		const rows = await auditedBy(db(), async () => {
			({ events } = await get(`/api/patients/${person.id}/timeline?limit=5`, { id: person.id }));
		});
		expect(Array.isArray(events)).toBe(true);
		expect(rows).toEqual([
			expect.objectContaining({
				action: 'view',
				userId: coordinator.id,
				organisationId: coordinator.organisationId,
				entityType: 'patient',
				entityId: person.id,
				ip: '127.0.0.1'
			})
		]);
	});
});
