/**
 * The personalised care and support plan as FHIR R4, following the domain primer's mapping: the
 * plan → CarePlan (intent plan), its contingency plan → a second CarePlan `partOf` the first, its
 * goals → Goal (base R4: UK Core has no Goal profile), the actions under each goal → the plan's
 * activities, the planned review → Task coded "Review of care plan", and the team → CareTeam with
 * the care coordinator coded as an occupation. Section texts come from carePlanSections, the one
 * flattening every reader of a plan uses.
 */
import type {
	Annotation,
	CarePlan,
	CarePlanActivity,
	CareTeam,
	CareTeamParticipant,
	Goal,
	Task
} from '@medplum/fhirtypes';
import { carePlanSections } from '../collab/careplan/sections';
import type { GoalActionStatus, GoalJson, GoalStatus } from '../collab/careplan/schema';
import { ROLE_LABELS } from '../roles';
import { SNOMED } from '../snomed';
import { concept, derivedId, instant, ref } from './ids';
import { patientId, patientRef, practitionerRef } from './people';
import type { FhirRecordInput } from './record';

const GOAL_LIFECYCLE: Record<GoalStatus, Goal['lifecycleStatus']> = {
	not_started: 'accepted',
	in_progress: 'active',
	achieved: 'completed',
	no_longer_relevant: 'cancelled'
};

type ActivityStatus = NonNullable<CarePlanActivity['detail']>['status'];
const ACTIVITY_STATUS: Record<GoalActionStatus, ActivityStatus> = {
	open: 'not-started',
	in_progress: 'in-progress',
	done: 'completed',
	cancelled: 'cancelled'
};

export function carePlanId(input: FhirRecordInput): string {
	return derivedId('care-plan', input.patient.id);
}

export function careTeamId(input: FhirRecordInput): string {
	return derivedId('care-team', input.patient.id);
}

function goalId(input: FhirRecordInput, goal: GoalJson): string {
	return derivedId('goal', input.patient.id, goal.id);
}

/** Every non-empty section whose key passes `keep`, as notes "Heading: text". */
function notes(input: FhirRecordInput, keep: (key: string) => boolean): Annotation[] {
	if (!input.carePlan) return [];
	return carePlanSections(input.carePlan.plan)
		.filter((s) => keep(s.key) && s.text.trim() !== '')
		.map((s) => ({
			text: `${s.section === s.heading ? s.heading : `${s.section} — ${s.heading}`}:\n${s.text.trim()}`
		}));
}

function activity(input: FhirRecordInput, goal: GoalJson): CarePlanActivity[] {
	return goal.actions.map((action) => ({
		detail: {
			status: action.status ? ACTIVITY_STATUS[action.status] : 'unknown',
			description: [
				action.what.trim() || '(no description)',
				action.who ? `Who: ${action.who}` : '',
				action.confidence !== null ? `Confidence: ${action.confidence} out of 10` : ''
			]
				.filter(Boolean)
				.join('. '),
			...(action.when ? { scheduledString: action.when } : {}),
			goal: [ref('Goal', goalId(input, goal))]
		}
	}));
}

/**
 * The plan and its contingency plan: two CarePlans, the second `partOf` the first. Active once
 * agreed with the person, a draft until then. None when no plan was started.
 */
export function toCarePlans(input: FhirRecordInput): CarePlan[] {
	if (!input.carePlan) return [];
	const { plan, updatedAt } = input.carePlan;
	const review = plan.carePlan.review;
	const status = review.agreedWithPerson ? 'active' : 'draft';
	const subject = patientRef(input);
	const lastUpdated = { lastUpdated: instant(updatedAt) };
	const main: CarePlan = {
		resourceType: 'CarePlan',
		id: carePlanId(input),
		meta: lastUpdated,
		status,
		intent: 'plan',
		title: 'Personalised care and support plan',
		description: 'Personalised care and support plan (PRSB standard v2.0)',
		subject,
		...(input.coordinator ? { author: practitionerRef(input.coordinator) } : {}),
		careTeam: [ref('CareTeam', careTeamId(input))],
		goal: plan.carePlan.goals.map((g) => ref('Goal', goalId(input, g))),
		activity: plan.carePlan.goals.flatMap((g) => activity(input, g)),
		note: notes(input, (key) => !key.startsWith('contingency.') && !key.startsWith('goal.'))
	};
	const triggers = plan.contingencyPlan.triggerFactors.trim();
	const contingency: CarePlan = {
		resourceType: 'CarePlan',
		id: derivedId('contingency-plan', input.patient.id),
		meta: lastUpdated,
		status,
		intent: 'plan',
		title: 'Contingency plan',
		description: triggers ? `Trigger factors: ${triggers}` : 'Contingency plan',
		subject,
		partOf: [ref('CarePlan', main.id!)],
		note: notes(input, (key) => key.startsWith('contingency.'))
	};
	return [main, contingency].map(withoutEmptyLists);
}

/** FHIR refuses empty arrays: a list with nothing in it is left out. */
function withoutEmptyLists<T extends object>(resource: T): T {
	return Object.fromEntries(
		Object.entries(resource).filter(([, v]) => !(Array.isArray(v) && v.length === 0))
	) as T;
}

/** Each goal of the plan; its importance to the person (1–10) is told in a note, not coded. */
export function toGoals(input: FhirRecordInput): Goal[] {
	if (!input.carePlan) return [];
	return input.carePlan.plan.carePlan.goals.map((goal) => ({
		resourceType: 'Goal',
		id: goalId(input, goal),
		lifecycleStatus: goal.status ? GOAL_LIFECYCLE[goal.status] : 'proposed',
		description: { text: goal.description.trim() || '(no description)' },
		subject: patientRef(input),
		...(goal.importance !== null
			? { note: [{ text: `Importance to the person: ${goal.importance} out of 10` }] }
			: {})
	}));
}

/**
 * The planned review of the plan as a Task coded "Review of care plan" (425268008), due on the
 * review date; none when no review date is set. Who reviews is written as the plan holds it.
 */
export function toReviewTask(input: FhirRecordInput): Task[] {
	const review = input.carePlan?.plan.carePlan.review;
	if (!review?.reviewDate) return [];
	return [
		{
			resourceType: 'Task',
			id: derivedId('care-plan-review', input.patient.id),
			status: 'requested',
			intent: 'plan',
			code: concept('Review of care plan', SNOMED.carePlanReview),
			description: 'Review of the personalised care and support plan',
			focus: ref('CarePlan', carePlanId(input)),
			for: patientRef(input),
			restriction: { period: { end: review.reviewDate } },
			...(review.responsible.trim()
				? { owner: { display: review.responsible.trim() } }
				: input.coordinator
					? { owner: practitionerRef(input.coordinator) }
					: {})
		}
	];
}

/**
 * The care team: the assigned care coordinator (coded 768820003) and everyone who discussed the
 * person at an MDT (their PCN role in words). None when there is nobody to list.
 */
export function toCareTeam(input: FhirRecordInput): CareTeam[] {
	const participants: CareTeamParticipant[] = [];
	const seen = new Set<string>();
	if (input.coordinator) {
		seen.add(input.coordinator.id);
		participants.push({
			role: [concept('Care coordinator', SNOMED.careCoordinator)],
			member: practitionerRef(input.coordinator)
		});
	}
	for (const member of input.discussions.flatMap((d) => d.members)) {
		if (seen.has(member.id)) continue;
		seen.add(member.id);
		participants.push({
			...(member.role ? { role: [concept(ROLE_LABELS[member.role])] } : {}),
			member: practitionerRef(member)
		});
	}
	if (participants.length === 0 && !input.carePlan) return [];
	const { givenName, familyName } = input.patient;
	return [
		withoutEmptyLists<CareTeam>({
			resourceType: 'CareTeam',
			id: careTeamId(input),
			status: 'active',
			name: `Care team of ${givenName} ${familyName}`,
			subject: ref('Patient', patientId(input)),
			participant: participants
		})
	];
}
