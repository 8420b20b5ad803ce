import { expect, it } from 'vitest';
import { describeEachDatabase } from './fixtures';
import {
	attendance,
	hasUsers,
	meetingChannelDemo,
	meetingInProgress,
	newMeeting,
	once,
	send,
	type Presence
} from './meeting-channel-fixtures';
import { eventually } from './wait';

describeEachDatabase('meeting channel', (db) => {
	const demo = meetingChannelDemo(db);

	it('two members who join see each other in presence, with their roles', async () => {
		const meetingId = await newMeeting(db());
		const gp = await demo.as('gp@riverside.test');
		const first = await send(gp, 'meeting:join', { meetingId });
		expect(first.ok).toBe(true);
		expect(first.state).toEqual({
			meetingId,
			status: 'scheduled',
			currentItemId: null,
			timer: { itemId: null, startedAt: null, elapsedMs: 0 }
		});

		const coordinator = await demo.as('coordinator@riverside.test');
		const gpSees = once<Presence>(gp, 'meeting:presence', hasUsers('Dr Tom Okafor', 'Priya Shah'));
		const second = await send(coordinator, 'meeting:join', { meetingId });
		const expected = [
			expect.objectContaining({ name: 'Dr Tom Okafor', role: 'gp', handRaised: false }),
			expect.objectContaining({ name: 'Priya Shah', role: 'care_coordinator', handRaised: false })
		];
		expect(second.presence).toEqual(expected);
		expect((await gpSees).presence).toEqual(expected);
	});

	it('several tabs of one user are one entry in presence', async () => {
		const meetingId = await newMeeting(db());
		const tab1 = await demo.as('nurse@riverside.test');
		const tab2 = await demo.as('nurse@riverside.test');
		const joined = await send(tab1, 'meeting:join', { meetingId });
		const again = await send(tab2, 'meeting:join', { meetingId });
		expect(again.presence).toHaveLength(1);
		expect(again.presence![0].since).toBe(joined.presence![0].since);
	});

	it('a raised hand shows in everyone’s presence', async () => {
		const meetingId = await newMeeting(db());
		const chair = await demo.as('gp@riverside.test');
		const pharmacist = await demo.as('pharmacist@riverside.test');
		await send(chair, 'meeting:join', { meetingId });
		await send(pharmacist, 'meeting:join', { meetingId });

		const raised = (event: Presence) =>
			event.presence.some((entry) => entry.name === 'Daniel Kowalski' && entry.handRaised);
		const chairSees = once<Presence>(chair, 'meeting:presence', raised);
		expect((await send(pharmacist, 'meeting:hand', { meetingId, raised: true })).ok).toBe(true);
		await chairSees;

		const lowered = once<Presence>(chair, 'meeting:presence', (event) => !raised(event));
		await send(pharmacist, 'meeting:hand', { meetingId, raised: false });
		await lowered;
	});

	it('leaving records leftAt in the attendance list and updates presence', async () => {
		const meetingId = await meetingInProgress(db());
		const chair = await demo.as('gp@riverside.test');
		const coach = await demo.as('coach@riverside.test');
		await send(chair, 'meeting:join', { meetingId });
		await send(coach, 'meeting:join', { meetingId });

		const gone = once<Presence>(chair, 'meeting:presence', (e) => !hasUsers('Sam Whitfield')(e));
		expect(await send(coach, 'meeting:leave', { meetingId })).toEqual({ ok: true });
		await gone;
		const [row] = await attendance(db(), meetingId, 'coach@riverside.test');
		expect(row.joinedAt).toBeInstanceOf(Date);
		expect(row.leftAt).toBeInstanceOf(Date);
	});

	it('disconnecting records leftAt in the attendance list and updates presence', async () => {
		const meetingId = await meetingInProgress(db());
		const chair = await demo.as('gp@riverside.test');
		const admin = await demo.as('admin@riverside.test');
		await send(chair, 'meeting:join', { meetingId });
		await send(admin, 'meeting:join', { meetingId });

		const gone = once<Presence>(chair, 'meeting:presence', (e) => !hasUsers('Claire Donnelly')(e));
		admin.disconnect();
		await gone;
		const [row] = await attendance(db(), meetingId, 'admin@riverside.test');
		expect(row.leftAt).toBeInstanceOf(Date);
	});

	it('reconnecting keeps one attendance entry: when they first joined, and when they last left', async () => {
		const meetingId = await meetingInProgress(db());
		const first = await demo.as('pharmacist@riverside.test');
		await send(first, 'meeting:join', { meetingId });
		const [joined] = await attendance(db(), meetingId, 'pharmacist@riverside.test');
		expect(await send(first, 'meeting:leave', { meetingId })).toEqual({ ok: true });
		const again = await demo.as('pharmacist@riverside.test');
		await send(again, 'meeting:join', { meetingId });
		const rows = await attendance(db(), meetingId, 'pharmacist@riverside.test');
		expect(rows).toHaveLength(1);
		expect(rows[0].joinedAt).toEqual(joined.joinedAt);
		expect(rows[0].leftAt).toBeNull();
		await send(again, 'meeting:leave', { meetingId });
		const [left] = await attendance(db(), meetingId, 'pharmacist@riverside.test');
		expect(left.leftAt).toBeInstanceOf(Date);
	});

	it('with two tabs open, a person leaves only when their last tab goes', async () => {
		const meetingId = await meetingInProgress(db());
		const chair = await demo.as('gp@riverside.test');
		await send(chair, 'meeting:join', { meetingId });
		const seen: Presence[] = [];
		chair.on('meeting:presence', (event: Presence) => seen.push(event));
		const tab1 = await demo.as('nurse@riverside.test');
		const tab2 = await demo.as('nurse@riverside.test');
		await send(tab1, 'meeting:join', { meetingId });
		await send(tab2, 'meeting:join', { meetingId });
		await eventually(async () => seen.length >= 2);

		tab1.disconnect();
		// The presence that follows the first tab's going still has the nurse in it.
		const afterFirst = await eventually(async () => seen[2]);
		expect(hasUsers('Aisha Begum')(afterFirst)).toBe(true);
		const [stillThere] = await attendance(db(), meetingId, 'nurse@riverside.test');
		expect(stillThere.leftAt).toBeNull();

		tab2.disconnect();
		await eventually(async () => seen[3]);
		const [gone] = await attendance(db(), meetingId, 'nurse@riverside.test');
		expect(gone.leftAt).toBeInstanceOf(Date);
	});
});
