import { and, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { carePlanToJson, storedCarePlan, type CarePlanJson } from '../domain/collab/careplan';
import { isUuid } from '../domain/uuid';
import { recordAudit } from './audit';
import type { SessionUser } from './auth';
import type { Db } from './db';
import { carePlan, patient } from './db/schema';

export type CarePlanView = { patientId: string; updatedAt: string | null; plan: CarePlanJson };

/**
 * The patient's current care plan as projected from the live document (within 2 s of the last
 * edit), by PRSB section. A patient with no plan yet gets an empty one. Null for a patient of
 * another organisation.
 */
export async function getCarePlan(
	db: Db,
	actor: SessionUser,
	patientId: string,
	context: { ip?: string } = {}
): Promise<CarePlanView | null> {
	if (!isUuid(patientId)) return null;
	const [row] = await db
		.select({ id: patient.id, content: carePlan.content, updatedAt: carePlan.updatedAt })
		.from(patient)
		.leftJoin(carePlan, eq(carePlan.patientId, patient.id))
		.where(and(eq(patient.id, patientId), eq(patient.organisationId, actor.organisationId)));
	if (!row) return null;
	await recordAudit(db, {
		action: 'view',
		organisationId: actor.organisationId,
		userId: actor.id,
		entityType: 'care_plan',
		entityId: patientId,
		ip: context.ip
	});
	return {
		patientId,
		updatedAt: row.updatedAt?.toISOString() ?? null,
		plan: storedCarePlan(row.content) ?? carePlanToJson(new Y.Doc())
	};
}

/**
 * The plan's planned review date (`YYYY-MM-DD`) as projected from the live document, or null
 * when none is set or the patient has no plan yet. The caller has checked the patient is theirs.
 */
export async function planReviewDate(db: Db, patientId: string): Promise<string | null> {
	if (!isUuid(patientId)) return null;
	const [row] = await db
		.select({ reviewDate: carePlan.reviewDate })
		.from(carePlan)
		.where(eq(carePlan.patientId, patientId));
	return row?.reviewDate ?? null;
}
