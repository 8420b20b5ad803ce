/**
 * Changing a person's record between meetings: demographics, contact preferences,
 * communication needs, practice, assigned care coordinator, and the people important to them.
 * Every change is one transaction, audited in it with what changed before and after; another
 * PCN's patient or contact is not found (callers answer 404).
 */
import { and, asc, eq } from 'drizzle-orm';
import { mayCoordinateCare, type Role } from '../domain/roles';
import { isUuid } from '../domain/uuid';
import { recordOnPatient } from './audit';
import type { SessionUser } from './auth';
import type { Db } from './db';
import { membership, organisation, patient, personalContact, user } from './db/schema';
import {
	DuplicatePatientError,
	PatientNotFoundError,
	requirePatient,
	UnknownPracticeError
} from './patient-scope';
import type { PatientInput } from './patients';

export { PatientNotFoundError };

export class UnknownCoordinatorError extends Error {
	constructor() {
		super('Choose one of your PCN’s care coordinators');
	}
}

/** The record's fields a form may change (all of the add-patient form, and more). */
export type PatientRecordInput = PatientInput & {
	contactPreferences: string | null;
	interpreterLanguage: string | null;
	accessibleFormats: NonNullable<PatientInput['accessibleFormats']>;
	communicationNotes: string | null;
	assignedCoordinatorId: string | null;
};

/** The active members of the caller's PCN who may be a person's assigned care coordinator. */
export async function listCoordinators(
	db: Db,
	actor: SessionUser
): Promise<{ id: string; name: string }[]> {
	const rows = await db
		.select({ id: user.id, name: user.name, role: membership.role })
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(and(eq(membership.organisationId, actor.organisationId), eq(user.active, true)))
		.orderBy(asc(user.name));
	return rows
		.filter((row) => mayCoordinateCare(row.role as Role))
		.map(({ id, name }) => ({ id, name }));
}

/** The fields of `after` whose value differs from `before`, each side with only those. */
export function changedFields<T extends Record<string, unknown>>(
	before: T,
	after: Partial<T>
): { before: Partial<T>; after: Partial<T> } | null {
	const was: Partial<T> = {};
	const now: Partial<T> = {};
	for (const key of Object.keys(after) as (keyof T)[]) {
		if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
		was[key] = before[key];
		now[key] = after[key];
	}
	return Object.keys(now).length ? { before: was, after: now } : null;
}

/**
 * Saves the record of one patient of the caller's PCN. Returns the names of the fields that
 * changed (none: nothing is written or audited).
 * @throws PatientNotFoundError (not theirs, or no such id), UnknownPracticeError (not one of
 * the PCN's practices), UnknownCoordinatorError (not an active care coordinator of the PCN),
 * DuplicatePatientError (another patient of the PCN has that NHS number).
 */
export async function updatePatient(
	db: Db,
	actor: SessionUser,
	id: string,
	input: PatientRecordInput
): Promise<string[]> {
	if (!isUuid(id)) throw new PatientNotFoundError();
	return db.transaction(async (tx) => {
		const [current] = await tx
			.select()
			.from(patient)
			.where(and(eq(patient.id, id), eq(patient.organisationId, actor.organisationId)))
			.for('update');
		if (!current) throw new PatientNotFoundError();
		const [ownPractice] = await tx
			.select({ id: organisation.id })
			.from(organisation)
			.where(
				and(eq(organisation.id, input.practiceId), eq(organisation.parentId, actor.organisationId))
			);
		if (!ownPractice) throw new UnknownPracticeError();
		if (input.assignedCoordinatorId !== null) {
			const coordinators = await listCoordinators(tx, actor);
			if (!coordinators.some((c) => c.id === input.assignedCoordinatorId)) {
				throw new UnknownCoordinatorError();
			}
		}
		if (input.nhsNumber !== current.nhsNumber) {
			const [other] = await tx
				.select({ id: patient.id })
				.from(patient)
				.where(
					and(
						eq(patient.organisationId, actor.organisationId),
						eq(patient.nhsNumber, input.nhsNumber)
					)
				);
			if (other) throw new DuplicatePatientError();
		}
		const change = changedFields(current as Record<string, unknown>, input);
		if (!change) return [];
		await tx
			.update(patient)
			.set({ ...change.after, updatedAt: new Date() })
			.where(eq(patient.id, id));
		await recordOnPatient(tx, actor, id, {
			action: 'update',
			before: change.before,
			after: change.after
		});
		return Object.keys(change.after);
	});
}

export type ContactInput = {
	name: string;
	relationship: string;
	isCarer: boolean;
	isNextOfKin: boolean;
	isEmergencyContact: boolean;
	phone: string | null;
	email: string | null;
};

type ContactRow = typeof personalContact.$inferSelect;

/**
 * A contact who is an unpaid carer means the person has one: the patient's flag is set with it
 * (never cleared by a contact's change: a carer need not be listed as a contact).
 */
async function flagCarer(
	tx: Db,
	current: { id: string; hasUnpaidCarer: boolean },
	isCarer: boolean
) {
	if (!isCarer || current.hasUnpaidCarer) return false;
	await tx
		.update(patient)
		.set({ hasUnpaidCarer: true, updatedAt: new Date() })
		.where(eq(patient.id, current.id));
	return true;
}

/** Keeps the audit readable: a contact's fields, without its keys and timestamps. */
function contactFields(row: ContactRow): ContactInput {
	const { name, relationship, isCarer, isNextOfKin, isEmergencyContact, phone, email } = row;
	return { name, relationship, isCarer, isNextOfKin, isEmergencyContact, phone, email };
}

/**
 * Adds, changes (`contactId`) or removes (`input` null) one of the people important to a
 * patient. Audited on the patient (the contact is part of their record) with the contact before
 * and after. Returns the contact's id.
 * @throws PatientNotFoundError when the patient, or the contact under them, is not the caller's.
 */
export async function saveContact(
	db: Db,
	actor: SessionUser,
	patientId: string,
	contactId: string | null,
	input: ContactInput | null
): Promise<string> {
	return db.transaction(async (tx) => {
		const owner = await requirePatient(tx, actor, patientId, { lock: true });
		let existing: ContactRow | undefined;
		if (contactId !== null) {
			if (!isUuid(contactId)) throw new PatientNotFoundError();
			[existing] = await tx
				.select()
				.from(personalContact)
				.where(and(eq(personalContact.id, contactId), eq(personalContact.patientId, patientId)));
			if (!existing) throw new PatientNotFoundError();
		}
		let id = existing?.id;
		if (input === null) {
			if (!existing) throw new PatientNotFoundError();
			await tx.delete(personalContact).where(eq(personalContact.id, existing.id));
		} else if (existing) {
			await tx
				.update(personalContact)
				.set({ ...input, updatedAt: new Date() })
				.where(eq(personalContact.id, existing.id));
		} else {
			const [created] = await tx
				.insert(personalContact)
				.values({ ...input, patientId, organisationId: actor.organisationId })
				.returning({ id: personalContact.id });
			id = created.id;
		}
		const carerFlagged = await flagCarer(tx, owner, input?.isCarer ?? false);
		await recordOnPatient(tx, actor, patientId, {
			action: 'update',
			before: existing ? { contact: contactFields(existing) } : null,
			after: {
				...(input ? { contact: input } : {}),
				...(carerFlagged ? { hasUnpaidCarer: true } : {})
			},
			detail: input === null ? 'contact removed' : existing ? 'contact changed' : 'contact added'
		});
		return id!;
	});
}
