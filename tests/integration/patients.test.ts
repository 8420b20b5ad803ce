import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { isValidNhsNumber } from '../../src/lib/domain/nhs-number';
import { schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import {
	createPatient,
	DuplicatePatientError,
	getPatient,
	listCaseload,
	listPractices,
	UnknownPracticeError,
	type PatientInput
} from '../../src/lib/server/patients';
import { describeEachDatabase, signedInAs } from './fixtures';

describeEachDatabase('patients', (db) => {
	let riverside: Awaited<ReturnType<typeof signedInAs>>['user'];
	let hillside: Awaited<ReturnType<typeof signedInAs>>['user'];

	beforeAll(async () => {
		await seedDemo(db());
		riverside = (await signedInAs(db(), 'coordinator@riverside.test')).user;
		hillside = (await signedInAs(db(), 'coordinator@hillside.test')).user;
	});

	it('gives the Riverside coordinator a caseload of 80 synthetic patients', async () => {
		const page = await listCaseload(db(), riverside, { limit: 500 });
		expect(page.total).toBe(80);
		expect(page.patients).toHaveLength(80);
		expect(page.nextCursor).toBeNull();
		for (const p of page.patients) {
			expect(p.nhsNumber.startsWith('999')).toBe(true);
			expect(isValidNhsNumber(p.nhsNumber)).toBe(true);
		}
	});

	it('keeps each PCN to its own patients', async () => {
		const page = await listCaseload(db(), hillside, { limit: 500 });
		expect(page.total).toBe(20);
		const riversidePatient = (await listCaseload(db(), riverside, { limit: 1 })).patients[0];
		expect(await getPatient(db(), hillside, riversidePatient.id)).toBeNull();
		expect(await getPatient(db(), riverside, riversidePatient.id)).not.toBeNull();
	});

	it('pages through the caseload by cursor without gaps or repeats', async () => {
		const seen: string[] = [];
		let cursor: string | undefined;
		do {
			const page = await listCaseload(db(), riverside, { limit: 7, cursor });
			seen.push(...page.patients.map((p) => p.id));
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		expect(seen).toHaveLength(80);
		expect(new Set(seen).size).toBe(80);
	});

	it('finds patients by NHS number (with spaces) and by name', async () => {
		const [first] = (await listCaseload(db(), riverside, { limit: 1 })).patients;
		const spaced = `${first.nhsNumber.slice(0, 3)} ${first.nhsNumber.slice(3, 6)} ${first.nhsNumber.slice(6)}`;
		const byNumber = await listCaseload(db(), riverside, { search: spaced });
		expect(byNumber.patients.map((p) => p.id)).toEqual([first.id]);
		const byName = await listCaseload(db(), riverside, { search: first.familyName.toLowerCase() });
		expect(byName.patients.map((p) => p.id)).toContain(first.id);
		const nobody = await listCaseload(db(), riverside, { search: 'zzzz%_' });
		expect(nobody.total).toBe(0);
	});

	it('records every view of a patient in the audit trail', async () => {
		const [first] = (await listCaseload(db(), riverside, { limit: 1 })).patients;
		await getPatient(db(), riverside, first.id, { ip: '192.0.2.9' });
		const views = await db()
			.select()
			.from(schema.auditEvent)
			.where(and(eq(schema.auditEvent.action, 'view'), eq(schema.auditEvent.entityId, first.id)));
		expect(views.some((v) => v.userId === riverside.id && v.ip === '192.0.2.9')).toBe(true);
	});

	function newPatient(practiceId: string, nhsNumber: string): PatientInput {
		return {
			nhsNumber,
			givenName: 'Ada',
			familyName: 'Testperson',
			dateOfBirth: '1940-02-29',
			sex: 'female',
			practiceId,
			postcode: 'RV1 2AB',
			ethnicity: 'Not stated',
			imdDecile: 3,
			efiDeficits: 10,
			longTermConditions: ['COPD'],
			preferredContact: 'phone',
			phone: null,
			email: null,
			hasUnpaidCarer: true,
			isUnpaidCarer: false
		};
	}

	it('adds a patient with its creation audited, and refuses the same NHS number twice', async () => {
		const [practice] = await listPractices(db(), riverside);
		const id = await createPatient(db(), riverside, newPatient(practice.id, '9998887771'));
		const created = await getPatient(db(), riverside, id);
		expect(created?.frailty).toBe('moderate');
		const audit = await db()
			.select()
			.from(schema.auditEvent)
			.where(and(eq(schema.auditEvent.action, 'create'), eq(schema.auditEvent.entityId, id)));
		expect(audit).toHaveLength(1);
		expect(audit[0].after).toMatchObject({ nhsNumber: '9998887771' });
		await expect(
			createPatient(db(), riverside, newPatient(practice.id, '9998887771'))
		).rejects.toBeInstanceOf(DuplicatePatientError);
	});

	it('refuses to put a patient in another PCN’s practice', async () => {
		const [otherPractice] = await listPractices(db(), hillside);
		await expect(
			createPatient(db(), riverside, newPatient(otherPractice.id, '9998887798'))
		).rejects.toBeInstanceOf(UnknownPracticeError);
		const rows = await db()
			.select()
			.from(schema.patient)
			.where(eq(schema.patient.nhsNumber, '9998887798'));
		expect(rows).toHaveLength(0);
	});

	it('seeds idempotently', async () => {
		const again = await seedDemo(db());
		expect(again).toEqual({ patients: 0, users: 0 });
		expect((await listCaseload(db(), riverside, { limit: 500 })).total).toBe(81);
	});
});
