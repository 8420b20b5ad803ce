/** The PCN's carers register: its own carers only, assessments recorded whole and audited. */
import { and, count, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth';
import { londonToday } from '../../src/lib/server/caseload-episodes';
import {
	CarerNotFoundError,
	carersRegister,
	getCarer,
	recordCarerAssessment
} from '../../src/lib/server/carers';
import { schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { patientTimeline } from '../../src/lib/server/patient-timeline';
import { describeEachDatabase, signedInAs } from './fixtures';

const day = (offset: number) =>
	new Date(Date.parse(`${londonToday()}T12:00:00Z`) + offset * 86_400_000)
		.toISOString()
		.slice(0, 10);

const ALL = { status: null, practiceId: null };

describeEachDatabase('carers register', (db) => {
	let coordinator: SessionUser;
	let hillside: SessionUser;

	beforeAll(async () => {
		await seedDemo(db());
		coordinator = (await signedInAs(db(), 'coordinator@riverside.test')).user;
		hillside = (await signedInAs(db(), 'coordinator@hillside.test')).user;
	});

	it('lists every carer contact and carer patient of the PCN, and no other PCN’s', async () => {
		const register = await carersRegister(db(), coordinator, ALL);
		const [contacts] = await db()
			.select({ n: count() })
			.from(schema.personalContact)
			.where(
				and(
					eq(schema.personalContact.organisationId, coordinator.organisationId),
					eq(schema.personalContact.isCarer, true)
				)
			);
		const [patients] = await db()
			.select({ n: count() })
			.from(schema.patient)
			.where(
				and(
					eq(schema.patient.organisationId, coordinator.organisationId),
					eq(schema.patient.isUnpaidCarer, true)
				)
			);
		expect(register.filter((r) => r.kind === 'contact')).toHaveLength(contacts.n);
		expect(register.filter((r) => r.kind === 'patient')).toHaveLength(patients.n);
		expect(contacts.n).toBeGreaterThan(0);

		const theirs = await carersRegister(db(), hillside, ALL);
		const ours = new Set(register.map((r) => r.id));
		expect(theirs.length).toBeGreaterThan(0);
		expect(theirs.some((r) => ours.has(r.id))).toBe(false);
		const contact = register.find((r) => r.kind === 'contact')!;
		await expect(getCarer(db(), hillside, contact.id)).rejects.toBeInstanceOf(CarerNotFoundError);
		await expect(
			recordCarerAssessment(db(), hillside, contact.id, {
				offeredOn: day(0),
				completedOn: null,
				supportReferral: null,
				referredOn: null
			})
		).rejects.toBeInstanceOf(CarerNotFoundError);
	});

	it('records an assessment and referral on the carer, audited on the person cared for', async () => {
		const carer = (await carersRegister(db(), coordinator, { ...ALL, status: 'not_offered' })).find(
			(r) => r.kind === 'contact'
		)!;
		const input = {
			offeredOn: day(-10),
			completedOn: day(-2),
			supportReferral: 'Riverside Carers’ Centre',
			referredOn: day(-2)
		};
		await recordCarerAssessment(db(), coordinator, carer.id, input);
		const saved = await getCarer(db(), coordinator, carer.id);
		expect(saved).toMatchObject({ ...input, status: 'completed' });

		const completed = await carersRegister(db(), coordinator, { ...ALL, status: 'completed' });
		expect(completed.map((r) => r.id)).toContain(carer.id);
		expect(completed.every((r) => r.completedOn !== null)).toBe(true);
		const notOffered = await carersRegister(db(), coordinator, { ...ALL, status: 'not_offered' });
		expect(notOffered.map((r) => r.id)).not.toContain(carer.id);

		const [audit] = await db()
			.select()
			.from(schema.auditEvent)
			.where(
				and(
					eq(schema.auditEvent.entityId, carer.caresFor!.id),
					eq(schema.auditEvent.detail, 'carer’s assessment recorded')
				)
			);
		expect(audit.after).toEqual({ carer: { contactId: carer.id, ...input } });
		expect(audit.before).toMatchObject({ carer: { offeredOn: null, completedOn: null } });
		const [latest] = await patientTimeline(db(), coordinator, carer.caresFor!.id, {
			kinds: ['record']
		});
		expect(latest.title).toBe('Carer’s assessment recorded');
	});

	it('filters by the practice of the person cared for', async () => {
		const [practice] = await db()
			.select({ id: schema.organisation.id })
			.from(schema.organisation)
			.where(
				and(
					eq(schema.organisation.parentId, coordinator.organisationId),
					eq(schema.organisation.kind, 'practice')
				)
			)
			.limit(1);
		const all = await carersRegister(db(), coordinator, ALL);
		const some = await carersRegister(db(), coordinator, { ...ALL, practiceId: practice.id });
		expect(some.length).toBeGreaterThan(0);
		expect(some.length).toBeLessThan(all.length);
		const [name] = await db()
			.select({ name: schema.organisation.name })
			.from(schema.organisation)
			.where(eq(schema.organisation.id, practice.id));
		expect(some.every((r) => r.practice === name.name)).toBe(true);
	});

	it('lists patients who are carers as not offered only, with no one known cared for', async () => {
		const offered = await carersRegister(db(), coordinator, { ...ALL, status: 'offered' });
		expect(offered.every((r) => r.kind === 'contact')).toBe(true);
		const carers = (await carersRegister(db(), coordinator, ALL)).filter(
			(r) => r.kind === 'patient'
		);
		expect(carers.every((r) => r.caresFor === null && r.patientId === r.id)).toBe(true);
	});
});
