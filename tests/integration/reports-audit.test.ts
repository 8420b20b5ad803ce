/** Reading the reports is audited: who, which table (or the whole dashboard), period, breakdown. */
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { parseReportQuery } from '../../src/lib/domain/reports';
import { schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { recordReportViewed } from '../../src/lib/server/reports';
import { describeEachDatabase } from './fixtures';

describeEachDatabase('reports audit', (db) => {
	beforeAll(async () => {
		await seedDemo(db());
	});

	it('records the dashboard viewed and a table downloaded, with period and breakdown', async () => {
		const [manager] = await db()
			.select({ id: schema.user.id, organisationId: schema.membership.organisationId })
			.from(schema.user)
			.innerJoin(schema.membership, eq(schema.membership.userId, schema.user.id))
			.where(eq(schema.user.email, 'manager@riverside.test'));
		const { query } = parseReportQuery(
			new URLSearchParams({ from: '2026-04-01', to: '2026-09-30', by: 'practice' }),
			'2026-11-30'
		);
		await recordReportViewed(db(), manager, query, {
			table: 'dashboard',
			as: 'page',
			ip: '10.1.1.1'
		});
		await recordReportViewed(db(), manager, query, {
			table: 'referrals-by-source',
			as: 'csv',
			ip: '10.1.1.1'
		});
		const rows = await db()
			.select()
			.from(schema.auditEvent)
			.where(
				and(eq(schema.auditEvent.userId, manager.id), eq(schema.auditEvent.entityType, 'report'))
			);
		expect(
			rows
				.sort((a, b) => String(a.entityId).localeCompare(String(b.entityId)))
				.map(({ action, organisationId, entityId, after, ip, detail }) => ({
					action,
					organisationId,
					entityId,
					after,
					ip,
					detail
				}))
		).toEqual(
			['dashboard', 'referrals-by-source'].map((entityId) => ({
				action: 'view',
				organisationId: manager.organisationId,
				entityId,
				after: { from: '2026-04-01', to: '2026-09-30', breakdown: 'practice' },
				ip: '10.1.1.1',
				detail: expect.stringMatching(entityId === 'dashboard' ? /viewed/ : /CSV/)
			}))
		);
	});
});
