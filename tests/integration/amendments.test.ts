import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { addAmendment, AmendmentError } from '../../src/lib/server/amendments';
import type { SessionUser } from '../../src/lib/server/auth';
import { schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { recordJoin, recordLeave, startMeeting } from '../../src/lib/server/meeting-room';
import { createMeeting } from '../../src/lib/server/meetings';
import { getMinutes } from '../../src/lib/server/minutes';
import { describeEachDatabase, signedInAs } from './fixtures';

describeEachDatabase('the final minutes of an ended meeting', (db) => {
	let gp: SessionUser;
	let linkWorker: SessionUser;
	let coach: SessionUser;
	let hillside: SessionUser;

	beforeAll(async () => {
		await seedDemo(db());
		gp = (await signedInAs(db(), 'gp@riverside.test')).user;
		linkWorker = (await signedInAs(db(), 'linkworker@riverside.test')).user;
		coach = (await signedInAs(db(), 'coach@riverside.test')).user;
		hillside = (await signedInAs(db(), 'coordinator@hillside.test')).user;
	});

	/**
	 * A meeting with one discussed item, attended by the GP (there at the end) and the link worker
	 * (who left before it); ended unless `ended` is false.
	 */
	async function heldMeeting(ended = true) {
		const meetingId = await createMeeting(db(), gp, {
			title: 'Amended MDT',
			startsAt: new Date(),
			durationMinutes: 60,
			chairId: gp.id,
			inviteeIds: [linkWorker.id]
		});
		await db().insert(schema.agendaItem).values({
			meetingId,
			id: 'item-1',
			organisationId: gp.organisationId,
			position: 0,
			reason: 'Falls',
			status: 'discussed',
			notes: 'Two falls this month.',
			outcome: 'Refer to falls clinic.'
		});
		await startMeeting(db(), undefined, gp, meetingId);
		await recordJoin(db(), gp, meetingId);
		await recordJoin(db(), linkWorker, meetingId);
		await recordLeave(db(), linkWorker, meetingId);
		if (ended) {
			await db()
				.update(schema.meeting)
				// Ended a minute after the link worker left.
				.set({ status: 'ended', endedAt: new Date(Date.now() + 60_000) })
				.where(eq(schema.meeting.id, meetingId));
		}
		return meetingId;
	}

	it('records an amendment with who and when, audited, and shows it with its item', async () => {
		const meetingId = await heldMeeting();
		const itemAmendment = await addAmendment(db(), coach, meetingId, {
			text: 'The referral is to the community falls service, not the hospital clinic.',
			agendaItemId: 'item-1'
		});
		await addAmendment(db(), gp, meetingId, {
			text: 'Dr Rahman also attended.',
			agendaItemId: null
		});
		const minutes = await getMinutes(db(), gp, meetingId);
		expect(minutes?.items[0].amendments).toEqual([
			expect.objectContaining({
				id: itemAmendment,
				text: 'The referral is to the community falls service, not the hospital clinic.',
				createdBy: coach.name,
				createdAt: expect.any(Date)
			})
		]);
		expect(minutes?.amendments.map((a) => [a.text, a.createdBy])).toEqual([
			['Dr Rahman also attended.', gp.name]
		]);
		// The minutes themselves are unchanged: the amendment stands beside them.
		expect(minutes?.items[0].outcome).toBe('Refer to falls clinic.');
		const audit = await db()
			.select()
			.from(schema.auditEvent)
			.where(
				and(eq(schema.auditEvent.entityId, itemAmendment!), eq(schema.auditEvent.action, 'create'))
			);
		expect(audit.map((a) => [a.userId, a.entityType])).toEqual([[coach.id, 'amendment']]);
	});

	it('takes amendments only once the meeting has ended, for its own items, in its own PCN', async () => {
		const open = await heldMeeting(false);
		await expect(
			addAmendment(db(), gp, open, { text: 'Too early', agendaItemId: null })
		).rejects.toMatchObject({ field: 'meeting' });
		const meetingId = await heldMeeting();
		await expect(
			addAmendment(db(), gp, meetingId, { text: 'Which item?', agendaItemId: 'item-9' })
		).rejects.toBeInstanceOf(AmendmentError);
		await expect(
			addAmendment(db(), gp, meetingId, { text: '   ', agendaItemId: null })
		).rejects.toMatchObject({ field: 'text' });
		expect(
			await addAmendment(db(), hillside, meetingId, { text: 'Not ours', agendaItemId: null })
		).toBeNull();
		const stored = await db()
			.select()
			.from(schema.meetingAmendment)
			.where(eq(schema.meetingAmendment.meetingId, meetingId));
		expect(stored).toEqual([]);
	});

	it('list one entry per person, with who was present at the end', async () => {
		const meetingId = await heldMeeting();
		// Opening the room again after the end adds nor reopens anything.
		await recordJoin(db(), gp, meetingId);
		const minutes = await getMinutes(db(), gp, meetingId);
		expect(
			minutes?.attendance.map((a) => [a.name, a.presentAtEnd]).sort((a, b) => (a < b ? -1 : 1))
		).toEqual(
			[
				[gp.name, true],
				[linkWorker.name, false]
			].sort((a, b) => (a < b ? -1 : 1))
		);
	});
});
