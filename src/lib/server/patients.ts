import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { ageOn } from '../domain/age';
import { frailtyCategory, type FrailtyCategory } from '../domain/frailty';
import { normaliseNhsNumber } from '../domain/nhs-number';
import type { AccessibleFormat, ContactMethod, Sex } from '../domain/patients';
import { isUuid } from '../domain/uuid';
import { recordAudit } from './audit';
import { openEpisode } from './caseload-episodes';
import { DuplicatePatientError, UnknownPracticeError } from './patient-scope';

export { DuplicatePatientError, PatientNotFoundError, UnknownPracticeError } from './patient-scope';
import type { SessionUser } from './auth';
import type { Db } from './db';
import { organisation, patient, personalContact, user, type NewPatient } from './db/schema';

/** A patient as the caseload and the JSON API show them. */
export type PatientSummary = {
	id: string;
	nhsNumber: string;
	name: string;
	givenName: string;
	familyName: string;
	dateOfBirth: string;
	age: number;
	sex: Sex;
	practice: { id: string; name: string; odsCode: string };
	postcode: string;
	longTermConditions: string[];
	efiDeficits: number | null;
	frailty: FrailtyCategory | null;
	hasUnpaidCarer: boolean;
};

export type PatientDetail = PatientSummary & {
	ethnicity: string;
	imdDecile: number | null;
	preferredContact: ContactMethod;
	phone: string | null;
	email: string | null;
	isUnpaidCarer: boolean;
	safeguardingConcern: boolean;
	lastDischargeDate: string | null;
	mdtReferralReason: string | null;
	contactPreferences: string | null;
	interpreterLanguage: string | null;
	accessibleFormats: AccessibleFormat[];
	communicationNotes: string | null;
	assignedCoordinator: { id: string; name: string } | null;
	contacts: {
		id: string;
		name: string;
		relationship: string;
		isCarer: boolean;
		isNextOfKin: boolean;
		isEmergencyContact: boolean;
		phone: string | null;
		email: string | null;
		/** A carer's assessment (carers register): when offered and completed, or null. */
		carerAssessmentOfferedOn: string | null;
		carerAssessmentCompletedOn: string | null;
	}[];
};

const practice = alias(organisation, 'practice');
const coordinator = alias(user, 'coordinator');

const summaryColumns = {
	id: patient.id,
	nhsNumber: patient.nhsNumber,
	givenName: patient.givenName,
	familyName: patient.familyName,
	dateOfBirth: patient.dateOfBirth,
	sex: patient.sex,
	postcode: patient.postcode,
	longTermConditions: patient.longTermConditions,
	efiDeficits: patient.efiDeficits,
	hasUnpaidCarer: patient.hasUnpaidCarer,
	practiceId: practice.id,
	practiceName: practice.name,
	practiceOds: practice.odsCode
};

type SummaryRow = Omit<PatientSummary, 'name' | 'age' | 'practice' | 'frailty'> & {
	practiceId: string;
	practiceName: string;
	practiceOds: string;
};

function toSummary(row: SummaryRow, today: Date): PatientSummary {
	return {
		id: row.id,
		nhsNumber: row.nhsNumber,
		name: `${row.givenName} ${row.familyName}`,
		givenName: row.givenName,
		familyName: row.familyName,
		dateOfBirth: row.dateOfBirth,
		age: ageOn(row.dateOfBirth, today),
		sex: row.sex,
		practice: { id: row.practiceId, name: row.practiceName, odsCode: row.practiceOds },
		postcode: row.postcode,
		longTermConditions: row.longTermConditions,
		efiDeficits: row.efiDeficits,
		frailty: row.efiDeficits === null ? null : frailtyCategory(row.efiDeficits),
		hasUnpaidCarer: row.hasUnpaidCarer
	};
}

export type CaseloadQuery = { search?: string; limit?: number; cursor?: string };

export type CaseloadPage = { patients: PatientSummary[]; nextCursor: string | null; total: number };

type Cursor = { f: string; g: string; id: string };

function encodeCursor(c: Cursor): string {
	return Buffer.from(JSON.stringify(c)).toString('base64url');
}

/** Reads a cursor from a client; anything malformed is rejected rather than trusted. */
export function decodeCursor(raw: string): Cursor | null {
	try {
		const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
		if (
			value &&
			typeof value.f === 'string' &&
			typeof value.g === 'string' &&
			typeof value.id === 'string' &&
			isUuid(value.id)
		) {
			return value;
		}
	} catch {
		// fall through
	}
	return null;
}

function searchCondition(search: string | undefined): SQL | undefined {
	const term = search?.trim();
	if (!term) return undefined;
	const digits = normaliseNhsNumber(term);
	if (/^\d{3,10}$/.test(digits)) return sql`${patient.nhsNumber} like ${digits + '%'}`;
	const words = term.split(/\s+/).filter(Boolean);
	const escape = (w: string) => `%${w.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
	return and(
		...words.map((w) =>
			or(ilike(patient.givenName, escape(w)), ilike(patient.familyName, escape(w)))
		)
	);
}

/** The caller's caseload: patients of their organisation, by family name, a page at a time. */
export async function listCaseload(
	db: Db,
	actor: SessionUser,
	query: CaseloadQuery = {}
): Promise<CaseloadPage> {
	const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
	const scope = and(
		eq(patient.organisationId, actor.organisationId),
		searchCondition(query.search)
	);
	const cursor = query.cursor ? decodeCursor(query.cursor) : null;
	const after = cursor
		? sql`(${patient.familyName}, ${patient.givenName}, ${patient.id}) > (${cursor.f}, ${cursor.g}, ${cursor.id})`
		: undefined;
	const rows = await db
		.select(summaryColumns)
		.from(patient)
		.innerJoin(practice, eq(practice.id, patient.practiceId))
		.where(and(scope, after))
		.orderBy(asc(patient.familyName), asc(patient.givenName), asc(patient.id))
		.limit(limit + 1);
	const [{ total }] = await db
		.select({ total: sql<number>`count(*)::int` })
		.from(patient)
		.where(scope);
	const today = new Date();
	const page = rows.slice(0, limit).map((row) => toSummary(row, today));
	const last = rows.length > limit ? rows[limit - 1] : null;
	return {
		patients: page,
		nextCursor: last ? encodeCursor({ f: last.familyName, g: last.givenName, id: last.id }) : null,
		total
	};
}

/**
 * One patient of the caller's organisation, or null — for another organisation's patient too,
 * so that callers answer 404 and nothing reveals that the record exists. Audited as a view.
 */
export async function getPatient(
	db: Db,
	actor: SessionUser,
	id: string,
	context: { ip?: string } = {}
): Promise<PatientDetail | null> {
	if (!isUuid(id)) return null;
	const [row] = await db
		.select({
			...summaryColumns,
			ethnicity: patient.ethnicity,
			imdDecile: patient.imdDecile,
			preferredContact: patient.preferredContact,
			phone: patient.phone,
			email: patient.email,
			isUnpaidCarer: patient.isUnpaidCarer,
			safeguardingConcern: patient.safeguardingConcern,
			lastDischargeDate: patient.lastDischargeDate,
			mdtReferralReason: patient.mdtReferralReason,
			contactPreferences: patient.contactPreferences,
			interpreterLanguage: patient.interpreterLanguage,
			accessibleFormats: patient.accessibleFormats,
			communicationNotes: patient.communicationNotes,
			coordinatorId: coordinator.id,
			coordinatorName: coordinator.name
		})
		.from(patient)
		.innerJoin(practice, eq(practice.id, patient.practiceId))
		.leftJoin(coordinator, eq(coordinator.id, patient.assignedCoordinatorId))
		.where(and(eq(patient.id, id), eq(patient.organisationId, actor.organisationId)));
	if (!row) return null;
	const contacts = await db
		.select({
			id: personalContact.id,
			name: personalContact.name,
			relationship: personalContact.relationship,
			isCarer: personalContact.isCarer,
			isNextOfKin: personalContact.isNextOfKin,
			isEmergencyContact: personalContact.isEmergencyContact,
			phone: personalContact.phone,
			email: personalContact.email,
			carerAssessmentOfferedOn: personalContact.carerAssessmentOfferedOn,
			carerAssessmentCompletedOn: personalContact.carerAssessmentCompletedOn
		})
		.from(personalContact)
		.where(eq(personalContact.patientId, id))
		.orderBy(asc(personalContact.name));
	await recordAudit(db, {
		action: 'view',
		organisationId: actor.organisationId,
		userId: actor.id,
		entityType: 'patient',
		entityId: id,
		ip: context.ip
	});
	return {
		...toSummary(row, new Date()),
		ethnicity: row.ethnicity,
		imdDecile: row.imdDecile,
		preferredContact: row.preferredContact,
		phone: row.phone,
		email: row.email,
		isUnpaidCarer: row.isUnpaidCarer,
		safeguardingConcern: row.safeguardingConcern,
		lastDischargeDate: row.lastDischargeDate,
		mdtReferralReason: row.mdtReferralReason,
		contactPreferences: row.contactPreferences,
		interpreterLanguage: row.interpreterLanguage,
		accessibleFormats: row.accessibleFormats,
		communicationNotes: row.communicationNotes,
		assignedCoordinator:
			row.coordinatorId && row.coordinatorName
				? { id: row.coordinatorId, name: row.coordinatorName }
				: null,
		contacts
	};
}

/** The practices of the caller's PCN, for forms. */
export function listPractices(db: Db, actor: SessionUser) {
	return db
		.select({ id: organisation.id, name: organisation.name, odsCode: organisation.odsCode })
		.from(organisation)
		.where(and(eq(organisation.parentId, actor.organisationId), eq(organisation.kind, 'practice')))
		.orderBy(asc(organisation.name));
}

export type PatientInput = Omit<NewPatient, 'id' | 'organisationId' | 'createdAt' | 'updatedAt'>;

/**
 * Adds a patient to the caller's organisation, audited in the same transaction; with
 * `onCaseload`, also opens their caseload episode (proactively identified) in it.
 * @throws UnknownPracticeError, DuplicatePatientError
 */
export async function createPatient(
	db: Db,
	actor: SessionUser,
	input: PatientInput,
	options: { onCaseload?: boolean } = {}
): Promise<string> {
	return db.transaction(async (tx) => {
		const [ownPractice] = await tx
			.select({ id: organisation.id })
			.from(organisation)
			.where(
				and(eq(organisation.id, input.practiceId), eq(organisation.parentId, actor.organisationId))
			);
		if (!ownPractice) throw new UnknownPracticeError();
		const [existing] = await tx
			.select({ id: patient.id })
			.from(patient)
			.where(
				and(
					eq(patient.organisationId, actor.organisationId),
					eq(patient.nhsNumber, input.nhsNumber)
				)
			);
		if (existing) throw new DuplicatePatientError();
		const [created] = await tx
			.insert(patient)
			.values({ ...input, organisationId: actor.organisationId })
			.returning();
		await recordAudit(tx, {
			action: 'create',
			organisationId: actor.organisationId,
			userId: actor.id,
			entityType: 'patient',
			entityId: created.id,
			after: created
		});
		if (options.onCaseload) {
			await openEpisode(tx, actor, created.id, { reason: 'proactively_identified' });
		}
		return created.id;
	});
}
