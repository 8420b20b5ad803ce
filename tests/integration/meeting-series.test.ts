import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import {
	ActionInputError,
	createAction,
	listOpenActionsBefore,
	updateAction
} from '../../src/lib/server/actions';
import type { SessionUser } from '../../src/lib/server/auth';
import { schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { ensureSeries } from '../../src/lib/server/meeting-series';
import {
	createMeeting,
	getMeeting,
	MeetingInputError,
	updateMeeting,
	type MeetingInput
} from '../../src/lib/server/meetings';
import { describeEachDatabase, signedInAs } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;

describeEachDatabase('meeting series and who may chair or be assigned', (db) => {
	let coordinator: SessionUser;
	let gp: SessionUser;
	let admin: SessionUser;
	let observer: SessionUser;
	let nurse: SessionUser;
	let hillside: SessionUser;

	beforeAll(async () => {
		await seedDemo(db());
		coordinator = (await signedInAs(db(), 'coordinator@riverside.test')).user;
		gp = (await signedInAs(db(), 'gp@riverside.test')).user;
		admin = (await signedInAs(db(), 'admin@riverside.test')).user;
		observer = (await signedInAs(db(), 'observer@riverside.test')).user;
		nurse = (await signedInAs(db(), 'nurse@riverside.test')).user;
		hillside = (await signedInAs(db(), 'coordinator@hillside.test')).user;
	});

	const input = (change: Partial<MeetingInput> = {}): MeetingInput => ({
		title: 'Series test MDT',
		startsAt: new Date(Date.now() + 30 * DAY),
		durationMinutes: 60,
		chairId: gp.id,
		inviteeIds: [],
		...change
	});

	it('a meeting joins the series chosen: an existing one, or a new one by name', async () => {
		const seeded = await ensureSeries(db(), coordinator.organisationId, 'Riverside frailty MDT');
		const joined = await createMeeting(db(), coordinator, input({ series: { id: seeded } }));
		expect((await getMeeting(db(), coordinator, joined))?.seriesId).toBe(seeded);
		const fresh = await createMeeting(
			db(),
			coordinator,
			input({ series: { name: 'Riverside respiratory MDT' } })
		);
		const freshSeries = (await getMeeting(db(), coordinator, fresh))?.seriesId;
		expect(freshSeries).toBe(
			await ensureSeries(db(), coordinator.organisationId, 'Riverside respiratory MDT')
		);
		expect(await updateMeeting(db(), coordinator, fresh, input({ series: { id: seeded } }))).toBe(
			true
		);
		expect((await getMeeting(db(), coordinator, fresh))?.seriesId).toBe(seeded);
	});

	it('refuses another PCN’s series', async () => {
		const theirs = await ensureSeries(db(), hillside.organisationId, 'Hillside frailty MDT');
		await expect(
			createMeeting(db(), coordinator, input({ series: { id: theirs } }))
		).rejects.toBeInstanceOf(MeetingInputError);
	});

	it('only a clinical member may chair: not an admin, not an observer', async () => {
		for (const chair of [admin, observer]) {
			const refused = createMeeting(
				db(),
				coordinator,
				input({ chairId: chair.id, inviteeIds: [] })
			);
			await expect(refused).rejects.toMatchObject({ field: 'chairId' });
		}
		const id = await createMeeting(db(), coordinator, input({ chairId: nurse.id }));
		await expect(
			updateMeeting(db(), coordinator, id, input({ chairId: admin.id }))
		).rejects.toBeInstanceOf(MeetingInputError);
		expect((await getMeeting(db(), coordinator, id))?.chairId).toBe(nurse.id);
	});

	it('only a clinical member may be assigned an action, new or reassigned', async () => {
		const action = (assigneeId: string) => ({
			description: 'Review the medication',
			assigneeId,
			dueDate: null,
			priority: 'routine' as const
		});
		for (const assignee of [admin, observer]) {
			await expect(createAction(db(), coordinator, action(assignee.id))).rejects.toMatchObject({
				field: 'assigneeId'
			});
		}
		const id = await createAction(db(), coordinator, action(nurse.id));
		await expect(
			updateAction(db(), coordinator, id, { assigneeId: observer.id })
		).rejects.toBeInstanceOf(ActionInputError);
		// One assigned before the rule keeps its assignee while its status is updated.
		await db()
			.update(schema.mdtAction)
			.set({ assigneeId: admin.id })
			.where(eq(schema.mdtAction.id, id));
		expect(
			await updateAction(db(), coordinator, id, { assigneeId: admin.id, status: 'done' })
		).toBe(true);
	});

	it('open actions from earlier meetings are those of the same series only', async () => {
		const frailty = await ensureSeries(db(), coordinator.organisationId, 'Follow-up frailty MDT');
		const mental = await ensureSeries(db(), coordinator.organisationId, 'Follow-up mental health');
		const [earlier, otherTeams, later] = await db()
			.insert(schema.meeting)
			.values(
				[
					{ seriesId: frailty, title: 'Follow-up frailty MDT', at: '2026-03-01' },
					{ seriesId: mental, title: 'Follow-up mental health', at: '2026-03-02' },
					{ seriesId: frailty, title: 'Follow-up frailty MDT', at: '2026-03-08' }
				].map(({ at, ...m }) => ({
					...m,
					organisationId: coordinator.organisationId,
					startsAt: new Date(`${at}T13:00:00Z`)
				}))
			)
			.returning();
		const agreed = async (meetingId: string, description: string) =>
			createAction(db(), coordinator, {
				description,
				assigneeId: gp.id,
				dueDate: null,
				priority: 'routine',
				meetingId
			});
		const ours = await agreed(earlier.id, 'Frailty follow-up');
		const theirs = await agreed(otherTeams.id, 'Mental health follow-up');
		const listed = (await listOpenActionsBefore(db(), coordinator, later)).map((a) => a.id);
		expect(listed).toContain(ours);
		expect(listed).not.toContain(theirs);
	});
});
