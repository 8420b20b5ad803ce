import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { schema } from '../../src/lib/server/db';
import { describeEachDatabase } from './fixtures';
import {
	meetingChannelDemo,
	newMeeting,
	once,
	send,
	userId,
	type MeetingState
} from './meeting-channel-fixtures';

/** Rounding to whole milliseconds, and the database's clock read against ours. */
const CLOCK_RESOLUTION_MS = 10;

describeEachDatabase('meeting channel', (db) => {
	const demo = meetingChannelDemo(db);

	it('the chair sets the current item and everyone in the room receives it', async () => {
		const meetingId = await newMeeting(db());
		const chair = await demo.as('gp@riverside.test');
		const member = await demo.as('linkworker@riverside.test');
		await send(chair, 'meeting:join', { meetingId });
		await send(member, 'meeting:join', { meetingId });
		expect(await send(chair, 'meeting:start', { meetingId })).toMatchObject({ ok: true });

		const received = once<MeetingState>(
			member,
			'meeting:state',
			(s) => s.currentItemId === 'item-2'
		);
		const answer = await send(chair, 'meeting:current-item', { meetingId, itemId: 'item-2' });
		expect(answer.ok).toBe(true);
		expect((await received).currentItemId).toBe('item-2');
		const [row] = await db().select().from(schema.meeting).where(eq(schema.meeting.id, meetingId));
		expect(row.currentItemId).toBe('item-2');
	});

	it('a member who is not the chair cannot set the current item or the timer', async () => {
		const meetingId = await newMeeting(db());
		const coordinator = await demo.as('coordinator@riverside.test');
		await send(coordinator, 'meeting:join', { meetingId });
		const command = { meetingId, itemId: 'item-1' };
		expect(await send(coordinator, 'meeting:current-item', command)).toEqual({
			ok: false,
			error: 'forbidden'
		});
		expect(await send(coordinator, 'meeting:timer', { ...command, action: 'start' })).toEqual({
			ok: false,
			error: 'forbidden'
		});
	});

	it('without a chair, a care coordinator may steer the meeting', async () => {
		const meetingId = await newMeeting(db(), null);
		const coordinator = await demo.as('coordinator@riverside.test');
		await send(coordinator, 'meeting:join', { meetingId });
		await send(coordinator, 'meeting:start', { meetingId });
		const answer = await send(coordinator, 'meeting:current-item', { meetingId, itemId: 'item-2' });
		expect(answer.state?.currentItemId).toBe('item-2');
	});

	it('the room is steered only to an item on the agenda', async () => {
		const meetingId = await newMeeting(db());
		const chair = await demo.as('gp@riverside.test');
		await send(chair, 'meeting:join', { meetingId });
		const started = await send(chair, 'meeting:start', { meetingId });
		expect(started.state?.currentItemId).toBe('item-1');
		const elsewhere = { meetingId, itemId: 'not-on-this-agenda' };
		const refused = { ok: false, error: 'not on the agenda' };
		expect(await send(chair, 'meeting:current-item', elsewhere)).toEqual(refused);
		expect(await send(chair, 'meeting:timer', { ...elsewhere, action: 'start' })).toEqual(refused);
		const [row] = await db().select().from(schema.meeting).where(eq(schema.meeting.id, meetingId));
		expect(row).toMatchObject({ currentItemId: 'item-1', timerItemId: null });
	});

	it('a role changed with no word reaching this process is still read before each steering event', async () => {
		const meetingId = await newMeeting(db());
		const chair = await demo.as('gp@riverside.test');
		await send(chair, 'meeting:join', { meetingId });
		await send(chair, 'meeting:start', { meetingId });
		// As when the access-change message was lost on its way through Redis.
		const gpId = await userId(db(), 'gp@riverside.test');
		const setRole = (role: 'gp' | 'observer') =>
			db().update(schema.membership).set({ role }).where(eq(schema.membership.userId, gpId));
		await setRole('observer');
		try {
			const item = { meetingId, itemId: 'item-2' };
			expect(await send(chair, 'meeting:current-item', item)).toEqual({
				ok: false,
				error: 'read only'
			});
			expect(await send(chair, 'meeting:hand', { meetingId, raised: true })).toEqual({
				ok: false,
				error: 'read only'
			});
		} finally {
			await setRole('gp');
		}
	});

	it('an observer can watch but not steer the meeting or raise a hand', async () => {
		const meetingId = await newMeeting(db(), null);
		const observer = await demo.as('observer@riverside.test');
		const joined = await send(observer, 'meeting:join', { meetingId });
		expect(joined.ok).toBe(true);
		const readOnly = { ok: false, error: 'read only' };
		const item = { meetingId, itemId: 'item-1' };
		expect(await send(observer, 'meeting:current-item', item)).toEqual(readOnly);
		expect(await send(observer, 'meeting:timer', { ...item, action: 'start' })).toEqual(readOnly);
		expect(await send(observer, 'meeting:hand', { meetingId, raised: true })).toEqual(readOnly);

		const chair = await demo.as('gp@riverside.test');
		await send(chair, 'meeting:join', { meetingId });
		expect(await send(observer, 'meeting:start', { meetingId })).toEqual(readOnly);
		await send(chair, 'meeting:start', { meetingId });
		const received = once<MeetingState>(
			observer,
			'meeting:state',
			(s) => s.currentItemId === 'item-2'
		);
		await send(chair, 'meeting:current-item', { meetingId, itemId: 'item-2' });
		expect((await received).currentItemId).toBe('item-2');
	});

	it('the timer accumulates elapsed time across start and stop', async () => {
		const meetingId = await newMeeting(db());
		const chair = await demo.as('gp@riverside.test');
		await send(chair, 'meeting:join', { meetingId });
		await send(chair, 'meeting:start', { meetingId });
		// Backdating the start stands in for time passing; returns the start it set.
		const backdate = async (ms: number) => {
			const startedAt = new Date(Date.now() - ms);
			await db()
				.update(schema.meeting)
				.set({ timerStartedAt: startedAt })
				.where(eq(schema.meeting.id, meetingId));
			return startedAt.getTime();
		};
		const timer = (itemId: string, action: 'start' | 'stop') =>
			send(chair, 'meeting:timer', { meetingId, itemId, action });
		/** Stops the timer; the server reads its clock between our sending and its answer. */
		const stop = async (itemId: string) => {
			const answer = await timer(itemId, 'stop');
			return { elapsedMs: answer.state!.timer.elapsedMs, answer, answeredAt: Date.now() };
		};

		const started = await timer('item-1', 'start');
		expect(started.state?.timer).toMatchObject({ itemId: 'item-1', elapsedMs: 0 });
		expect(started.state?.timer.startedAt).not.toBeNull();
		const firstStart = await backdate(5000);
		const stopped = await stop('item-1');
		expect(stopped.answer.state?.timer.startedAt).toBeNull();
		expect(stopped.elapsedMs).toBeGreaterThanOrEqual(5000 - CLOCK_RESOLUTION_MS);
		expect(stopped.elapsedMs).toBeLessThanOrEqual(
			stopped.answeredAt - firstStart + CLOCK_RESOLUTION_MS
		);

		await timer('item-1', 'start');
		const secondStart = await backdate(2000);
		const again = await stop('item-1');
		expect(again.elapsedMs).toBeGreaterThanOrEqual(stopped.elapsedMs + 2000 - CLOCK_RESOLUTION_MS);
		expect(again.elapsedMs).toBeLessThanOrEqual(
			stopped.elapsedMs + again.answeredAt - secondStart + CLOCK_RESOLUTION_MS
		);

		const next = await timer('item-2', 'start');
		expect(next.state?.timer).toMatchObject({ itemId: 'item-2', elapsedMs: 0 });
	});
});
