/**
 * The demo's personalised care and support plans: everyone on the upcoming MDT's agenda has one,
 * with goals and actions, stored as the live document and projected into care_plan as the
 * projection would; some reviews are overdue and the worklist finds them; about half were agreed
 * with the person and have that version; seeding again adds nothing.
 */
import { and, count, eq, isNull } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { carePlanToJson } from '../../src/lib/domain/collab/careplan';
import { AGREED_LABEL, agreementProblem } from '../../src/lib/domain/collab/careplan/agreement';
import { SCHEMA_VERSION } from '../../src/lib/domain/collab/documents';
import { defaultWorklist } from '../../src/lib/domain/worklist';
import type { SessionUser } from '../../src/lib/server/auth';
import { londonToday } from '../../src/lib/server/caseload-episodes';
import { schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { listPlanVersions, openPlanVersion } from '../../src/lib/server/plan-versions';
import { worklist } from '../../src/lib/server/worklist';
import { describeEachDatabase, signedInAs } from './fixtures';

describeEachDatabase('the demo’s care plans', (db) => {
	let coordinator: SessionUser;

	beforeAll(async () => {
		await seedDemo(db());
		coordinator = (await signedInAs(db(), 'coordinator@riverside.test')).user;
	});

	const plans = () =>
		db()
			.select()
			.from(schema.carePlan)
			.where(eq(schema.carePlan.organisationId, coordinator.organisationId));

	it('give everyone on the upcoming MDT agenda a plan with About Me, goals and actions', async () => {
		const agenda = await db()
			.select({ patientId: schema.agendaItem.patientId })
			.from(schema.agendaItem)
			.innerJoin(schema.meeting, eq(schema.meeting.id, schema.agendaItem.meetingId))
			.where(
				and(
					eq(schema.meeting.organisationId, coordinator.organisationId),
					isNull(schema.meeting.endedAt)
				)
			);
		expect(agenda.length).toBeGreaterThan(0);
		const byPatient = new Map((await plans()).map((p) => [p.patientId, p]));
		expect(byPatient.size).toBeGreaterThanOrEqual(10);
		for (const { patientId } of agenda) {
			const plan = byPatient.get(patientId!);
			expect(plan, patientId!).toBeDefined();
			const content = plan!.content as ReturnType<typeof carePlanToJson>;
			expect(Object.values(content.aboutMe).filter(Boolean).length).toBeGreaterThanOrEqual(2);
			expect(content.carePlan.goals.length).toBeGreaterThan(0);
			for (const goal of content.carePlan.goals) {
				expect(goal.importance).toBeGreaterThan(0);
				expect(goal.actions.length).toBeGreaterThan(0);
			}
			expect(content.contingencyPlan.triggerFactors).not.toBe('');
			expect(plan!.reviewDate).toBe(content.carePlan.review.reviewDate);
		}
	});

	it('project each plan document into care_plan as the projection would', async () => {
		for (const plan of await plans()) {
			const [snapshot] = await db()
				.select({ state: schema.collabSnapshot.state })
				.from(schema.collabSnapshot)
				.where(eq(schema.collabSnapshot.docName, `careplan:${plan.patientId}`));
			const doc = new Y.Doc();
			Y.applyUpdate(doc, new Uint8Array(snapshot.state));
			const json = carePlanToJson(doc);
			expect(plan.content).toEqual(json);
			expect(plan.schemaVersion).toBe(SCHEMA_VERSION.careplan);
			expect(plan.reviewDate).toBe(json.carePlan.review.reviewDate);
		}
	});

	it('have a few reviews overdue, which the worklist finds, and most in the future', async () => {
		const today = londonToday();
		const all = await plans();
		const overdue = all.filter((p) => p.reviewDate! < today);
		expect(overdue.length).toBeGreaterThan(0);
		expect(overdue.length).toBeLessThan(all.length / 2);
		const found = await worklist(db(), coordinator, {
			...defaultWorklist('pcn'),
			risks: ['review_overdue']
		});
		expect(found.rows.map((r) => r.id).sort()).toEqual(overdue.map((p) => p.patientId).sort());
	});

	it('have about half agreed with the person, each with its agreed version', async () => {
		const all = await plans();
		const agreed = all.filter(
			(p) => (p.content as ReturnType<typeof carePlanToJson>).carePlan.review.agreedWithPerson
		);
		expect(agreed.length).toBeGreaterThanOrEqual(all.length * 0.3);
		expect(agreed.length).toBeLessThanOrEqual(all.length * 0.7);
		for (const plan of agreed) {
			const review = (plan.content as ReturnType<typeof carePlanToJson>).carePlan.review;
			const versions = await listPlanVersions(db(), coordinator, plan.patientId);
			const version = versions.find((v) => v.label === AGREED_LABEL);
			expect(version, plan.patientId).toBeDefined();
			expect(version!.agreedOn).toBe(review.agreedDate);
			expect(version!.agreedHow).toBe(review.agreedHow);
			const opened = await openPlanVersion(db(), coordinator, plan.patientId, version!.id);
			expect(opened!.plan.carePlan.review.agreedWithPerson).toBe(true);
			expect(agreementProblem(opened!.plan)).toBeNull();
		}
	});

	it('are seeded once', async () => {
		const counts = async () =>
			Promise.all(
				[schema.carePlan, schema.collabSnapshot, schema.collabVersion].map(
					async (table) => (await db().select({ n: count() }).from(table))[0].n
				)
			);
		const before = await counts();
		await seedDemo(db());
		expect(await counts()).toEqual(before);
	});
});
