/**
 * The PCN's carers register: the personal contacts recorded as someone's unpaid carer (with the
 * person they care for) and the patients who are unpaid carers themselves (the person they care
 * for may not be known to us). A contact carer's assessment and support referral are recorded on
 * their contact row and audited on the person they care for.
 */
import { and, asc, eq, isNotNull, isNull, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { carerAssessmentStatus, type CarerAssessment, type CarersQuery } from '../domain/carers';
import { isUuid } from '../domain/uuid';
import { recordOnPatient } from './audit';
import type { SessionUser } from './auth';
import type { Db } from './db';
import { organisation, patient, personalContact } from './db/schema';

const practice = alias(organisation, 'practice');

export type CarerRow = {
	/** `contact`: someone's personal contact marked as their carer; `patient`: one of ours. */
	kind: 'contact' | 'patient';
	/** The contact's id, or the patient's. */
	id: string;
	name: string;
	/** The carer's own record, when they are one of our patients. */
	patientId: string | null;
	/** The person cared for, when known. */
	caresFor: { id: string; name: string } | null;
	relationship: string | null;
	practice: string;
	offeredOn: string | null;
	completedOn: string | null;
	supportReferral: string | null;
	referredOn: string | null;
};

/** A condition for a carer's assessment `status` on the contact columns. */
function statusCondition(status: CarersQuery['status']): SQL | undefined {
	const c = personalContact;
	if (status === 'completed') return isNotNull(c.carerAssessmentCompletedOn);
	if (status === 'offered') {
		return and(isNotNull(c.carerAssessmentOfferedOn), isNull(c.carerAssessmentCompletedOn));
	}
	if (status === 'not_offered') {
		return and(isNull(c.carerAssessmentOfferedOn), isNull(c.carerAssessmentCompletedOn));
	}
	return undefined;
}

/**
 * The register of the caller's PCN, carers by name. Patients who are carers have no assessment
 * recorded here (the columns are on personal contacts), so they count as "not offered" and leave
 * the list when another status is chosen.
 */
export async function carersRegister(
	db: Db,
	actor: SessionUser,
	query: CarersQuery
): Promise<CarerRow[]> {
	const org = actor.organisationId;
	const byPractice = query.practiceId ? eq(patient.practiceId, query.practiceId) : undefined;
	const [contacts, patients] = await Promise.all([
		db
			.select({
				id: personalContact.id,
				name: personalContact.name,
				relationship: personalContact.relationship,
				offeredOn: personalContact.carerAssessmentOfferedOn,
				completedOn: personalContact.carerAssessmentCompletedOn,
				supportReferral: personalContact.carerSupportReferral,
				referredOn: personalContact.carerSupportReferredOn,
				caresForId: patient.id,
				givenName: patient.givenName,
				familyName: patient.familyName,
				practice: practice.name
			})
			.from(personalContact)
			.innerJoin(patient, eq(patient.id, personalContact.patientId))
			.innerJoin(practice, eq(practice.id, patient.practiceId))
			.where(
				and(
					eq(personalContact.organisationId, org),
					eq(patient.organisationId, org),
					eq(personalContact.isCarer, true),
					statusCondition(query.status),
					byPractice
				)
			)
			.orderBy(asc(personalContact.name), asc(personalContact.id)),
		query.status && query.status !== 'not_offered'
			? []
			: db
					.select({
						id: patient.id,
						givenName: patient.givenName,
						familyName: patient.familyName,
						practice: practice.name
					})
					.from(patient)
					.innerJoin(practice, eq(practice.id, patient.practiceId))
					.where(and(eq(patient.organisationId, org), eq(patient.isUnpaidCarer, true), byPractice))
	]);
	const rows: CarerRow[] = [
		...contacts.map((c) => ({
			kind: 'contact' as const,
			id: c.id,
			name: c.name,
			patientId: null,
			caresFor: { id: c.caresForId, name: `${c.familyName.toUpperCase()}, ${c.givenName}` },
			relationship: c.relationship,
			practice: c.practice,
			offeredOn: c.offeredOn,
			completedOn: c.completedOn,
			supportReferral: c.supportReferral,
			referredOn: c.referredOn
		})),
		...patients.map((p) => ({
			kind: 'patient' as const,
			id: p.id,
			name: `${p.givenName} ${p.familyName}`,
			patientId: p.id,
			caresFor: null,
			relationship: null,
			practice: p.practice,
			offeredOn: null,
			completedOn: null,
			supportReferral: null,
			referredOn: null
		}))
	];
	return rows.sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || (a.id < b.id ? -1 : 1));
}

/** Not a carer among the caller's PCN's personal contacts: callers answer 404. */
export class CarerNotFoundError extends Error {
	constructor() {
		super('Carer not found');
	}
}

/** The contact carer with this id, in the caller's PCN (contact and person cared for alike). */
function ownCarer(actor: SessionUser, contactId: string) {
	return and(
		eq(personalContact.id, contactId),
		eq(personalContact.organisationId, actor.organisationId),
		eq(patient.organisationId, actor.organisationId),
		eq(personalContact.isCarer, true)
	);
}

/**
 * One contact carer of the caller's PCN, with the person they care for.
 * @throws CarerNotFoundError for another PCN's contact, one not marked a carer, or no such id
 */
export async function getCarer(db: Db, actor: SessionUser, contactId: string) {
	if (!isUuid(contactId)) throw new CarerNotFoundError();
	const [row] = await db
		.select({
			id: personalContact.id,
			name: personalContact.name,
			relationship: personalContact.relationship,
			phone: personalContact.phone,
			offeredOn: personalContact.carerAssessmentOfferedOn,
			completedOn: personalContact.carerAssessmentCompletedOn,
			supportReferral: personalContact.carerSupportReferral,
			referredOn: personalContact.carerSupportReferredOn,
			patientId: patient.id,
			givenName: patient.givenName,
			familyName: patient.familyName
		})
		.from(personalContact)
		.innerJoin(patient, eq(patient.id, personalContact.patientId))
		.where(ownCarer(actor, contactId));
	if (!row) throw new CarerNotFoundError();
	return { ...row, status: carerAssessmentStatus(row) };
}

/**
 * Records a contact carer's assessment (offered, completed) and support referral (what, when),
 * as validated by carerAssessmentSubmission; an empty value clears one. One transaction with its
 * audit on the person cared for (before and after).
 * @throws CarerNotFoundError
 */
export async function recordCarerAssessment(
	db: Db,
	actor: SessionUser,
	contactId: string,
	input: CarerAssessment
): Promise<void> {
	if (!isUuid(contactId)) throw new CarerNotFoundError();
	await db.transaction(async (tx) => {
		const [existing] = await tx
			.select({
				patientId: personalContact.patientId,
				offeredOn: personalContact.carerAssessmentOfferedOn,
				completedOn: personalContact.carerAssessmentCompletedOn,
				supportReferral: personalContact.carerSupportReferral,
				referredOn: personalContact.carerSupportReferredOn
			})
			.from(personalContact)
			.innerJoin(patient, eq(patient.id, personalContact.patientId))
			.where(ownCarer(actor, contactId))
			.for('update', { of: personalContact });
		if (!existing) throw new CarerNotFoundError();
		const { patientId, ...before } = existing;
		await tx
			.update(personalContact)
			.set({
				carerAssessmentOfferedOn: input.offeredOn,
				carerAssessmentCompletedOn: input.completedOn,
				carerSupportReferral: input.supportReferral,
				carerSupportReferredOn: input.referredOn
			})
			.where(eq(personalContact.id, contactId));
		await recordOnPatient(tx, actor, patientId, {
			action: 'update',
			before: { carer: { contactId, ...before } },
			after: { carer: { contactId, ...input } },
			detail: 'carer’s assessment recorded'
		});
	});
}
