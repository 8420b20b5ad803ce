/**
 * The patient record between meetings: changed field by field with before/after in the audit
 * trail, people important to the person added, changed and removed, the assigned care
 * coordinator kept to the PCN's coordinators, and the person's timeline.
 */
import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import {
	changedFields,
	listCoordinators,
	PatientNotFoundError,
	saveContact,
	UnknownCoordinatorError,
	updatePatient,
	type ContactInput,
	type PatientRecordInput
} from '../../src/lib/server/patient-record';
import { patientTimeline } from '../../src/lib/server/patient-timeline';
import { DuplicatePatientError, getPatient, listCaseload } from '../../src/lib/server/patients';
import type { SessionUser } from '../../src/lib/server/auth';
import type { Db } from '../../src/lib/server/db';
import { describeEachDatabase, signedInAs } from './fixtures';

/** The stored record of a patient, in the form's terms, to change one field at a time. */
async function recordOf(db: Db, actor: SessionUser, id: string): Promise<PatientRecordInput> {
	const p = (await getPatient(db, actor, id))!;
	return {
		nhsNumber: p.nhsNumber,
		givenName: p.givenName,
		familyName: p.familyName,
		dateOfBirth: p.dateOfBirth,
		sex: p.sex,
		practiceId: p.practice.id,
		postcode: p.postcode,
		ethnicity: p.ethnicity,
		imdDecile: p.imdDecile,
		efiDeficits: p.efiDeficits,
		longTermConditions: p.longTermConditions,
		preferredContact: p.preferredContact,
		phone: p.phone,
		email: p.email,
		hasUnpaidCarer: p.hasUnpaidCarer,
		isUnpaidCarer: p.isUnpaidCarer,
		contactPreferences: p.contactPreferences,
		interpreterLanguage: p.interpreterLanguage,
		accessibleFormats: p.accessibleFormats,
		communicationNotes: p.communicationNotes,
		assignedCoordinatorId: p.assignedCoordinator?.id ?? null
	};
}

async function lastAudit(db: Db, patientId: string) {
	const [row] = await db
		.select()
		.from(schema.auditEvent)
		.where(
			and(
				eq(schema.auditEvent.entityType, 'patient'),
				eq(schema.auditEvent.entityId, patientId),
				eq(schema.auditEvent.action, 'update')
			)
		)
		.orderBy(desc(schema.auditEvent.id))
		.limit(1);
	return row;
}

const daughter: ContactInput = {
	name: 'Grace Test',
	relationship: 'Daughter',
	isCarer: true,
	isNextOfKin: true,
	isEmergencyContact: false,
	phone: '07700 900123',
	email: null
};

describe('changedFields', () => {
	it('keeps only the fields whose values differ, arrays compared by content', () => {
		expect(
			changedFields(
				{ a: 1, b: ['x'], c: null as string | null, d: 'same' },
				{ a: 2, b: ['x'], c: 'now', d: 'same' }
			)
		).toEqual({ before: { a: 1, c: null }, after: { a: 2, c: 'now' } });
		expect(changedFields({ a: ['x', 'y'] }, { a: ['x', 'y'] })).toBeNull();
	});
});

describeEachDatabase('the patient record', (db) => {
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

	it('saves only what changed, and audits each changed field before and after', async () => {
		const record = await recordOf(db(), coordinator, patientId);
		const changed = await updatePatient(db(), gp, patientId, {
			...record,
			interpreterLanguage: 'Polish',
			accessibleFormats: ['large_print', 'easy_read'],
			contactPreferences: 'Mornings; ring her daughter first',
			assignedCoordinatorId: coordinator.id
		});
		expect(changed.sort()).toEqual(
			[
				'accessibleFormats',
				'assignedCoordinatorId',
				'contactPreferences',
				'interpreterLanguage'
			].sort()
		);
		const audit = await lastAudit(db(), patientId);
		expect(audit.userId).toBe(gp.id);
		expect(audit.before).toEqual({
			interpreterLanguage: record.interpreterLanguage,
			accessibleFormats: record.accessibleFormats,
			contactPreferences: record.contactPreferences,
			assignedCoordinatorId: record.assignedCoordinatorId
		});
		expect(audit.after).toMatchObject({
			interpreterLanguage: 'Polish',
			accessibleFormats: ['large_print', 'easy_read']
		});
		const saved = (await getPatient(db(), coordinator, patientId))!;
		expect(saved.interpreterLanguage).toBe('Polish');
		expect(saved.accessibleFormats).toEqual(['large_print', 'easy_read']);
		expect(saved.assignedCoordinator).toEqual({ id: coordinator.id, name: 'Priya Shah' });

		// Saving the same record again changes nothing and audits nothing.
		const auditsBefore = (await lastAudit(db(), patientId)).id;
		expect(await updatePatient(db(), gp, patientId, await recordOf(db(), gp, patientId))).toEqual(
			[]
		);
		expect((await lastAudit(db(), patientId)).id).toBe(auditsBefore);
	});

	it('offers only the PCN’s active care coordinators, and refuses anyone else', async () => {
		const coordinators = await listCoordinators(db(), coordinator);
		expect(coordinators.map((c) => c.name)).toEqual(['Priya Shah']);
		const record = await recordOf(db(), coordinator, patientId);
		for (const someone of [gp.id, hillside.id, crypto.randomUUID()]) {
			await expect(
				updatePatient(db(), coordinator, patientId, { ...record, assignedCoordinatorId: someone })
			).rejects.toBeInstanceOf(UnknownCoordinatorError);
		}
	});

	it('refuses another patient’s NHS number, and saves nothing of that change', async () => {
		const [, other] = (await listCaseload(db(), coordinator, { limit: 2 })).patients;
		const record = await recordOf(db(), coordinator, patientId);
		await expect(
			updatePatient(db(), coordinator, patientId, {
				...record,
				nhsNumber: other.nhsNumber,
				givenName: 'Changed'
			})
		).rejects.toBeInstanceOf(DuplicatePatientError);
		expect((await getPatient(db(), coordinator, patientId))!.givenName).toBe(record.givenName);
	});

	it('answers not found for another PCN’s patient, or an id that is none', async () => {
		const record = await recordOf(db(), coordinator, patientId);
		for (const [actor, id] of [
			[hillside, patientId],
			[coordinator, 'not-a-uuid'],
			[coordinator, crypto.randomUUID()]
		] as const) {
			await expect(updatePatient(db(), actor, id, record)).rejects.toBeInstanceOf(
				PatientNotFoundError
			);
			await expect(saveContact(db(), actor, id, null, daughter)).rejects.toBeInstanceOf(
				PatientNotFoundError
			);
		}
	});

	it('adds, changes and removes a person important to the patient, audited, carer flagged', async () => {
		const record = await recordOf(db(), coordinator, patientId);
		await updatePatient(db(), coordinator, patientId, { ...record, hasUnpaidCarer: false });

		const id = await saveContact(db(), coordinator, patientId, null, daughter);
		let saved = (await getPatient(db(), coordinator, patientId))!;
		expect(saved.contacts.find((c) => c.id === id)).toMatchObject({ name: 'Grace Test' });
		// A carer among the contacts means the person has an unpaid carer.
		expect(saved.hasUnpaidCarer).toBe(true);
		let audit = await lastAudit(db(), patientId);
		expect(audit.detail).toBe('contact added');
		expect(audit.before).toBeNull();
		expect(audit.after).toEqual({ contact: daughter, hasUnpaidCarer: true });

		await saveContact(db(), coordinator, patientId, id, { ...daughter, phone: null });
		audit = await lastAudit(db(), patientId);
		expect(audit.detail).toBe('contact changed');
		expect(audit.before).toEqual({ contact: daughter });

		// Another PCN cannot reach the contact, even through its own patient.
		const theirs = (await listCaseload(db(), hillside, { limit: 1 })).patients[0].id;
		await expect(saveContact(db(), hillside, theirs, id, null)).rejects.toBeInstanceOf(
			PatientNotFoundError
		);

		await saveContact(db(), coordinator, patientId, id, null);
		saved = (await getPatient(db(), coordinator, patientId))!;
		expect(saved.contacts.some((c) => c.id === id)).toBe(false);
		expect((await lastAudit(db(), patientId)).detail).toBe('contact removed');
	});

	it('tells the person’s story newest first: record changes and contacts, with who', async () => {
		const events = await patientTimeline(db(), coordinator, patientId);
		const titles = events.filter((e) => e.kind === 'record').map((e) => e.title);
		expect(titles.slice(0, 3)).toEqual([
			'Contact removed: Grace Test (Daughter)',
			'Contact changed: Grace Test (Daughter)',
			'Contact added: Grace Test (Daughter)'
		]);
		const change = events.find((e) => e.title === 'Record changed' && e.by === 'Dr Tom Okafor');
		expect(change?.detail).toContain('Interpreter');
		expect([...events].sort((a, b) => b.at.localeCompare(a.at))).toEqual(events);
		// Another PCN's timeline of the same id holds nothing of this one.
		expect(await patientTimeline(db(), hillside, patientId)).toEqual([]);
		const meetings = await patientTimeline(db(), coordinator, patientId, { kinds: ['meeting'] });
		expect(meetings.every((e) => e.kind === 'meeting')).toBe(true);
	});
});
