/**
 * Two components of Universal Personalised Care (NHS England) the coordinator records on a
 * person: preparing them for a shared decision-making conversation (which decision, which NHS
 * decision support tool was shared, the outcome) and their personal health budget's status
 * (discussed, eligible, in place, reviewed; amount and review date). Each entry is one
 * transaction, audited on the patient.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { HealthBudgetStatus } from '../domain/personalised-care';
import { recordOnPatient } from './audit';
import type { SessionUser } from './auth';
import { londonToday } from './caseload-episodes';
import type { Db } from './db';
import { healthBudget, sharedDecision, user } from './db/schema';
import { requirePatient } from './patient-scope';

/** A refused entry: `field` names the form field to show `message` on. */
export class PersonalisedCareError extends Error {
	constructor(
		readonly field: string,
		message: string
	) {
		super(message);
	}
}

export type SharedDecisionInput = {
	decision: string;
	decisionSupportTool: string | null;
	/** `YYYY-MM-DD`, not in the future. */
	preparedOn: string;
	outcome: string | null;
};

export type HealthBudgetInput = {
	status: HealthBudgetStatus;
	/** `YYYY-MM-DD`, not in the future. */
	recordedOn: string;
	/** A year's budget in pence, or null until one is set. */
	amountPence: number | null;
	/** `YYYY-MM-DD`, after `recordedOn`, or null. */
	reviewOn: string | null;
	note: string | null;
};

/**
 * Records that a person was prepared for a shared decision.
 * @throws PatientNotFoundError; PersonalisedCareError('preparedOn') for a day in the future
 */
export async function recordSharedDecision(
	db: Db,
	actor: SessionUser,
	patientId: string,
	input: SharedDecisionInput
): Promise<string> {
	if (input.preparedOn > londonToday()) {
		throw new PersonalisedCareError('preparedOn', 'The date cannot be in the future');
	}
	return db.transaction(async (tx) => {
		await requirePatient(tx, actor, patientId);
		const [created] = await tx
			.insert(sharedDecision)
			.values({ ...input, organisationId: actor.organisationId, patientId, by: actor.id })
			.returning({ id: sharedDecision.id });
		await recordOnPatient(tx, actor, patientId, {
			action: 'create',
			after: { sharedDecision: input },
			detail: 'prepared for a shared decision'
		});
		return created.id;
	});
}

/**
 * Records where a person's personal health budget stands now (the latest entry is current).
 * @throws PatientNotFoundError; PersonalisedCareError for a date in the future or a review
 * date not after it
 */
export async function recordHealthBudget(
	db: Db,
	actor: SessionUser,
	patientId: string,
	input: HealthBudgetInput
): Promise<string> {
	if (input.recordedOn > londonToday()) {
		throw new PersonalisedCareError('recordedOn', 'The date cannot be in the future');
	}
	if (input.reviewOn !== null && input.reviewOn <= input.recordedOn) {
		throw new PersonalisedCareError('reviewOn', 'The review date must be after the date recorded');
	}
	return db.transaction(async (tx) => {
		await requirePatient(tx, actor, patientId);
		const [created] = await tx
			.insert(healthBudget)
			.values({ ...input, organisationId: actor.organisationId, patientId, by: actor.id })
			.returning({ id: healthBudget.id });
		await recordOnPatient(tx, actor, patientId, {
			action: 'create',
			after: { healthBudget: input },
			detail: 'personal health budget recorded'
		});
		return created.id;
	});
}

/** A person's shared decisions and health budget entries, newest first. */
export async function personalisedCareOf(db: Db, actor: SessionUser, patientId: string) {
	const scope = (table: typeof sharedDecision | typeof healthBudget) =>
		and(eq(table.organisationId, actor.organisationId), eq(table.patientId, patientId));
	const [decisions, budgets] = await Promise.all([
		db
			.select({
				id: sharedDecision.id,
				decision: sharedDecision.decision,
				decisionSupportTool: sharedDecision.decisionSupportTool,
				preparedOn: sharedDecision.preparedOn,
				outcome: sharedDecision.outcome,
				by: user.name
			})
			.from(sharedDecision)
			.innerJoin(user, eq(user.id, sharedDecision.by))
			.where(scope(sharedDecision))
			.orderBy(desc(sharedDecision.preparedOn), desc(sharedDecision.createdAt)),
		db
			.select({
				id: healthBudget.id,
				status: healthBudget.status,
				recordedOn: healthBudget.recordedOn,
				amountPence: healthBudget.amountPence,
				reviewOn: healthBudget.reviewOn,
				note: healthBudget.note,
				by: user.name
			})
			.from(healthBudget)
			.innerJoin(user, eq(user.id, healthBudget.by))
			.where(scope(healthBudget))
			.orderBy(desc(healthBudget.recordedOn), desc(healthBudget.createdAt))
	]);
	return { decisions, budgets };
}
