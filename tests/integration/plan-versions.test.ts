import { and, desc, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
	AGREED_LABEL,
	changedSinceAgreed,
	NO_TRIGGER_FACTORS
} from '../../src/lib/domain/collab/careplan/agreement';
import {
	aboutMeFragment,
	carePlanToJson,
	contingencyFragment,
	planFragment,
	setFragmentText,
	setReview
} from '../../src/lib/domain/collab/careplan';
import { CURRENT_PLAN } from '../../src/lib/domain/collab/careplan/compare';
import { carePlanSections } from '../../src/lib/domain/collab/careplan/sections';
import { changeUpdate } from '../../src/lib/domain/collab/documents';
import { schema } from '../../src/lib/server/db';
import { endMeeting } from '../../src/lib/server/meeting-end';
import { meetingPlanChanges } from '../../src/lib/server/meeting-plan-versions';
import { startMeeting } from '../../src/lib/server/meeting-room';
import { PatientNotFoundError } from '../../src/lib/server/patient-scope';
import {
	agreementRecordText,
	agreePlan,
	carePlanDocument,
	comparePlanVersions,
	lastAgreement,
	listPlanVersions,
	openPlanVersion,
	PlanAgreementRefused,
	restorePlanVersion
} from '../../src/lib/server/plan-versions';
import { realtime } from '../../src/lib/server/realtime-bridge';
import { describeEachDatabase, signedInAs } from './fixtures';
import { meetingEndDemo } from './meeting-end-fixtures';

const TODAY = new Date().toISOString().slice(0, 10);

describeEachDatabase('care plan versions', (db) => {
	const demo = meetingEndDemo(db);

	/** A colleague's edit to the person's plan, made as the server makes one. */
	async function edit(patientId: string, change: (doc: Y.Doc) => void) {
		const access = carePlanDocument(demo.gp.user.organisationId, patientId);
		const update = await realtime()!.withDocument(access, (doc) => changeUpdate(doc, change));
		await realtime()!.applyServerUpdate(access, update, demo.gp.user.id);
	}

	/** Every agreed plan has trigger factors (PRSB PCSP v2). */
	const withTriggerFactors = (doc: Y.Doc) =>
		setFragmentText(contingencyFragment(doc, 'triggerFactors'), 'Breathless at rest');

	const planOf = (patientId: string) =>
		realtime()!.withDocument(
			carePlanDocument(demo.gp.user.organisationId, patientId),
			carePlanToJson
		);

	/** What the Plan tab and the printed plan say: agreed when, and changed since or not. */
	async function agreementNow(patientId: string, asOf?: Date) {
		const agreed = await lastAgreement(db(), demo.coordinator.user, patientId, asOf);
		if (!agreed) return null;
		const now = carePlanSections(await planOf(patientId));
		return { versionId: agreed.versionId, changed: changedSinceAgreed(agreed.sections, now) };
	}

	const auditsOn = (patientId: string) =>
		db()
			.select()
			.from(schema.auditEvent)
			.where(
				and(eq(schema.auditEvent.entityType, 'patient'), eq(schema.auditEvent.entityId, patientId))
			)
			.orderBy(desc(schema.auditEvent.at));

	it('Mark as agreed saves a version with how, when and who, audited on the person, and the plan says so', async () => {
		const patientId = demo.patients[0];
		await edit(patientId, (doc) => {
			setFragmentText(aboutMeFragment(doc, 'whatMattersToMe'), 'Staying in my own home');
			withTriggerFactors(doc);
		});
		const { versionId } = await agreePlan(db(), realtime()!, demo.coordinator.user, patientId, {
			how: 'telephone',
			details: null,
			agreedOn: TODAY
		});

		const opened = await openPlanVersion(db(), demo.coordinator.user, patientId, versionId);
		expect(opened?.version).toMatchObject({
			label: AGREED_LABEL,
			agreedHow: 'By telephone',
			agreedOn: TODAY,
			createdBy: demo.coordinator.user.name
		});
		expect(opened?.plan.aboutMe.whatMattersToMe).toBe('Staying in my own home');
		expect(opened?.plan.carePlan.review).toMatchObject({
			agreedWithPerson: true,
			agreedDate: TODAY
		});
		const live = await planOf(patientId);
		expect(live.carePlan.review).toMatchObject({ agreedWithPerson: true, agreedDate: TODAY });
		const [audit] = await auditsOn(patientId);
		expect(audit).toMatchObject({
			action: 'create',
			userId: demo.coordinator.user.id,
			detail: 'care plan agreed with the person (by telephone)'
		});
		expect(audit.after).toMatchObject({ version: { id: versionId } });
	});

	it('refuses to agree a plan without trigger factors, and saves nothing', async () => {
		const patientId = demo.patients[1];
		const agree = () =>
			agreePlan(db(), realtime()!, demo.coordinator.user, patientId, {
				how: 'face_to_face',
				details: null,
				agreedOn: TODAY
			});
		await edit(patientId, (doc) => setFragmentText(planFragment(doc, 'strengths'), 'Cooks'));
		// An empty contingency plan too: trigger factors are mandatory in every plan.
		await expect(agree()).rejects.toThrow(new PlanAgreementRefused(NO_TRIGGER_FACTORS));
		await edit(patientId, (doc) =>
			setFragmentText(contingencyFragment(doc, 'whatShouldHappen'), 'Call the community team')
		);
		const versionsBefore = await listPlanVersions(db(), demo.coordinator.user, patientId);
		const auditsBefore = await auditsOn(patientId);

		await expect(agree()).rejects.toThrow(new PlanAgreementRefused(NO_TRIGGER_FACTORS));

		expect(await listPlanVersions(db(), demo.coordinator.user, patientId)).toEqual(versionsBefore);
		expect(await auditsOn(patientId)).toHaveLength(auditsBefore.length);
		expect((await planOf(patientId)).carePlan.review.agreedWithPerson).toBe(false);

		await edit(patientId, (doc) =>
			setFragmentText(contingencyFragment(doc, 'triggerFactors'), 'Breathless at rest')
		);
		await agreePlan(db(), realtime()!, demo.coordinator.user, patientId, {
			how: 'other',
			details: 'by letter',
			agreedOn: TODAY
		});
		const [agreed] = await listPlanVersions(db(), demo.coordinator.user, patientId);
		expect(agreed).toMatchObject({ label: AGREED_LABEL, agreedHow: 'Other: by letter' });
	});

	it('compares two versions section by section, marking what was added and removed', async () => {
		const patientId = demo.patients[2];
		await edit(patientId, (doc) => {
			setFragmentText(planFragment(doc, 'strengths'), 'Walks to the shop on Monday');
			withTriggerFactors(doc);
		});
		const first = await agreePlan(db(), realtime()!, demo.coordinator.user, patientId, {
			how: 'face_to_face',
			details: null,
			agreedOn: TODAY
		});
		expect(await agreementNow(patientId)).toEqual({ versionId: first.versionId, changed: false });
		// Moving the review date does not change what was agreed.
		await edit(patientId, (doc) => setReview(doc, { reviewDate: '2027-06-01' }));
		expect(await agreementNow(patientId)).toEqual({ versionId: first.versionId, changed: false });
		await edit(patientId, (doc) => {
			setFragmentText(planFragment(doc, 'strengths'), 'Walks to the shop on Friday');
			setFragmentText(planFragment(doc, 'needs'), 'Lonely since moving');
		});
		// The plan now differs from the one agreed: the Plan tab and the print say so.
		expect(await agreementNow(patientId)).toEqual({ versionId: first.versionId, changed: true });

		const withCurrent = await comparePlanVersions(
			db(),
			realtime()!,
			demo.coordinator.user,
			patientId,
			{ from: first.versionId, to: CURRENT_PLAN }
		);
		const byKey = new Map(withCurrent!.sections.map((s) => [s.key, s]));
		expect(byKey.get('plan.strengths')).toMatchObject({
			change: 'changed',
			parts: expect.arrayContaining([
				{ text: 'Monday', change: 'removed' },
				{ text: 'Friday', change: 'added' }
			])
		});
		expect(byKey.get('plan.needs')).toMatchObject({
			change: 'added',
			parts: [{ text: 'Lonely since moving', change: 'added' }]
		});
		expect(byKey.get('aboutMe.myWellness')?.change).toBe('unchanged');

		const second = await agreePlan(db(), realtime()!, demo.coordinator.user, patientId, {
			how: 'video',
			details: null,
			agreedOn: TODAY
		});
		expect(await agreementNow(patientId)).toEqual({ versionId: second.versionId, changed: false });
		// A version printed as it was then is judged against the agreement made by then.
		const firstVersion = (await listPlanVersions(db(), demo.coordinator.user, patientId)).find(
			(v) => v.id === first.versionId
		)!;
		expect((await agreementNow(patientId, firstVersion.createdAt))?.versionId).toBe(
			first.versionId
		);
		const saved = await comparePlanVersions(db(), realtime()!, demo.coordinator.user, patientId, {
			from: first.versionId,
			to: second.versionId
		});
		expect(saved?.sections.filter((s) => s.change !== 'unchanged').map((s) => s.key)).toEqual([
			'plan.strengths',
			'plan.needs',
			// How it was agreed is part of the plan's agreement section.
			'review'
		]);
		expect(saved?.from?.agreedHow).toBe('Face to face');
		expect(saved?.to?.agreedHow).toBe('By video');

		// Copy to clinical record: the first agreement alone; the second also reviews the plan.
		const [person] = await db()
			.select()
			.from(schema.patient)
			.where(eq(schema.patient.id, patientId));
		const coordinator = demo.coordinator.user;
		const firstText = await agreementRecordText(db(), coordinator, person, first.versionId);
		expect(firstText).toContain('Personalised care and support plan agreed');
		expect(firstText).not.toContain('425268008');
		const secondText = await agreementRecordText(db(), coordinator, person, second.versionId);
		expect(secondText).toContain('Review of care plan [SNOMED CT 425268008]');
	});

	it('restoring a version is a new edit of the plan, audited on the person', async () => {
		const patientId = demo.patients[3];
		await edit(patientId, (doc) => {
			setFragmentText(planFragment(doc, 'strengths'), 'Cooks');
			withTriggerFactors(doc);
		});
		const { versionId } = await agreePlan(db(), realtime()!, demo.coordinator.user, patientId, {
			how: 'representative',
			details: 'Ann, daughter',
			agreedOn: TODAY
		});
		await edit(patientId, (doc) => setFragmentText(planFragment(doc, 'strengths'), 'Gardens'));
		expect((await agreementNow(patientId))?.changed).toBe(true);
		const name = carePlanDocument(demo.gp.user.organisationId, patientId).name;
		const updates = () =>
			db().select().from(schema.collabUpdate).where(eq(schema.collabUpdate.docName, name));
		const before = (await updates()).length;

		expect(
			await restorePlanVersion(db(), realtime()!, demo.coordinator.user, patientId, versionId)
		).toBe(true);

		expect((await planOf(patientId)).carePlan.strengths).toBe('Cooks');
		expect(await agreementNow(patientId)).toEqual({ versionId, changed: false });
		const after = await updates();
		expect(after).toHaveLength(before + 1);
		expect(after.at(-1)?.userId).toBe(demo.coordinator.user.id);
		const [audit] = await auditsOn(patientId);
		expect(audit.detail).toBe(`care plan version restored: ${AGREED_LABEL}`);
	});

	it('a meeting saves each agenda patient’s plan as it starts and ends, and the minutes show what it changed', async () => {
		const meeting = await demo.meeting('Plan changes MDT');
		await demo.agenda(meeting.id, [{ reason: 'Falls' }, { reason: 'Carer strain' }]);
		const [changed, untouched] = demo.patients;
		await edit(changed, (doc) =>
			setFragmentText(planFragment(doc, 'needs'), 'Afraid of falling at night')
		);
		await startMeeting(db(), realtime(), demo.gp.user, meeting.id);
		await edit(changed, (doc) =>
			setFragmentText(planFragment(doc, 'needs'), 'Afraid of falling at night; uses a frame')
		);
		await endMeeting(db(), realtime()!, demo.gp.user, meeting.id, {});

		const saved = await db()
			.select({ label: schema.collabVersion.label, docName: schema.collabVersion.docName })
			.from(schema.collabVersion)
			.where(eq(schema.collabVersion.meetingId, meeting.id));
		expect(saved.map((v) => v.label).sort()).toEqual([
			'After Plan changes MDT',
			'After Plan changes MDT',
			'Before Plan changes MDT',
			'Before Plan changes MDT'
		]);

		const [row] = await db().select().from(schema.meeting).where(eq(schema.meeting.id, meeting.id));
		const changes = await meetingPlanChanges(db(), demo.gp.user, row, [changed, untouched]);
		expect(changes[changed]).toMatchObject({
			compared: true,
			sections: [
				{
					key: 'plan.needs',
					change: 'changed',
					parts: expect.arrayContaining([{ text: '; uses a frame', change: 'added' }])
				}
			]
		});
		expect(changes[untouched]).toEqual({ compared: true, sections: [] });
	});

	it('another PCN cannot list, open, compare, agree or restore this person’s plan', async () => {
		const hillside = await signedInAs(db(), 'coordinator@hillside.test');
		const patientId = demo.patients[0];
		const [version] = await listPlanVersions(db(), demo.coordinator.user, patientId);
		await expect(listPlanVersions(db(), hillside.user, patientId)).rejects.toThrow(
			PatientNotFoundError
		);
		await expect(openPlanVersion(db(), hillside.user, patientId, version.id)).rejects.toThrow(
			PatientNotFoundError
		);
		await expect(
			comparePlanVersions(db(), realtime()!, hillside.user, patientId, {
				from: version.id,
				to: CURRENT_PLAN
			})
		).rejects.toThrow(PatientNotFoundError);
		await expect(
			agreePlan(db(), realtime()!, hillside.user, patientId, {
				how: 'telephone',
				details: null,
				agreedOn: TODAY
			})
		).rejects.toThrow(PatientNotFoundError);
		await expect(
			restorePlanVersion(db(), realtime()!, hillside.user, patientId, version.id)
		).rejects.toThrow(PatientNotFoundError);
		// A version of another person's plan does not open under this one's.
		expect(
			await openPlanVersion(db(), demo.coordinator.user, demo.patients[1], version.id)
		).toBeNull();
		expect(await openPlanVersion(db(), demo.coordinator.user, patientId, 'not-a-uuid')).toBeNull();
	});
});
