/**
 * One patient of the caller's PCN, or not found: the check every service that acts on a person
 * makes first; and what refuses a change to a record (callers turn each into a 404 or a field
 * error).
 */
import { and, eq } from 'drizzle-orm';
import { isUuid } from '../domain/uuid';
import type { SessionUser } from './auth';
import type { Db } from './db';
import { patient } from './db/schema';

/** Not a patient of the caller's PCN (or no patient at all): callers answer 404. */
export class PatientNotFoundError extends Error {
	constructor() {
		super('Patient not found');
	}
}

export class DuplicatePatientError extends Error {
	constructor() {
		super('A patient with this NHS number is already on the caseload');
	}
}

export class UnknownPracticeError extends Error {
	constructor() {
		super('Choose one of your PCN’s practices');
	}
}

/**
 * The patient `patientId` of the caller's PCN. With `lock` (inside a transaction), the row is
 * locked until it ends, so that changes to the person are made one after another.
 * @throws PatientNotFoundError for another PCN's patient or an id that is none
 */
export async function requirePatient(
	db: Db,
	actor: SessionUser,
	patientId: string,
	options: { lock?: boolean } = {}
): Promise<{ id: string; hasUnpaidCarer: boolean; assignedCoordinatorId: string | null }> {
	if (!isUuid(patientId)) throw new PatientNotFoundError();
	const query = db
		.select({
			id: patient.id,
			hasUnpaidCarer: patient.hasUnpaidCarer,
			assignedCoordinatorId: patient.assignedCoordinatorId
		})
		.from(patient)
		.where(and(eq(patient.id, patientId), eq(patient.organisationId, actor.organisationId)));
	const [row] = options.lock ? await query.for('update') : await query;
	if (!row) throw new PatientNotFoundError();
	return row;
}
