import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { MeetingForm, toMeetingInput } from '../../src/routes/(app)/meetings/new/meeting-form';
import { listMyActions, updateAction } from '../../src/lib/server/actions';
import type { SessionUser } from '../../src/lib/server/auth';
import { schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import {
	cancelMeeting,
	createMeeting,
	getMeeting,
	listMeetings,
	NotAMemberError,
	updateMeeting,
	type MeetingInput
} from '../../src/lib/server/meetings';
import { describeEachDatabase, signedInAs } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;

describeEachDatabase('MDT meetings and actions', (db) => {
	let coordinator: SessionUser;
	let gp: SessionUser;
	let linkWorker: SessionUser;
	let hillside: SessionUser;

	beforeAll(async () => {
		await seedDemo(db());
		coordinator = (await signedInAs(db(), 'coordinator@riverside.test')).user;
		gp = (await signedInAs(db(), 'gp@riverside.test')).user;
		linkWorker = (await signedInAs(db(), 'linkworker@riverside.test')).user;
		hillside = (await signedInAs(db(), 'coordinator@hillside.test')).user;
	});

	function meetingInput(change: Partial<MeetingInput> = {}): MeetingInput {
		return {
			title: 'Extra frailty MDT',
			startsAt: new Date(Date.now() + 14 * DAY),
			durationMinutes: 45,
			chairId: gp.id,
			inviteeIds: [linkWorker.id],
			...change
		};
	}

	const auditOf = (entityId: string, action: string) =>
		db()
			.select()
			.from(schema.auditEvent)
			.where(and(eq(schema.auditEvent.entityId, entityId), eq(schema.auditEvent.action, action)));

	it('schedules a meeting with its invitees, always inviting the chair, and audits it', async () => {
		const id = await createMeeting(db(), coordinator, meetingInput());
		const meeting = await getMeeting(db(), coordinator, id);
		expect(meeting?.title).toBe('Extra frailty MDT');
		expect(meeting?.chair?.id).toBe(gp.id);
		expect(meeting?.invitees.map((i) => i.id).sort()).toEqual([gp.id, linkWorker.id].sort());
		const [audit] = await auditOf(id, 'create');
		expect(audit.userId).toBe(coordinator.id);
		expect(audit.after).toMatchObject({
			title: 'Extra frailty MDT',
			inviteeIds: [gp.id, linkWorker.id]
		});
	});

	it('refuses a member of another PCN as invitee or chair', async () => {
		await expect(
			createMeeting(db(), coordinator, meetingInput({ inviteeIds: [hillside.id] }))
		).rejects.toBeInstanceOf(NotAMemberError);
		await expect(
			createMeeting(db(), coordinator, meetingInput({ chairId: hillside.id, inviteeIds: [] }))
		).rejects.toBeInstanceOf(NotAMemberError);
	});

	it('changes a meeting and its invite list, audited with before and after', async () => {
		const id = await createMeeting(db(), coordinator, meetingInput());
		const changed = await updateMeeting(
			db(),
			coordinator,
			id,
			meetingInput({
				title: 'Frailty MDT (moved)',
				durationMinutes: 90,
				inviteeIds: [coordinator.id]
			})
		);
		expect(changed).toBe(true);
		const meeting = await getMeeting(db(), coordinator, id);
		expect(meeting?.durationMinutes).toBe(90);
		expect(meeting?.invitees.map((i) => i.id).sort()).toEqual([gp.id, coordinator.id].sort());
		const [audit] = await auditOf(id, 'update');
		expect(audit.before).toMatchObject({ title: 'Extra frailty MDT', durationMinutes: 45 });
		expect(audit.after).toMatchObject({ title: 'Frailty MDT (moved)', durationMinutes: 90 });
	});

	it('does not let another PCN see, change or cancel a meeting', async () => {
		const id = await createMeeting(db(), coordinator, meetingInput());
		expect(await getMeeting(db(), hillside, id)).toBeNull();
		expect(
			await updateMeeting(db(), hillside, id, {
				...meetingInput(),
				chairId: hillside.id,
				inviteeIds: []
			})
		).toBe(false);
		expect(await cancelMeeting(db(), hillside, id)).toBe(false);
		const meeting = await getMeeting(db(), coordinator, id);
		expect(meeting?.title).toBe('Extra frailty MDT');
		expect(meeting?.status).toBe('scheduled');
	});

	it('cancels a meeting, audited, and keeps it in the list as cancelled', async () => {
		const id = await createMeeting(db(), coordinator, meetingInput({ title: 'To be cancelled' }));
		expect(await cancelMeeting(db(), coordinator, id)).toBe(true);
		expect((await getMeeting(db(), coordinator, id))?.status).toBe('cancelled');
		const audits = await auditOf(id, 'update');
		expect(audits.map((a) => a.after)).toContainEqual({ status: 'cancelled' });
		const { upcoming } = await listMeetings(db(), coordinator);
		expect(upcoming.find((m) => m.id === id)?.status).toBe('cancelled');
	});

	it('splits the meetings into upcoming (soonest first) and past (latest first)', async () => {
		const earlier = await createMeeting(
			db(),
			coordinator,
			meetingInput({ title: 'Last month', startsAt: new Date(Date.now() - 30 * DAY) })
		);
		const { upcoming, past } = await listMeetings(db(), coordinator);
		const seededUpcoming = upcoming.find((m) => m.title === 'Riverside frailty MDT');
		expect(seededUpcoming?.agendaCount).toBe(7);
		expect(past.find((m) => m.title === 'Riverside frailty MDT')?.status).toBe('ended');
		expect(past.map((m) => m.id)).toContain(earlier);
		const times = (list: typeof upcoming) => list.map((m) => m.startsAt.getTime());
		expect(times(upcoming)).toEqual([...times(upcoming)].sort((a, b) => a - b));
		expect(times(past)).toEqual([...times(past)].sort((a, b) => b - a));
		expect(
			(await listMeetings(db(), hillside)).upcoming.every((m) => m.title.startsWith('Hillside'))
		).toBe(true);
	});

	it('stores a time typed in British Summer Time as the right UTC instant', async () => {
		const form = (date: string, startTime: string) => {
			const parsed = MeetingForm.safeParse({
				title: 'Summer MDT',
				date,
				startTime,
				durationMinutes: '60',
				chairId: gp.id,
				inviteeIds: linkWorker.id
			});
			if (!parsed.success) throw parsed.error;
			return toMeetingInput(parsed.data);
		};
		const summer = form('2027-07-01', '13:00');
		const winter = form('2027-12-01', '13:00');
		if (!summer.ok || !winter.ok) throw new Error('expected valid times');
		const id = await createMeeting(db(), coordinator, summer.input);
		expect((await getMeeting(db(), coordinator, id))?.startsAt.toISOString()).toBe(
			'2027-07-01T12:00:00.000Z'
		);
		expect(winter.input.startsAt.toISOString()).toBe('2027-12-01T13:00:00.000Z');
		// 01:30 on the day the clocks go forward does not exist in the UK.
		expect(form('2027-03-28', '01:30')).toMatchObject({ ok: false, field: 'startTime' });
	});

	it('audits a change of an action’s status with before and after', async () => {
		const [action] = (await listMyActions(db(), gp)).filter(
			(a) => a.description === 'Refer to the falls clinic'
		);
		expect(action.status).toBe('open');
		expect(
			await updateAction(db(), gp, action.id, { status: 'done', statusNote: 'Referral sent' })
		).toBe(true);
		const [audit] = await auditOf(action.id, 'update');
		expect(audit.userId).toBe(gp.id);
		expect(audit.before).toMatchObject({ status: 'open', statusNote: null });
		expect(audit.after).toMatchObject({ status: 'done', statusNote: 'Referral sent' });
		expect(await updateAction(db(), hillside, action.id, { status: 'open' })).toBe(false);
	});

	it('lists only the caller’s own actions', async () => {
		const mine = await listMyActions(db(), coordinator);
		expect(mine.length).toBeGreaterThan(0);
		expect(mine.every((a) => a.assigneeId === coordinator.id)).toBe(true);
		expect(mine.map((a) => a.description)).toContain(
			'Arrange a carer’s assessment with the local authority'
		);
		expect(mine.map((a) => a.description)).not.toContain('Refer to the falls clinic');
		expect((await listMyActions(db(), hillside)).every((a) => a.assigneeId === hillside.id)).toBe(
			true
		);
	});
});
