import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth';
import { schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import {
	cancelMeeting,
	createMeeting,
	ENDED_MEETING_IS_FINAL,
	getMeeting,
	IN_PROGRESS_NOT_CANCELLED,
	listMeetings,
	MeetingStateError,
	updateMeeting,
	type MeetingInput
} from '../../src/lib/server/meetings';
import { describeEachDatabase, signedInAs } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;

// Once a meeting has ended its record is final: its details are what the minutes say, and a
// correction is an amendment (hazard: "record changed without trace"). A meeting in progress is
// ended by its chair, never cancelled.
describeEachDatabase('the details of a meeting that has ended or is in progress', (db) => {
	let coordinator: SessionUser;
	let gp: SessionUser;
	let nurse: SessionUser;

	beforeAll(async () => {
		await seedDemo(db());
		coordinator = (await signedInAs(db(), 'coordinator@riverside.test')).user;
		gp = (await signedInAs(db(), 'gp@riverside.test')).user;
		nurse = (await signedInAs(db(), 'nurse@riverside.test')).user;
	});

	const input = (change: Partial<MeetingInput> = {}): MeetingInput => ({
		title: 'Held frailty MDT',
		startsAt: new Date(Date.now() - 7 * DAY),
		durationMinutes: 60,
		chairId: gp.id,
		inviteeIds: [],
		...change
	});

	/** A meeting of the coordinator's team, put in `status` as its chair would have. */
	async function meetingIn(status: 'in_progress' | 'ended', title: string) {
		const id = await createMeeting(db(), coordinator, input({ title }));
		await db()
			.update(schema.meeting)
			.set({
				status,
				startedAt: new Date(Date.now() - 7 * DAY),
				...(status === 'ended' ? { endedAt: new Date(Date.now() - 7 * DAY + 3_600_000) } : {})
			})
			.where(eq(schema.meeting.id, id));
		return id;
	}

	const updatesOf = (id: string) =>
		db()
			.select()
			.from(schema.auditEvent)
			.where(and(eq(schema.auditEvent.entityId, id), eq(schema.auditEvent.action, 'update')));

	it('refuses a new title, date and chair for an ended meeting: nothing changes', async () => {
		const id = await meetingIn('ended', 'Ended details MDT');
		const change = input({
			title: 'Renamed after the end',
			startsAt: new Date(Date.now() + 14 * DAY),
			chairId: nurse.id
		});
		const refused = updateMeeting(db(), coordinator, id, change);
		await expect(refused).rejects.toBeInstanceOf(MeetingStateError);
		await expect(refused).rejects.toThrow(ENDED_MEETING_IS_FINAL);
		const after = await getMeeting(db(), coordinator, id);
		expect(after).toMatchObject({ title: 'Ended details MDT', chairId: gp.id, status: 'ended' });
		expect(after!.startsAt.getTime()).toBeLessThan(Date.now());
		expect(await updatesOf(id)).toHaveLength(0);
		const { past, upcoming } = await listMeetings(db(), coordinator);
		expect(past.map((m) => m.id)).toContain(id);
		expect(upcoming.map((m) => m.id)).not.toContain(id);
	});

	it('still takes a change of title for a meeting in progress', async () => {
		const id = await meetingIn('in_progress', 'Running MDT');
		expect(
			await updateMeeting(db(), coordinator, id, input({ title: 'Running MDT (room 2)' }))
		).toBe(true);
		expect((await getMeeting(db(), coordinator, id))?.title).toBe('Running MDT (room 2)');
	});

	it('refuses to cancel an ended meeting: it stays ended', async () => {
		const id = await meetingIn('ended', 'Ended not cancelled MDT');
		const refused = cancelMeeting(db(), coordinator, id);
		await expect(refused).rejects.toBeInstanceOf(MeetingStateError);
		await expect(refused).rejects.toThrow(ENDED_MEETING_IS_FINAL);
		expect((await getMeeting(db(), coordinator, id))?.status).toBe('ended');
		expect(await updatesOf(id)).toHaveLength(0);
	});

	it('refuses to cancel a meeting in progress: end the meeting instead', async () => {
		const id = await meetingIn('in_progress', 'Running not cancelled MDT');
		await expect(cancelMeeting(db(), coordinator, id)).rejects.toThrow(IN_PROGRESS_NOT_CANCELLED);
		expect((await getMeeting(db(), coordinator, id))?.status).toBe('in_progress');
	});

	it('cancels a scheduled meeting once: cancelling again changes nothing', async () => {
		const id = await createMeeting(db(), coordinator, input({ title: 'Cancelled twice MDT' }));
		expect(await cancelMeeting(db(), coordinator, id)).toBe(true);
		expect(await cancelMeeting(db(), coordinator, id)).toBe(true);
		expect((await getMeeting(db(), coordinator, id))?.status).toBe('cancelled');
		expect(await updatesOf(id)).toHaveLength(1);
	});

	it('answers not found for an id that is no UUID, without asking the database', async () => {
		expect(await cancelMeeting(db(), coordinator, 'not-a-uuid')).toBe(false);
		expect(await updateMeeting(db(), coordinator, 'not-a-uuid', input())).toBe(false);
	});
});
