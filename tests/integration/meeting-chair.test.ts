import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { mayEndMeeting } from '../../src/lib/domain/roles';
import type { SessionUser } from '../../src/lib/server/auth';
import { schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import {
	CHAIR_CHANGE_REFUSED,
	CHAIR_CHANGED_MEANWHILE,
	createMeeting,
	getMeeting,
	MeetingInputError,
	updateMeeting,
	type MeetingInput
} from '../../src/lib/server/meetings';
import { changedBeforeEachTransaction, describeEachDatabase, signedInAs } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;

// The chair steers and ends the meeting: naming oneself chair is not open to every clinician.
describeEachDatabase('who may change a meeting’s chair', (db) => {
	let coordinator: SessionUser;
	let gp: SessionUser;
	let nurse: SessionUser;
	let pharmacist: SessionUser;
	let admin: SessionUser;

	beforeAll(async () => {
		await seedDemo(db());
		coordinator = (await signedInAs(db(), 'coordinator@riverside.test')).user;
		gp = (await signedInAs(db(), 'gp@riverside.test')).user;
		nurse = (await signedInAs(db(), 'nurse@riverside.test')).user;
		pharmacist = (await signedInAs(db(), 'pharmacist@riverside.test')).user;
		admin = (await signedInAs(db(), 'admin@riverside.test')).user;
	});

	const input = (change: Partial<MeetingInput> = {}): MeetingInput => ({
		title: 'Chair test MDT',
		startsAt: new Date(Date.now() + 21 * DAY),
		durationMinutes: 60,
		chairId: nurse.id,
		inviteeIds: [gp.id],
		...change
	});

	/** A meeting the coordinator organises and the nurse chairs. */
	const organised = () => createMeeting(db(), coordinator, input());

	const chairChanges = (meetingId: string) =>
		db()
			.select()
			.from(schema.auditEvent)
			.where(
				and(
					eq(schema.auditEvent.entityId, meetingId),
					eq(schema.auditEvent.detail, 'chair changed')
				)
			)
			.orderBy(desc(schema.auditEvent.id));

	it('a GP who neither organised nor chairs it cannot make themselves chair, so cannot end it', async () => {
		const id = await organised();
		const refused = updateMeeting(db(), gp, id, input({ chairId: gp.id }));
		await expect(refused).rejects.toBeInstanceOf(MeetingInputError);
		await expect(refused).rejects.toMatchObject({
			field: 'chairId',
			message: CHAIR_CHANGE_REFUSED
		});
		const stored = await getMeeting(db(), gp, id);
		expect(stored?.chairId).toBe(nurse.id);
		expect(mayEndMeeting(gp, stored!)).toBe(false);
		expect(await chairChanges(id)).toEqual([]);
	});

	it('the same GP may still change the rest of the meeting', async () => {
		const id = await organised();
		expect(await updateMeeting(db(), gp, id, input({ title: 'Chair test MDT (moved)' }))).toBe(
			true
		);
		expect((await getMeeting(db(), gp, id))?.title).toBe('Chair test MDT (moved)');
	});

	it('the organiser may change the chair, audited with before and after', async () => {
		const id = await organised();
		expect(await updateMeeting(db(), coordinator, id, input({ chairId: gp.id }))).toBe(true);
		const stored = await getMeeting(db(), gp, id);
		expect(stored?.chairId).toBe(gp.id);
		expect(mayEndMeeting(gp, stored!)).toBe(true);
		const [audit] = await chairChanges(id);
		expect(audit.userId).toBe(coordinator.id);
		expect(audit.action).toBe('update');
		expect(audit.before).toMatchObject({ chairId: nurse.id });
		expect(audit.after).toMatchObject({ chairId: gp.id });
	});

	it('the current chair may hand the chair on, and an admin may change it', async () => {
		const id = await organised();
		expect(await updateMeeting(db(), nurse, id, input({ chairId: pharmacist.id }))).toBe(true);
		expect(await updateMeeting(db(), admin, id, input({ chairId: gp.id }))).toBe(true);
		const [byAdmin, byNurse] = await chairChanges(id);
		expect(byNurse).toMatchObject({
			userId: nurse.id,
			before: { chairId: nurse.id },
			after: { chairId: pharmacist.id }
		});
		expect(byAdmin).toMatchObject({
			userId: admin.id,
			before: { chairId: pharmacist.id },
			after: { chairId: gp.id }
		});
	});

	it('a former chair no longer may', async () => {
		const id = await organised();
		await updateMeeting(db(), nurse, id, input({ chairId: pharmacist.id }));
		await expect(
			updateMeeting(db(), nurse, id, input({ chairId: nurse.id }))
		).rejects.toMatchObject({ field: 'chairId' });
	});

	it('a save read before someone else changed the chair neither reverts it nor builds on it', async () => {
		const id = await organised();
		// The admin names another chair between the organiser's read and their save: the save's
		// transaction is where the two meet.
		const racing = changedBeforeEachTransaction(db(), () =>
			updateMeeting(db(), admin, id, input({ chairId: pharmacist.id }))
		);
		const refused = updateMeeting(racing, coordinator, id, input({ title: 'Renamed' }));
		await expect(refused).rejects.toMatchObject({
			field: 'chairId',
			message: CHAIR_CHANGED_MEANWHILE
		});
		const stored = await getMeeting(db(), coordinator, id);
		expect(stored).toMatchObject({ chairId: pharmacist.id, title: 'Chair test MDT' });
	});
});
