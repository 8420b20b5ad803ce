import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { OPEN_ACTION_STATUSES } from '../domain/actions';
import type { SessionUser } from './auth';
import type { Db } from './db';
import { carePlan, mdtAction, outcomeMeasure } from './db/schema';
import { getPatient, type PatientDetail } from './patients';

export type MdtSummary = PatientDetail & {
	pamLevel: number | null;
	pamRecordedOn: string | null;
	openActions: number;
	planReviewDate: string | null;
};

/** What the MDT needs on screen while a patient is discussed (audited as a view). */
export async function mdtSummary(
	db: Db,
	actor: SessionUser,
	patientId: string,
	context: { ip?: string } = {}
): Promise<MdtSummary | null> {
	const detail = await getPatient(db, actor, patientId, context);
	if (!detail) return null;
	const [[pam], [plan], [actions]] = await Promise.all([
		db
			.select({ level: outcomeMeasure.pamLevel, on: outcomeMeasure.recordedOn })
			.from(outcomeMeasure)
			.where(and(eq(outcomeMeasure.patientId, patientId), eq(outcomeMeasure.kind, 'pam')))
			.orderBy(desc(outcomeMeasure.recordedOn))
			.limit(1),
		db
			.select({ reviewDate: carePlan.reviewDate })
			.from(carePlan)
			.where(eq(carePlan.patientId, patientId)),
		db
			.select({ n: count() })
			.from(mdtAction)
			.where(
				and(eq(mdtAction.patientId, patientId), inArray(mdtAction.status, OPEN_ACTION_STATUSES))
			)
	]);
	return {
		...detail,
		pamLevel: pam?.level ?? null,
		pamRecordedOn: pam?.on ?? null,
		openActions: actions?.n ?? 0,
		planReviewDate: plan?.reviewDate ?? null
	};
}
