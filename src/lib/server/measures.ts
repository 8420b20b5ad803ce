/**
 * Outcome measures on a person's record: PAM scores (as the licensed tool produced them, with the
 * level derived from the score) and ONS4 answer sets. Each is one transaction with its audit on
 * the patient; reads are within the caller's PCN.
 */
import { and, asc, eq } from 'drizzle-orm';
import { formatCalendarDate, londonToday } from '../domain/london-time';
import {
	ons4Submission,
	pamSubmission,
	type Ons4Submission,
	type PamSubmission
} from '../domain/measure-submission';
import { ONS4_QUESTIONS } from '../domain/measures';
import { recordOnPatient } from './audit';
import type { SessionUser } from './auth';
import type { Db } from './db';
import { outcomeMeasure, user } from './db/schema';
import { requirePatient } from './patient-scope';

/** A refused measure: a message per field, as the form shows them. */
export class MeasureError extends Error {
	constructor(readonly errors: Record<string, string>) {
		super(Object.values(errors)[0] ?? 'The measure was refused');
	}
}

/**
 * The same kind of measure already recorded for the person on that day, with values that pass
 * `same`: an exact duplicate is refused (a double click, or a second person entering the same
 * paper form). Call inside the transaction that inserts, after locking the person's row
 * (requirePatient with lock), so two requests at once cannot both find none.
 */
async function alreadyRecorded(
	tx: Db,
	patientId: string,
	kind: 'pam' | 'ons4',
	recordedOn: string,
	same: (row: { pamScore: number | null; ons4: unknown }) => boolean
): Promise<boolean> {
	const rows = await tx
		.select({ pamScore: outcomeMeasure.pamScore, ons4: outcomeMeasure.ons4 })
		.from(outcomeMeasure)
		.where(
			and(
				eq(outcomeMeasure.patientId, patientId),
				eq(outcomeMeasure.kind, kind),
				eq(outcomeMeasure.recordedOn, recordedOn)
			)
		);
	return rows.some(same);
}

/** Checks a typed-in measure again on the server (an API caller skips the form). */
function checked<T>(
	result:
		| { success: true; data: T }
		| { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } }
): T {
	if (result.success) return result.data;
	const errors: Record<string, string> = {};
	for (const issue of result.error.issues)
		errors[String(issue.path[0] ?? 'form')] ??= issue.message;
	throw new MeasureError(errors);
}

/**
 * Records a PAM score for a person. The level is derived from the score (PAM_LEVEL_RANGES), never
 * typed; dates in the future or before 2000, scores outside 0–100 and the same score again on
 * the same day are refused.
 * @returns the new measure's id
 * @throws PatientNotFoundError for another PCN's patient; MeasureError for bad input or a
 *   duplicate (on `pamScore`)
 */
export async function recordPam(
	db: Db,
	actor: SessionUser,
	patientId: string,
	input: { recordedOn: string; score: number }
): Promise<string> {
	const pam: PamSubmission = checked(
		pamSubmission(londonToday()).safeParse({
			pamOn: input.recordedOn,
			pamScore: String(input.score)
		})
	);
	return db.transaction(async (tx) => {
		await requirePatient(tx, actor, patientId, { lock: true });
		// Stored as a real (float4): compared in tenths, as the score is typed.
		const tenths = (score: number) => Math.round(score * 10);
		if (
			await alreadyRecorded(tx, patientId, 'pam', pam.recordedOn, (row) =>
				row.pamScore === null ? false : tenths(row.pamScore) === tenths(pam.score)
			)
		) {
			throw new MeasureError({
				pamScore: `A PAM score of ${pam.score.toFixed(1)} is already recorded for ${formatCalendarDate(pam.recordedOn)}`
			});
		}
		const [created] = await tx
			.insert(outcomeMeasure)
			.values({
				organisationId: actor.organisationId,
				patientId,
				kind: 'pam',
				recordedOn: pam.recordedOn,
				pamScore: pam.score,
				pamLevel: pam.level,
				recordedBy: actor.id
			})
			.returning({ id: outcomeMeasure.id });
		await recordOnPatient(tx, actor, patientId, {
			action: 'create',
			after: { pam: { recordedOn: pam.recordedOn, score: pam.score, level: pam.level } },
			detail: 'PAM score recorded'
		});
		return created.id;
	});
}

/**
 * Records a person's ONS4 answers, the four kept apart (never summed). The same four answers
 * again on the same day are refused.
 * @returns the new measure's id
 * @throws PatientNotFoundError for another PCN's patient; MeasureError for bad input or a
 *   duplicate (on `ons4On`)
 */
export async function recordOns4(
	db: Db,
	actor: SessionUser,
	patientId: string,
	input: { recordedOn: string; answers: Record<string, number> }
): Promise<string> {
	const ons4: Ons4Submission = checked(
		ons4Submission(londonToday()).safeParse({
			ons4On: input.recordedOn,
			...Object.fromEntries(Object.entries(input.answers).map(([k, v]) => [k, String(v)]))
		})
	);
	return db.transaction(async (tx) => {
		await requirePatient(tx, actor, patientId, { lock: true });
		if (
			await alreadyRecorded(tx, patientId, 'ons4', ons4.recordedOn, (row) =>
				ONS4_QUESTIONS.every(
					(q) => (row.ons4 as Record<string, unknown> | null)?.[q] === ons4.answers[q]
				)
			)
		) {
			throw new MeasureError({
				ons4On: `These ONS4 answers are already recorded for ${formatCalendarDate(ons4.recordedOn)}`
			});
		}
		const [created] = await tx
			.insert(outcomeMeasure)
			.values({
				organisationId: actor.organisationId,
				patientId,
				kind: 'ons4',
				recordedOn: ons4.recordedOn,
				ons4: ons4.answers,
				recordedBy: actor.id
			})
			.returning({ id: outcomeMeasure.id });
		await recordOnPatient(tx, actor, patientId, {
			action: 'create',
			after: { ons4 },
			detail: 'ONS4 personal wellbeing recorded'
		});
		return created.id;
	});
}

export type MeasureRow = {
	id: string;
	kind: 'pam' | 'ons4';
	recordedOn: string;
	pamScore: number | null;
	pamLevel: number | null;
	ons4: unknown;
	recordedBy: string | null;
	createdAt: Date;
};

/**
 * A person's measures, oldest first, with who recorded each.
 * @throws PatientNotFoundError for another PCN's patient
 */
export async function measuresOf(
	db: Db,
	actor: SessionUser,
	patientId: string
): Promise<MeasureRow[]> {
	await requirePatient(db, actor, patientId);
	return db
		.select({
			id: outcomeMeasure.id,
			kind: outcomeMeasure.kind,
			recordedOn: outcomeMeasure.recordedOn,
			pamScore: outcomeMeasure.pamScore,
			pamLevel: outcomeMeasure.pamLevel,
			ons4: outcomeMeasure.ons4,
			recordedBy: user.name,
			createdAt: outcomeMeasure.createdAt
		})
		.from(outcomeMeasure)
		.leftJoin(user, eq(user.id, outcomeMeasure.recordedBy))
		.where(
			and(
				eq(outcomeMeasure.organisationId, actor.organisationId),
				eq(outcomeMeasure.patientId, patientId)
			)
		)
		.orderBy(asc(outcomeMeasure.recordedOn), asc(outcomeMeasure.createdAt));
}
