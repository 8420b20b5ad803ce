/**
 * The caseload between meetings: episodes opened and closed with their rules, the worklist's
 * filters and sorts (each checked against the rows it must and must not return), and a person
 * added to an MDT agenda from outside the meeting.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { meetingToJson } from '../../src/lib/domain/collab/meeting';
import { REVIEW_DUE_WITHIN_DAYS } from '../../src/lib/domain/caseload';
import { defaultWorklist, type WorklistQuery } from '../../src/lib/domain/worklist';
import {
	addToAgenda,
	AgendaAdditionRefused,
	ALREADY_ON_AGENDA,
	NOT_SCHEDULED
} from '../../src/lib/server/agenda-additions';
import type { SessionUser } from '../../src/lib/server/auth';
import {
	ALREADY_ON_CASELOAD,
	closeEpisode,
	episodesOf,
	londonToday,
	NOT_ON_CASELOAD,
	openEpisode
} from '../../src/lib/server/caseload-episodes';
import { schema, type Db } from '../../src/lib/server/db';
import { PatientNotFoundError } from '../../src/lib/server/patient-scope';
import { patientTimeline } from '../../src/lib/server/patient-timeline';
import { listPractices } from '../../src/lib/server/patients';
import { realtime } from '../../src/lib/server/realtime-bridge';
import { worklist } from '../../src/lib/server/worklist';
import { describeEachDatabase, signedInAs } from './fixtures';
import { meetingEndDemo } from './meeting-end-fixtures';

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString().slice(0, 10);

/** Every row of a worklist query, page after page. */
async function everyone(db: Db, actor: SessionUser, query: Partial<WorklistQuery>) {
	const rows = [];
	for (let page = 1; ; page++) {
		const found = await worklist(db, actor, { ...defaultWorklist('pcn'), ...query, page });
		rows.push(...found.rows);
		if (page >= found.pages) return { rows, total: found.total };
	}
}

describeEachDatabase('caseload episodes and the worklist', (db) => {
	const demo = meetingEndDemo(db);
	let coordinator: SessionUser;
	let hillside: SessionUser;

	beforeAll(async () => {
		coordinator = demo.coordinator.user;
		hillside = (await signedInAs(db(), 'coordinator@hillside.test')).user;
	});

	/** A Riverside patient with no episode at all. */
	async function neverOnCaseload(): Promise<string> {
		const { rows } = await everyone(db(), coordinator, { episode: 'none' });
		return rows[0].id;
	}

	it('opens one episode at a time, closes it with a reason, and tells the timeline', async () => {
		const patientId = await neverOnCaseload();
		await db().transaction((tx) =>
			openEpisode(tx, coordinator, patientId, { reason: 'proactively_identified' })
		);
		await expect(
			db().transaction((tx) =>
				openEpisode(tx, coordinator, patientId, { reason: 'proactively_identified' })
			)
		).rejects.toThrow(ALREADY_ON_CASELOAD);

		const [open] = await episodesOf(db(), coordinator, patientId);
		for (const [closedOn, message] of [
			[daysAgo(3), 'cannot be before they came onto the caseload'],
			[new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10), 'cannot be in the future']
		]) {
			await expect(
				closeEpisode(db(), coordinator, patientId, { reason: 'goals_met', note: null, closedOn })
			).rejects.toThrow(message);
		}
		expect((await episodesOf(db(), coordinator, patientId))[0].closedOn).toBeNull();
		await closeEpisode(db(), coordinator, patientId, {
			reason: 'moved_away',
			note: 'Moved to live with her son',
			closedOn: open.openedOn
		});
		await expect(
			closeEpisode(db(), coordinator, patientId, { reason: 'goals_met', note: null })
		).rejects.toThrow(NOT_ON_CASELOAD);

		const titles = (await patientTimeline(db(), coordinator, patientId, { kinds: ['record'] })).map(
			(e) => `${e.title}: ${e.detail}`
		);
		expect(titles.slice(0, 2)).toEqual([
			'Discharged from the caseload: Moved away',
			'On the caseload: Proactively identified'
		]);
		const { rows } = await everyone(db(), coordinator, { episode: 'closed' });
		expect(rows.find((r) => r.id === patientId)).toMatchObject({
			episode: null,
			discharged: true
		});
	});

	it('keeps a second open episode out even when written straight to the table', async () => {
		const patientId = await neverOnCaseload();
		const row = {
			organisationId: coordinator.organisationId,
			patientId,
			openedOn: londonToday(),
			openReason: 'proactively_identified' as const
		};
		await db().insert(schema.caseloadEpisode).values(row);
		await expect(db().insert(schema.caseloadEpisode).values(row)).rejects.toThrow();
		const open = await db()
			.select()
			.from(schema.caseloadEpisode)
			.where(
				and(
					eq(schema.caseloadEpisode.patientId, patientId),
					isNull(schema.caseloadEpisode.closedOn)
				)
			);
		expect(open).toHaveLength(1);
	});

	it('refuses another PCN’s patient', async () => {
		const patientId = await neverOnCaseload();
		await expect(
			db().transaction((tx) =>
				openEpisode(tx, hillside, patientId, { reason: 'proactively_identified' })
			)
		).rejects.toBeInstanceOf(PatientNotFoundError);
		expect((await everyone(db(), hillside, {})).rows.some((r) => r.id === patientId)).toBe(false);
	});

	it('splits the PCN by episode status, and "mine" is the people the coordinator has', async () => {
		const all = await everyone(db(), coordinator, {});
		const [open, off, closed, none] = await Promise.all(
			(['open', 'off', 'closed', 'none'] as const).map((episode) =>
				everyone(db(), coordinator, { episode })
			)
		);
		expect(open.total + off.total).toBe(all.total);
		expect(closed.total + none.total).toBe(off.total);
		expect(open.rows.every((r) => r.episode !== null)).toBe(true);
		expect(off.rows.every((r) => r.episode === null)).toBe(true);
		const mine = await everyone(db(), coordinator, { scope: 'mine', episode: 'any' });
		const [{ assigned }] = await db()
			.select({ assigned: schema.patient.assignedCoordinatorId })
			.from(schema.patient)
			.where(eq(schema.patient.id, mine.rows[0].id));
		expect(assigned).toBe(coordinator.id);
		expect(mine.rows.every((r) => r.coordinator === 'Priya Shah')).toBe(true);
		const unassigned = await everyone(db(), coordinator, { coordinatorId: 'none' });
		expect(unassigned.total + mine.total).toBe(all.total);
	});

	it('filters by practice: each practice its own people, together the whole PCN', async () => {
		const all = await everyone(db(), coordinator, {});
		const practices = await listPractices(db(), coordinator);
		expect(practices.length).toBeGreaterThan(1);
		let total = 0;
		for (const practice of practices) {
			const found = await everyone(db(), coordinator, { practiceId: practice.id });
			expect(found.total, practice.name).toBeGreaterThan(0);
			expect(found.rows.every((r) => r.practice === practice.name)).toBe(true);
			total += found.total;
		}
		expect(total).toBe(all.total);
		// Another PCN's practice holds none of this PCN's people.
		const [theirs] = await listPractices(db(), hillside);
		expect((await everyone(db(), coordinator, { practiceId: theirs.id })).total).toBe(0);
	});

	it('finds each risk reason, and only those who have it', async () => {
		const { rows } = await everyone(db(), coordinator, { episode: 'none' });
		// People without a plan (the demo gives some of them one, with its own review date).
		const [discharged, lowActivation, overdue, concern] = rows
			.filter((r) => r.reviewDate === null)
			.slice(-4)
			.map((r) => r.id);
		await db()
			.update(schema.patient)
			.set({ lastDischargeDate: daysAgo(3) })
			.where(eq(schema.patient.id, discharged));
		await db()
			.insert(schema.outcomeMeasure)
			.values([
				// The latest PAM counts: level 3 long ago, level 1 last week.
				{
					organisationId: coordinator.organisationId,
					patientId: lowActivation,
					kind: 'pam',
					recordedOn: daysAgo(400),
					pamScore: 60,
					pamLevel: 3
				},
				{
					organisationId: coordinator.organisationId,
					patientId: lowActivation,
					kind: 'pam',
					recordedOn: daysAgo(7),
					pamScore: 40,
					pamLevel: 1
				}
			]);
		await db()
			.insert(schema.carePlan)
			.values({
				patientId: overdue,
				organisationId: coordinator.organisationId,
				schemaVersion: 1,
				content: {},
				reviewDate: daysAgo(1)
			});
		await db()
			.update(schema.patient)
			.set({ safeguardingConcern: true })
			.where(eq(schema.patient.id, concern));

		const expected = {
			recent_discharge: discharged,
			pam_level_1: lowActivation,
			review_overdue: overdue,
			safeguarding: concern
		} as const;
		for (const [risk, id] of Object.entries(expected)) {
			const found = await everyone(db(), coordinator, { risks: [risk as keyof typeof expected] });
			expect(found.rows.map((r) => r.id)).toContain(id);
			expect(found.rows.every((r) => r.risks.includes(risk as keyof typeof expected))).toBe(true);
		}
		const frail = await everyone(db(), coordinator, { risks: ['frailty'] });
		expect(frail.rows.every((r) => r.frailty === 'moderate' || r.frailty === 'severe')).toBe(true);
		// Due: overdue or due within REVIEW_DUE_WITHIN_DAYS; the demo's plans are due on many days.
		const dueBy = new Date(Date.parse(`${londonToday()}T00:00:00Z`) + REVIEW_DUE_WITHIN_DAYS * DAY)
			.toISOString()
			.slice(0, 10);
		const due = await everyone(db(), coordinator, { reviewDue: true });
		expect(due.rows.map((r) => r.id)).toContain(overdue);
		expect(due.rows.every((r) => r.reviewDate !== null && r.reviewDate <= dueBy)).toBe(true);
		const plans = await db()
			.select({ id: schema.carePlan.patientId, reviewDate: schema.carePlan.reviewDate })
			.from(schema.carePlan)
			.where(eq(schema.carePlan.organisationId, coordinator.organisationId));
		expect(due.rows.map((r) => r.id).sort()).toEqual(
			plans
				.filter((p) => p.reviewDate !== null && p.reviewDate <= dueBy)
				.map((p) => p.id)
				.sort()
		);
		expect(plans.some((p) => p.reviewDate !== null && p.reviewDate > dueBy)).toBe(true);
		// Not on the caseload but at risk: the proactive identification list has all four.
		const proactive = await everyone(db(), coordinator, {
			episode: 'off',
			risks: ['frailty', 'recent_discharge', 'pam_level_1', 'review_overdue', 'safeguarding'],
			sort: 'risks'
		});
		expect(proactive.rows.map((r) => r.id)).toEqual(
			expect.arrayContaining(Object.values(expected))
		);
	});

	it('sorts by any column, pages without gaps, and searches by name or NHS number', async () => {
		const byAge = await everyone(db(), coordinator, { sort: 'age' });
		const ages = byAge.rows.map((r) => r.age);
		expect(ages).toEqual([...ages].sort((a, b) => a - b));
		expect(new Set(byAge.rows.map((r) => r.id)).size).toBe(byAge.total);
		const byFrailtyDesc = await everyone(db(), coordinator, { sort: 'frailty', direction: 'desc' });
		expect(byFrailtyDesc.rows[0].frailty).toBe('severe');
		const [someone] = byAge.rows;
		const byNumber = await everyone(db(), coordinator, { search: someone.nhsNumber });
		expect(byNumber.rows.map((r) => r.id)).toEqual([someone.id]);
		const byName = await everyone(db(), coordinator, { search: someone.familyName.toLowerCase() });
		expect(byName.rows.map((r) => r.id)).toContain(someone.id);
	});

	it('adds a person to a scheduled meeting’s agenda once, and never to an ended one', async () => {
		const patientId = await neverOnCaseload();
		const meeting = await demo.meeting('Frailty MDT');
		const live = realtime()!;
		const input = { meetingId: meeting.id, patientId, reason: 'Discharged in the last 14 days' };
		const itemId = await addToAgenda(db(), live, coordinator, input);
		const agenda = await live.withDocument(
			{
				name: `meeting:${meeting.id}`,
				kind: 'meeting',
				id: meeting.id,
				organisationId: coordinator.organisationId,
				readOnly: true
			},
			(doc) => meetingToJson(doc).agenda
		);
		expect(agenda.find((item) => item.id === itemId)).toMatchObject({
			patientId,
			reason: 'Discharged in the last 14 days'
		});
		await expect(addToAgenda(db(), live, coordinator, input)).rejects.toThrow(ALREADY_ON_AGENDA);
		await expect(
			addToAgenda(db(), live, hillside, { ...input, patientId: await neverOnCaseload() })
		).rejects.toBeInstanceOf(AgendaAdditionRefused);
		await db()
			.update(schema.meeting)
			.set({ status: 'ended', endedAt: new Date() })
			.where(eq(schema.meeting.id, meeting.id));
		const other = (await everyone(db(), coordinator, { episode: 'none' })).rows[1].id;
		await expect(
			addToAgenda(db(), live, coordinator, { ...input, patientId: other })
		).rejects.toThrow(NOT_SCHEDULED);
	});
});
