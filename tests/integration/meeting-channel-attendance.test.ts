import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { schema } from '../../src/lib/server/db';
import { describeEachDatabase } from './fixtures';
import {
	attendance,
	hasUsers,
	meetingChannelDemo,
	meetingInProgress,
	meetingRow,
	newMeeting,
	once,
	send,
	type Presence
} from './meeting-channel-fixtures';

// The minutes' attendance is who was in the room while the meeting was in progress: opening the
// room days before, or after the end, is not attending it.
describeEachDatabase('attendance through the meeting channel', (db) => {
	const demo = meetingChannelDemo(db);

	it('opening the room of a meeting not yet started records no attendance', async () => {
		const meetingId = await newMeeting(db());
		const chair = await demo.as('gp@riverside.test');
		const nurse = await demo.as('nurse@riverside.test');
		expect((await send(chair, 'meeting:join', { meetingId })).ok).toBe(true);
		const joined = await send(nurse, 'meeting:join', { meetingId });
		expect(joined.presence?.map((entry) => entry.name)).toEqual(['Dr Tom Okafor', 'Aisha Begum']);
		expect(await send(nurse, 'meeting:leave', { meetingId })).toEqual({ ok: true });
		expect(await attendance(db(), meetingId, 'gp@riverside.test')).toEqual([]);
		expect(await attendance(db(), meetingId, 'nurse@riverside.test')).toEqual([]);
	});

	it('Start meeting records everyone then in the room as joined at the start, and no one who had left', async () => {
		const meetingId = await newMeeting(db());
		const chair = await demo.as('gp@riverside.test');
		const nurseTab1 = await demo.as('nurse@riverside.test');
		const nurseTab2 = await demo.as('nurse@riverside.test');
		const coach = await demo.as('coach@riverside.test');
		for (const socket of [chair, nurseTab1, nurseTab2, coach]) {
			await send(socket, 'meeting:join', { meetingId });
		}
		const coachGone = once<Presence>(
			chair,
			'meeting:presence',
			(e) => !hasUsers('Sam Whitfield')(e)
		);
		await send(coach, 'meeting:leave', { meetingId });
		await coachGone;

		expect(await send(chair, 'meeting:start', { meetingId })).toMatchObject({ ok: true });
		const { startedAt } = await meetingRow(db(), meetingId);
		for (const email of ['gp@riverside.test', 'nurse@riverside.test']) {
			const rows = await attendance(db(), meetingId, email);
			expect(rows.map((row) => [row.joinedAt, row.leftAt])).toEqual([[startedAt, null]]);
		}
		expect(await attendance(db(), meetingId, 'coach@riverside.test')).toEqual([]);
	});

	it('someone present at the start who leaves is recorded as leaving', async () => {
		const meetingId = await newMeeting(db());
		const chair = await demo.as('gp@riverside.test');
		const pharmacist = await demo.as('pharmacist@riverside.test');
		await send(chair, 'meeting:join', { meetingId });
		await send(pharmacist, 'meeting:join', { meetingId });
		await send(chair, 'meeting:start', { meetingId });

		const gone = once<Presence>(chair, 'meeting:presence', (e) => !hasUsers('Daniel Kowalski')(e));
		pharmacist.disconnect();
		await gone;
		const [row] = await attendance(db(), meetingId, 'pharmacist@riverside.test');
		expect(row.leftAt).toBeInstanceOf(Date);
	});

	it('someone joining after the start is recorded as joining then', async () => {
		const meetingId = await newMeeting(db());
		const chair = await demo.as('gp@riverside.test');
		await send(chair, 'meeting:join', { meetingId });
		await send(chair, 'meeting:start', { meetingId });
		// As if the meeting had started a minute before they came.
		const startedAt = new Date((await meetingRow(db(), meetingId)).startedAt!.getTime() - 60_000);
		await db().update(schema.meeting).set({ startedAt }).where(eq(schema.meeting.id, meetingId));

		const coordinator = await demo.as('coordinator@riverside.test');
		await send(coordinator, 'meeting:join', { meetingId });
		const [row] = await attendance(db(), meetingId, 'coordinator@riverside.test');
		expect(row.joinedAt.getTime()).toBeGreaterThan(startedAt.getTime());
		expect(row.leftAt).toBeNull();
	});

	it('after the end, opening and leaving the room changes no one’s attendance', async () => {
		const meetingId = await meetingInProgress(db());
		const chair = await demo.as('gp@riverside.test');
		await send(chair, 'meeting:join', { meetingId });
		await db()
			.update(schema.meeting)
			.set({ status: 'ended', endedAt: new Date() })
			.where(eq(schema.meeting.id, meetingId));
		const nurse = await demo.as('nurse@riverside.test');
		await send(nurse, 'meeting:join', { meetingId });
		await send(nurse, 'meeting:leave', { meetingId });
		await send(chair, 'meeting:leave', { meetingId });
		expect(await attendance(db(), meetingId, 'nurse@riverside.test')).toEqual([]);
		const [chairRow] = await attendance(db(), meetingId, 'gp@riverside.test');
		expect(chairRow.leftAt).toBeNull();
	});
});
