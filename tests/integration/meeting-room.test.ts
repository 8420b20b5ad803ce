import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth';
import { schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import {
	readLiveMeeting,
	recordJoin,
	recordLeave,
	runTimer,
	setCurrentItem,
	startMeeting
} from '../../src/lib/server/meeting-room';
import { describeEachDatabase, signedInAs } from './fixtures';
import { ensureSeries } from '../../src/lib/server/meeting-series';
import { withAgenda } from './meeting-channel-fixtures';

// The meeting room's record, without a socket: the channel only carries what this service decides.
describeEachDatabase('the meeting-room service', (db) => {
	let coordinator: SessionUser;
	let gp: SessionUser;
	let nurse: SessionUser;
	let observer: SessionUser;
	let hillside: SessionUser;

	beforeAll(async () => {
		await seedDemo(db());
		coordinator = (await signedInAs(db(), 'coordinator@riverside.test')).user;
		gp = (await signedInAs(db(), 'gp@riverside.test')).user;
		nurse = (await signedInAs(db(), 'nurse@riverside.test')).user;
		observer = (await signedInAs(db(), 'observer@riverside.test')).user;
		hillside = (await signedInAs(db(), 'coordinator@hillside.test')).user;
	});

	/** A meeting its chair (or, without one, `starter`) has started, for the steering tests. */
	async function startedMeeting(chair: SessionUser | null, starter = chair) {
		const meetingId = await newMeeting(chair);
		expect(await startMeeting(db(), undefined, starter!, meetingId)).toMatchObject({ ok: true });
		return meetingId;
	}

	async function newMeeting(chair: SessionUser | null) {
		const [row] = await db()
			.insert(schema.meeting)
			.values({
				organisationId: coordinator.organisationId,
				seriesId: await ensureSeries(db(), coordinator.organisationId, 'Service test MDT'),
				title: 'Service test MDT',
				startsAt: new Date(),
				chairId: chair?.id ?? null
			})
			.returning({ id: schema.meeting.id });
		await withAgenda(db(), coordinator.organisationId, row.id);
		return row.id;
	}

	const attendanceOf = (meetingId: string) =>
		db()
			.select()
			.from(schema.meetingAttendance)
			.where(eq(schema.meetingAttendance.meetingId, meetingId));

	const statusOf = async (meetingId: string) =>
		(await readLiveMeeting(db(), gp, meetingId))?.status;

	it('joining a meeting in progress records attendance, and leaving records when they left', async () => {
		const meetingId = await startedMeeting(gp);
		const joined = await recordJoin(db(), nurse, meetingId);
		expect(joined).toBeDefined();
		await recordLeave(db(), nurse, meetingId);
		const [row] = await db()
			.select()
			.from(schema.meetingAttendance)
			.where(eq(schema.meetingAttendance.id, joined!.attendanceId!));
		expect(row).toMatchObject({ meetingId, userId: nurse.id });
		expect(row.leftAt).toBeInstanceOf(Date);
	});

	it('joining a meeting not yet started records nothing; its start records who is in the room, from the start', async () => {
		const meetingId = await newMeeting(gp);
		expect(await recordJoin(db(), nurse, meetingId)).toMatchObject({ attendanceId: null });
		expect(await attendanceOf(meetingId)).toEqual([]);
		await startMeeting(db(), undefined, gp, meetingId, async () => [gp.id, nurse.id, nurse.id]);
		const [started] = await db()
			.select()
			.from(schema.meeting)
			.where(eq(schema.meeting.id, meetingId));
		const rows = await attendanceOf(meetingId);
		expect(rows.map((row) => [row.userId, row.joinedAt, row.leftAt]).sort()).toEqual(
			[
				[gp.id, started.startedAt, null],
				[nurse.id, started.startedAt, null]
			].sort()
		);
	});

	it('opening the room starts nothing; the chair’s Start meeting does, once, audited', async () => {
		const meetingId = await newMeeting(gp);
		await recordJoin(db(), gp, meetingId);
		await recordJoin(db(), coordinator, meetingId);
		expect(await statusOf(meetingId)).toBe('scheduled');
		expect(await startMeeting(db(), undefined, coordinator, meetingId)).toEqual({
			ok: false,
			error: 'forbidden'
		});
		const started = await startMeeting(db(), undefined, gp, meetingId);
		expect(started).toMatchObject({ ok: true, state: { status: 'in_progress' } });
		expect(await startMeeting(db(), undefined, gp, meetingId)).toEqual({
			ok: false,
			error: 'already started'
		});
		const [row] = await db().select().from(schema.meeting).where(eq(schema.meeting.id, meetingId));
		expect(row.startedAt).toBeInstanceOf(Date);
		const audit = await db()
			.select()
			.from(schema.auditEvent)
			.where(
				and(eq(schema.auditEvent.entityId, meetingId), eq(schema.auditEvent.action, 'update'))
			);
		expect(audit.map((a) => [a.userId, a.before, a.after])).toEqual([
			[gp.id, { status: 'scheduled' }, { status: 'in_progress', currentItemId: 'item-1' }]
		]);
	});

	it('the chair steers only a meeting that has started', async () => {
		const meetingId = await newMeeting(gp);
		expect(await setCurrentItem(db(), undefined, gp, meetingId, 'item-1')).toEqual({
			ok: false,
			error: 'not started'
		});
		expect(await runTimer(db(), undefined, gp, meetingId, 'item-1', 'start')).toEqual({
			ok: false,
			error: 'not started'
		});
	});

	it('another PCN’s meeting is not found, and records nothing', async () => {
		const meetingId = await newMeeting(gp);
		expect(await recordJoin(db(), hillside, meetingId)).toBeUndefined();
		expect(await setCurrentItem(db(), undefined, hillside, meetingId, 'item-1')).toEqual({
			ok: false,
			error: 'not found'
		});
		const rows = await db()
			.select()
			.from(schema.meetingAttendance)
			.where(eq(schema.meetingAttendance.meetingId, meetingId));
		expect(rows).toEqual([]);
	});

	it('only the chair steers a chaired meeting; observers never do', async () => {
		const meetingId = await startedMeeting(gp);
		expect(await setCurrentItem(db(), undefined, coordinator, meetingId, 'item-1')).toEqual({
			ok: false,
			error: 'forbidden'
		});
		expect(await runTimer(db(), undefined, observer, meetingId, 'item-1', 'start')).toEqual({
			ok: false,
			error: 'read only'
		});
		const steered = await setCurrentItem(db(), undefined, gp, meetingId, 'item-2');
		expect(steered).toMatchObject({ ok: true, state: { meetingId, currentItemId: 'item-2' } });
		expect(await setCurrentItem(db(), undefined, gp, meetingId, 'item-9')).toEqual({
			ok: false,
			error: 'not on the agenda'
		});
	});

	it('without a chair, a care coordinator steers and a nurse may not', async () => {
		const meetingId = await startedMeeting(null, coordinator);
		expect(await setCurrentItem(db(), undefined, nurse, meetingId, 'item-1')).toEqual({
			ok: false,
			error: 'forbidden'
		});
		expect(await setCurrentItem(db(), undefined, coordinator, meetingId, 'item-2')).toMatchObject({
			ok: true,
			state: { currentItemId: 'item-2' }
		});
	});

	it('the timer keeps the time run before a stop, and starts another item from zero', async () => {
		const meetingId = await startedMeeting(gp);
		await runTimer(db(), undefined, gp, meetingId, 'item-1', 'start');
		// Backdate the start by a minute, as if the item had been discussed for that long.
		await db()
			.update(schema.meeting)
			.set({ timerStartedAt: new Date(Date.now() - 60_000) })
			.where(eq(schema.meeting.id, meetingId));
		const stopped = await runTimer(db(), undefined, gp, meetingId, 'item-1', 'stop');
		expect(stopped.ok && stopped.state.timer.startedAt).toBe(null);
		expect(stopped.ok && stopped.state.timer.elapsedMs).toBeGreaterThanOrEqual(60_000);
		const next = await runTimer(db(), undefined, gp, meetingId, 'item-2', 'start');
		expect(next.ok && next.state.timer).toMatchObject({ itemId: 'item-2', elapsedMs: 0 });
	});
});
