/**
 * Actions agreed outside a meeting, on a person's record, are the same actions as the MDT's, and
 * the team's view of them filters by open, overdue and owner.
 */
import { beforeAll, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth';
import {
	ActionInputError,
	createAction,
	listPatientActions,
	listTeamActions
} from '../../src/lib/server/actions';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { listCaseload } from '../../src/lib/server/patients';
import { describeEachDatabase, signedInAs } from './fixtures';

const day = (offset: number) =>
	new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describeEachDatabase('actions from a person’s record, and the team’s actions', (db) => {
	let coordinator: SessionUser;
	let gp: SessionUser;
	let hillside: SessionUser;
	let patientId: string;

	beforeAll(async () => {
		await seedDemo(db());
		coordinator = (await signedInAs(db(), 'coordinator@riverside.test')).user;
		gp = (await signedInAs(db(), 'gp@riverside.test')).user;
		hillside = (await signedInAs(db(), 'coordinator@hillside.test')).user;
		patientId = (await listCaseload(db(), coordinator, { limit: 1 })).patients[0].id;
	});

	it('an action agreed on the record has no meeting, and shows on the person and the team', async () => {
		const overdueId = await createAction(db(), coordinator, {
			description: 'Ring daughter about respite',
			assigneeId: gp.id,
			dueDate: day(-2),
			priority: 'soon',
			patientId
		});
		const laterId = await createAction(db(), coordinator, {
			description: 'Check the pill organiser',
			assigneeId: coordinator.id,
			dueDate: day(10),
			priority: 'routine',
			patientId
		});
		const onRecord = await listPatientActions(db(), coordinator, patientId);
		expect(onRecord.map((a) => a.id)).toEqual(expect.arrayContaining([overdueId, laterId]));
		expect(onRecord.find((a) => a.id === overdueId)?.meetingId).toBeNull();

		const today = day(0);
		const open = await listTeamActions(db(), coordinator, { view: 'open', today });
		expect(open.map((a) => a.id)).toEqual(expect.arrayContaining([overdueId, laterId]));
		const overdue = await listTeamActions(db(), coordinator, { view: 'overdue', today });
		expect(overdue.map((a) => a.id)).toContain(overdueId);
		expect(overdue.map((a) => a.id)).not.toContain(laterId);
		expect(overdue.every((a) => a.dueDate !== null && a.dueDate < today)).toBe(true);
		const gpsOwn = await listTeamActions(db(), coordinator, {
			view: 'all',
			assigneeId: gp.id,
			today
		});
		expect(gpsOwn.every((a) => a.assigneeId === gp.id)).toBe(true);
		expect(gpsOwn.map((a) => a.id)).toContain(overdueId);
		// Another PCN sees none of them.
		const theirs = await listTeamActions(db(), hillside, { view: 'all', today });
		expect(theirs.some((a) => a.id === overdueId || a.id === laterId)).toBe(false);
	});

	it('refuses another PCN’s patient and a non-clinical owner', async () => {
		await expect(
			createAction(db(), hillside, {
				description: 'Visit',
				assigneeId: hillside.id,
				dueDate: null,
				priority: 'routine',
				patientId
			})
		).rejects.toMatchObject({ field: 'patientId' });
		const admin = (await signedInAs(db(), 'admin@riverside.test')).user;
		await expect(
			createAction(db(), coordinator, {
				description: 'Visit',
				assigneeId: admin.id,
				dueDate: null,
				priority: 'routine',
				patientId
			})
		).rejects.toBeInstanceOf(ActionInputError);
	});
});
