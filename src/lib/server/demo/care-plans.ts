/**
 * The demo's personalised care and support plans: one for everyone on the PCN's MDT agendas (the
 * story follows the reason they are on it, see care-plan-stories.ts), the two frailest others on
 * the open caseload, and one person discharged with their goals met. Each plan is a care plan
 * document built with the checked edits of domain/collab/careplan, stored as the collaboration
 * server stores one (collab_snapshot) and projected into care_plan as the projection does; about
 * half were agreed with the person and have their "Agreed with the person" version. A few reviews
 * are overdue (the agenda's "care plan review due", the worklist's review_overdue).
 *
 * Synthetic and deterministic in content (dates relative to today); a person whose plan document
 * or projected plan exists already is left alone, so seeding twice adds nothing.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import * as Y from 'yjs';
import {
	addGoal,
	addGoalAction,
	aboutMeFragment,
	carePlanFragment,
	contingencyFragment,
	planFragment,
	setFragmentText,
	setHasAdvanceStatement,
	setReview,
	updateGoal,
	updateGoalAction,
	type AboutMeKey,
	type ContingencyTextKey
} from '../../domain/collab/careplan';
import { AGREED_LABEL, agreedHowText } from '../../domain/collab/careplan/agreement';
import { docName, parseDocName, stampSchemaVersion } from '../../domain/collab/documents';
import type { Db } from '../db';
import {
	agendaItem,
	carePlan,
	caseloadEpisode,
	collabSnapshot,
	collabUpdate,
	collabVersion,
	meeting,
	membership,
	patient,
	user
} from '../db/schema';
import { project } from '../projection';
import {
	OTHER_STORIES,
	STORIES,
	STORY_FOR_REASON,
	type CarePlanStory,
	type StoryName
} from './care-plan-stories';

const DAY = 86_400_000;
const dayFrom = (today: Date, days: number) =>
	new Date(today.getTime() + days * DAY).toISOString().slice(0, 10);

type Planned = { patientId: string; story: StoryName };

/** Who gets a plan, and which story: agenda people first, in agenda order. */
async function plannedPeople(db: Db, organisationId: string): Promise<Planned[]> {
	const onAgendas = await db
		.select({ patientId: agendaItem.patientId, reason: agendaItem.reason })
		.from(agendaItem)
		.innerJoin(meeting, eq(meeting.id, agendaItem.meetingId))
		.where(and(eq(agendaItem.organisationId, organisationId), isNotNull(agendaItem.patientId)))
		.orderBy(desc(meeting.startsAt), asc(agendaItem.position));
	const planned = new Map<string, StoryName>();
	for (const { patientId, reason } of onAgendas) {
		const story = STORY_FOR_REASON.find(([pattern]) => pattern.test(reason))?.[1];
		if (patientId && story && !planned.has(patientId)) planned.set(patientId, story);
	}
	const open = await db
		.select({ id: patient.id })
		.from(patient)
		.innerJoin(caseloadEpisode, eq(caseloadEpisode.patientId, patient.id))
		.where(and(eq(patient.organisationId, organisationId), isNull(caseloadEpisode.closedOn)))
		.orderBy(desc(patient.efiDeficits), asc(patient.nhsNumber));
	const others = open.filter((p) => !planned.has(p.id)).slice(0, OTHER_STORIES.length);
	others.forEach((p, i) => planned.set(p.id, OTHER_STORIES[i]));
	// The most recent number first: keeps clear of the first patients, which the tests open.
	const [discharged] = (
		await db
			.select({ id: patient.id })
			.from(patient)
			.innerJoin(caseloadEpisode, eq(caseloadEpisode.patientId, patient.id))
			.where(
				and(
					eq(patient.organisationId, organisationId),
					eq(caseloadEpisode.closeReason, 'goals_met')
				)
			)
			.orderBy(desc(patient.nhsNumber))
	).filter((p) => !planned.has(p.id));
	if (discharged) planned.set(discharged.id, 'goalsMet');
	return [...planned].map(([patientId, story]) => ({ patientId, story }));
}

/** People whose plan exists already, as a document, an edit or a projected plan. */
async function alreadyPlanned(db: Db, patientIds: string[]): Promise<Set<string>> {
	if (patientIds.length === 0) return new Set();
	const names = patientIds.map((id) => docName('careplan', id));
	const [snapshots, updates, projected] = await Promise.all([
		db
			.select({ name: collabSnapshot.docName })
			.from(collabSnapshot)
			.where(inArray(collabSnapshot.docName, names)),
		db
			.selectDistinct({ name: collabUpdate.docName })
			.from(collabUpdate)
			.where(inArray(collabUpdate.docName, names)),
		db
			.select({ id: carePlan.patientId })
			.from(carePlan)
			.where(inArray(carePlan.patientId, patientIds))
	]);
	return new Set([
		...[...snapshots, ...updates].map((r) => parseDocName(r.name)!.id),
		...projected.map((r) => r.id)
	]);
}

type Goals = { goalId: string; actionIds: string[] }[];

/** The plan as first written and agreed: goals not started, their actions open. */
function writePlan(doc: Y.Doc, story: CarePlanStory, today: Date, coordinator: string): Goals {
	let goals: Goals = [];
	doc.transact(() => {
		stampSchemaVersion(doc, 'careplan');
		for (const [key, text] of Object.entries(story.aboutMe)) {
			setFragmentText(aboutMeFragment(doc, key as AboutMeKey), text);
		}
		setFragmentText(carePlanFragment(doc, 'contacts.supportNetwork'), story.supportNetwork);
		setFragmentText(planFragment(doc, 'strengths'), story.strengths);
		setFragmentText(planFragment(doc, 'needs'), story.needs);
		goals = story.goals.map((goal) => {
			const goalId = addGoal(doc, { description: goal.description, importance: goal.importance });
			const actionIds = goal.actions.map((action) =>
				addGoalAction(doc, goalId, {
					what: action.what,
					who: action.who,
					when: dayFrom(today, action.inDays),
					status: 'open',
					confidence: action.confidence
				})!
			);
			return { goalId, actionIds };
		});
		for (const [key, text] of Object.entries(story.contingency)) {
			setFragmentText(contingencyFragment(doc, key as ContingencyTextKey), text);
		}
		setHasAdvanceStatement(doc, story.hasAdvanceStatement ?? false);
		setReview(doc, {
			reviewDate: dayFrom(today, story.reviewInDays),
			responsible: `${coordinator}, care coordinator`,
			preparedBy: coordinator
		});
		if (story.agreed) {
			setReview(doc, {
				agreedWithPerson: true,
				agreedDate: dayFrom(today, -story.agreed.daysAgo),
				agreedHow: agreedHowText(story.agreed.how, story.agreed.details ?? null)
			});
		}
	});
	return goals;
}

/** What has happened since: goals and actions where the story says they are now. */
function recordProgress(doc: Y.Doc, story: CarePlanStory, goals: Goals): void {
	doc.transact(() => {
		story.goals.forEach((goal, g) => {
			const { goalId, actionIds } = goals[g];
			if (goal.status !== 'not_started') updateGoal(doc, goalId, { status: goal.status });
			goal.actions.forEach((action, a) => {
				if (action.status !== 'open') {
					updateGoalAction(doc, goalId, actionIds[a], { status: action.status });
				}
			});
		});
	});
}

/**
 * Seeds a demo PCN's care plans, once per person (see the module's comment). Needs the PCN's
 * meetings (seedDemoMeetings) first, for who is on the agendas; without a care coordinator it
 * seeds nothing.
 */
export async function seedDemoCarePlans(db: Db, organisationId: string, today = new Date()) {
	const [coordinator] = await db
		.select({ id: user.id, name: user.name })
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(
			and(eq(membership.organisationId, organisationId), eq(membership.role, 'care_coordinator'))
		)
		.orderBy(asc(user.email))
		.limit(1);
	if (!coordinator) return;
	const people = await plannedPeople(db, organisationId);
	const done = await alreadyPlanned(
		db,
		people.map((p) => p.patientId)
	);
	for (const { patientId, story: storyName } of people) {
		if (done.has(patientId)) continue;
		const story: CarePlanStory = STORIES[storyName];
		const doc = new Y.Doc();
		const goals = writePlan(doc, story, today, coordinator.name);
		const agreedState = story.agreed ? Y.encodeStateAsUpdate(doc) : null;
		recordProgress(doc, story, goals);
		const name = docName('careplan', patientId);
		await db.transaction(async (tx) => {
			await tx
				.insert(collabSnapshot)
				.values({ docName: name, organisationId, state: Y.encodeStateAsUpdate(doc) })
				.onConflictDoNothing();
			await project(tx as unknown as Db, {
				name: name,
				kind: 'careplan',
				id: patientId,
				organisationId,
				doc
			});
			if (story.agreed && agreedState) {
				const agreedOn = dayFrom(today, -story.agreed.daysAgo);
				await tx.insert(collabVersion).values({
					organisationId,
					docName: name,
					label: AGREED_LABEL,
					state: agreedState,
					createdBy: coordinator.id,
					createdAt: new Date(`${agreedOn}T11:00:00Z`),
					agreedHow: agreedHowText(story.agreed.how, story.agreed.details ?? null),
					agreedOn
				});
			}
		});
		doc.destroy();
	}
}
