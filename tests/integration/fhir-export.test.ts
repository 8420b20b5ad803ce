/**
 * The FHIR R4 export (GET /api/patients/:id/fhir): every demo patient's record exports as a Bundle
 * that validates against the R4 definitions, entry by entry, with its references resolved; a
 * person with a whole record exports every resource the mapping names, coded only where verified;
 * another PCN's patient is not found; no session, or a role without record:export, is refused.
 */
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { isHttpError } from '@sveltejs/kit';
import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
	addGoal,
	addGoalAction,
	carePlanToJson,
	contingencyFragment,
	planFragment,
	setFragmentText,
	setReview
} from '../../src/lib/domain/collab/careplan';
import type { SessionUser } from '../../src/lib/server/auth';
import { schema, type Db } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { exportPatientRecord } from '../../src/lib/server/fhir-export';
import { PatientNotFoundError } from '../../src/lib/server/patient-scope';
import { bundleProblems, fhirValidator, type FhirValidator } from './fhir-fixtures';
import { describeEachDatabase, signedInAs } from './fixtures';

// The route's request event and database, as a signed-in (or not) request would find them.
const request = vi.hoisted(() => ({
	db: undefined as unknown,
	user: null as SessionUser | null
}));
vi.mock('$app/server', () => ({
	getRequestEvent: () => ({
		locals: { user: request.user },
		url: new URL('http://localhost/api/patients/x/fhir'),
		request: new Request('http://localhost/api/patients/x/fhir'),
		getClientAddress: () => '127.0.0.1'
	})
}));
vi.mock(import('../../src/lib/server/db'), async (original) => ({
	...(await original()),
	db: () => request.db as Db
}));
const { GET } = await import('../../src/routes/api/patients/[id]/fhir/+server');

/** The status the route answers `user` for patient `id`, and its body when it is 200. */
async function get(db: Db, user: SessionUser | null, id: string) {
	request.db = db;
	request.user = user;
	try {
		const response = await GET({ params: { id } } as Parameters<typeof GET>[0]);
		return { status: response.status, response };
	} catch (e) {
		if (isHttpError(e)) return { status: e.status, response: null };
		throw e;
	}
}

const of = <T extends Resource['resourceType']>(bundle: Bundle, type: T) =>
	(bundle.entry ?? [])
		.map((e) => e.resource!)
		.filter((r): r is Extract<Resource, { resourceType: T }> => r.resourceType === type);

const snomedCodes = (bundle: Bundle) =>
	[...JSON.stringify(bundle).matchAll(/"system":"http:\/\/snomed\.info\/sct","code":"(\d+)"/g)].map(
		(m) => m[1]
	);

describeEachDatabase('the FHIR R4 export', (db) => {
	let validate: FhirValidator;
	let coordinator: SessionUser;
	let hillside: SessionUser;
	let observer: SessionUser;
	let whole: string;

	beforeAll(async () => {
		validate = await fhirValidator();
		await seedDemo(db());
		coordinator = (await signedInAs(db(), 'coordinator@riverside.test')).user;
		hillside = (await signedInAs(db(), 'coordinator@hillside.test')).user;
		observer = (await signedInAs(db(), 'observer@riverside.test')).user;
		whole = await giveAWholeRecord(db(), coordinator);
	});

	it('exports every demo patient of both PCNs as a Bundle that validates, entry by entry', async () => {
		let exported = 0;
		for (const user of [coordinator, hillside]) {
			const patients = await db()
				.select({ id: schema.patient.id })
				.from(schema.patient)
				.where(eq(schema.patient.organisationId, user.organisationId));
			expect(patients.length).toBeGreaterThan(0);
			for (const { id } of patients) {
				const bundle = await exportPatientRecord(db(), user, id);
				expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
				expect(bundleProblems(validate, bundle), id).toEqual([]);
				expect(of(bundle, 'Patient')).toHaveLength(1);
				exported++;
			}
		}
		expect(exported).toBe(100);
	});

	it('exports a whole record with every resource the mapping names, validated', async () => {
		const bundle = await exportPatientRecord(db(), coordinator, whole);
		expect(bundleProblems(validate, bundle)).toEqual([]);
		const types = new Set(bundle.entry!.map((e) => e.resource!.resourceType));
		for (const type of [
			'Patient',
			'Organization',
			'Practitioner',
			'RelatedPerson',
			'CarePlan',
			'Goal',
			'CareTeam',
			'Task',
			'Flag',
			'ServiceRequest',
			'Observation',
			'Encounter'
		]) {
			expect(types, type).toContain(type);
		}
		const [patient] = of(bundle, 'Patient');
		expect(patient.identifier?.[0].system).toBe('https://fhir.nhs.uk/Id/nhs-number');
		expect(patient.identifier?.[0].value).toMatch(/^999\d{7}$/);
		const [plan, contingency] = of(bundle, 'CarePlan');
		expect(plan).toMatchObject({ status: 'active', intent: 'plan' });
		expect(contingency.partOf?.[0].reference).toBe(`urn:uuid:${plan.id}`);
		expect(contingency.description).toBe('Trigger factors: A fall, or her daughter away');
		expect(of(bundle, 'Goal')[0]).toMatchObject({
			lifecycleStatus: 'accepted',
			description: { text: 'Walk to the shop again' }
		});
		const review = of(bundle, 'Task').find((t) => t.code?.coding?.[0].code === '425268008');
		expect(review?.restriction?.period?.end).toBe('2027-03-01');
		expect(of(bundle, 'CareTeam')[0].participant?.[0].role?.[0].coding?.[0].code).toBe('768820003');
	});

	it('would catch an export that breaks the R4 definitions', async () => {
		const bundle = await exportPatientRecord(db(), coordinator, whole);
		const task = of(bundle, 'Task')[0] as unknown as Record<string, unknown>;
		delete task.status;
		const [patient] = of(bundle, 'Patient') as unknown as Record<string, unknown>[];
		patient.nickname = 'Jo';
		expect(bundleProblems(validate, bundle)).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^Task\/.*Missing required property at Task\.status/),
				expect.stringMatching(/^Patient\/.*Invalid additional property "nickname"/)
			])
		);
	});

	it('uses only verified SNOMED CT codes, and the ones each resource should carry', async () => {
		const bundle = await exportPatientRecord(db(), coordinator, whole);
		const codes = new Set(snomedCodes(bundle));
		for (const code of [
			'871731000000106',
			'425268008',
			'925431000000109',
			'962851000000103',
			'768820003',
			'384682003'
		]) {
			expect(codes, code).toContain(code);
		}
		const { snomedConcepts } = await import('../../src/lib/domain/snomed');
		const verified = new Set(snomedConcepts().map((c) => c.sctid));
		for (const code of codes) expect(verified.has(code), code).toBe(true);
	});

	it('flags an open safeguarding concern by its category, never its description', async () => {
		const bundle = await exportPatientRecord(db(), coordinator, whole);
		const text = JSON.stringify(bundle);
		expect(text).not.toContain('Her nephew takes her pension');
		expect(of(bundle, 'Flag').map((f) => f.code.text)).toContain(
			'Open safeguarding concern: Financial or material abuse'
		);
	});

	it('exports a plan projected before schema version 2 (no personal contacts, no "how agreed")', async () => {
		// Someone the demo gave no plan.
		const [other] = await db()
			.select({ id: schema.patient.id })
			.from(schema.patient)
			.leftJoin(schema.carePlan, eq(schema.carePlan.patientId, schema.patient.id))
			.where(
				and(
					eq(schema.patient.organisationId, hillside.organisationId),
					isNull(schema.carePlan.patientId)
				)
			)
			.limit(1);
		const v1 = carePlanToJson(new Y.Doc()) as unknown as Record<string, unknown>;
		delete v1.personalContacts;
		await db().insert(schema.carePlan).values({
			patientId: other.id,
			organisationId: hillside.organisationId,
			schemaVersion: 1,
			content: v1
		});
		const bundle = await exportPatientRecord(db(), hillside, other.id);
		expect(bundleProblems(validate, bundle)).toEqual([]);
		expect(of(bundle, 'CarePlan').map((p) => p.status)).toEqual(['draft', 'draft']);
	});

	it('answers 404 for another PCN’s patient and for an id that is none', async () => {
		await expect(exportPatientRecord(db(), hillside, whole)).rejects.toBeInstanceOf(
			PatientNotFoundError
		);
		expect((await get(db(), hillside, whole)).status).toBe(404);
		expect((await get(db(), coordinator, 'not-a-uuid')).status).toBe(404);
	});

	it('refuses a request without a session (401) and an observer (403)', async () => {
		expect((await get(db(), null, whole)).status).toBe(401);
		expect((await get(db(), observer, whole)).status).toBe(403);
	});

	it('answers FHIR JSON to a clinical role and audits the export', async () => {
		const { status, response } = await get(db(), coordinator, whole);
		expect(status).toBe(200);
		expect(response!.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
		const bundle = (await response!.json()) as Bundle;
		expect(bundleProblems(validate, bundle)).toEqual([]);
		const audits = await db()
			.select()
			.from(schema.auditEvent)
			.where(
				and(
					eq(schema.auditEvent.entityId, whole),
					eq(schema.auditEvent.detail, 'exported the record (FHIR R4)')
				)
			);
		expect(audits.length).toBeGreaterThan(0);
		expect(audits[0]).toMatchObject({ action: 'view', userId: coordinator.id });
	});
});

/**
 * Gives a Riverside patient discussed at the demo's past MDT everything the export maps: a care
 * plan with a goal, an action and a review, a carer, an open concern, a PAM and an ONS4, a contact,
 * a follow-up action and both kinds of referral. Returns the patient's id.
 */
async function giveAWholeRecord(db: Db, coordinator: SessionUser): Promise<string> {
	const org = coordinator.organisationId;
	const [discussed] = await db
		.select({ patientId: schema.agendaItem.patientId })
		.from(schema.agendaItem)
		.innerJoin(schema.meeting, eq(schema.meeting.id, schema.agendaItem.meetingId))
		.where(
			and(
				eq(schema.agendaItem.organisationId, org),
				eq(schema.agendaItem.status, 'discussed'),
				eq(schema.meeting.status, 'ended')
			)
		)
		.limit(1);
	const patientId = discussed.patientId!;
	await db
		.update(schema.patient)
		.set({ assignedCoordinatorId: coordinator.id, efiDeficits: 14 })
		.where(eq(schema.patient.id, patientId));

	const doc = new Y.Doc();
	const goal = addGoal(doc, { description: 'Walk to the shop again', importance: 8 });
	addGoalAction(doc, goal, {
		what: 'Physiotherapy exercises daily',
		who: 'Joan, with the physio',
		when: '2027-01-15',
		status: 'in_progress',
		confidence: 7
	});
	setFragmentText(planFragment(doc, 'strengths'), 'Determined; close to her daughter');
	setFragmentText(contingencyFragment(doc, 'triggerFactors'), 'A fall, or her daughter away');
	setReview(doc, {
		reviewDate: '2027-03-01',
		responsible: 'Priya Shah',
		agreedWithPerson: true,
		agreedDate: '2026-11-20'
	});
	// The demo gives this person a plan of their own: this one, whose every part is known, replaces it.
	const plan = {
		patientId,
		organisationId: org,
		schemaVersion: 2,
		content: carePlanToJson(doc),
		reviewDate: '2027-03-01'
	};
	await db
		.insert(schema.carePlan)
		.values(plan)
		.onConflictDoUpdate({ target: schema.carePlan.patientId, set: plan });
	await db.insert(schema.personalContact).values({
		organisationId: org,
		patientId,
		name: 'Mary Example',
		relationship: 'Daughter',
		isCarer: true,
		isNextOfKin: true,
		isEmergencyContact: true,
		phone: '07700 900123'
	});
	const [gp] = await db
		.select({ id: schema.user.id })
		.from(schema.user)
		.where(eq(schema.user.email, 'gp@riverside.test'));
	await db.insert(schema.safeguardingConcern).values({
		organisationId: org,
		patientId,
		category: 'financial',
		description: 'Her nephew takes her pension',
		namedContactId: gp.id,
		consentToShare: 'yes',
		immediateRisk: false,
		raisedBy: coordinator.id
	});
	await db.insert(schema.outcomeMeasure).values([
		{
			organisationId: org,
			patientId,
			kind: 'pam',
			recordedOn: '2026-11-01',
			pamScore: 52.4,
			pamLevel: 2,
			recordedBy: coordinator.id
		},
		{
			organisationId: org,
			patientId,
			kind: 'ons4',
			recordedOn: '2026-11-01',
			ons4: { lifeSatisfaction: 5, worthwhile: 7, happy: 6, anxious: 4 },
			recordedBy: coordinator.id
		}
	]);
	await db.insert(schema.contactLog).values({
		organisationId: org,
		patientId,
		occurredAt: new Date('2026-11-10T10:00:00Z'),
		kind: 'call',
		withWhom: 'Joan',
		summary: 'Checked on her after the fall',
		durationMinutes: 20,
		by: coordinator.id
	});
	await db.insert(schema.mdtAction).values({
		organisationId: org,
		patientId,
		description: 'Book a falls clinic appointment',
		assigneeId: coordinator.id,
		dueDate: '2026-12-01',
		priority: 'soon',
		createdBy: coordinator.id
	});
	await db.insert(schema.referral).values({
		organisationId: org,
		patientId,
		source: 'hospital_discharge',
		reason: 'Lives alone after a fall',
		referrer: 'Ward 7',
		receivedOn: '2026-11-02',
		outcome: 'accepted'
	});
	const [service] = await db
		.select({ id: schema.communityService.id })
		.from(schema.communityService)
		.where(eq(schema.communityService.organisationId, org))
		.limit(1);
	await db.insert(schema.serviceReferral).values({
		organisationId: org,
		patientId,
		serviceId: service.id,
		sentOn: '2026-11-12',
		reason: 'Lonely since her husband died',
		by: coordinator.id
	});
	return patientId;
}
