/**
 * A person's care plan over time: marking it as agreed with them (a named version with how and
 * when), its versions opened read-only and compared section by section, and restoring one. Every
 * view of a plan as text reads it through carePlanSections, so the versions page, the compare
 * view, the printed plan and the minutes never disagree about what a plan says.
 */
import * as Y from 'yjs';
import {
	AGREED_LABEL,
	agreedHowText,
	agreementProblem,
	type AgreedHow,
	type AgreedVersion
} from '../domain/collab/careplan/agreement';
import { comparePlanSections, CURRENT_PLAN } from '../domain/collab/careplan/compare';
import { carePlanToJson, setReview, type CarePlanJson } from '../domain/collab/careplan';
import { carePlanSections } from '../domain/collab/careplan/sections';
import { changeUpdate, docName } from '../domain/collab/documents';
import { recordOnPatient } from './audit';
import type { SessionUser } from './auth';
import type { DocumentAccess } from './collab-access';
import type { Db } from './db';
import { collabVersion } from './db/schema';
import { requirePatient } from './patient-scope';
import type { RealtimeBridge } from './realtime-bridge';
import { documentContent, getVersion, listVersions, restoreVersion } from './versions';
import { planAgreedRecordText, planReviewRecordText } from '../domain/activity-record';

/** The server's own access to a person's plan, for reads and edits the server makes itself. */
export function carePlanDocument(organisationId: string, patientId: string): DocumentAccess {
	return {
		name: docName('careplan', patientId),
		kind: 'careplan',
		id: patientId,
		organisationId,
		readOnly: false
	};
}

/** Marking as agreed refused, with the reason to show the person who tried. Nothing was saved. */
export class PlanAgreementRefused extends Error {}

export type Agreement = { how: AgreedHow; details: string | null; agreedOn: string };

/** A saved state of a plan read as JSON (a version saved before a schema upgrade is upgraded). */
export function planOfState(state: Uint8Array): CarePlanJson {
	return documentContent('careplan', state) as CarePlanJson;
}

/**
 * Marks the person's plan as agreed with them: saves a version labelled "Agreed with the person"
 * with how and when it was agreed and who recorded it, audited on the person in the same
 * transaction, then records the agreement in the plan's own review section (a server-made edit,
 * as a restore is). The version holds the plan as agreed, review section included.
 * @throws PatientNotFoundError for another PCN's patient
 * @throws PlanAgreementRefused when the plan may not be agreed as it stands (agreementProblem)
 */
export async function agreePlan(
	db: Db,
	live: RealtimeBridge,
	actor: SessionUser,
	patientId: string,
	agreement: Agreement
): Promise<{ versionId: string }> {
	const person = await requirePatient(db, actor, patientId);
	const access = carePlanDocument(actor.organisationId, person.id);
	const agreedHow = agreedHowText(agreement.how, agreement.details);
	const prepared = await live.withDocument(access, (doc) => {
		const problem = agreementProblem(carePlanToJson(doc));
		if (problem) return { problem };
		const update = changeUpdate(doc, (working) =>
			setReview(working, {
				agreedWithPerson: true,
				agreedDate: agreement.agreedOn,
				agreedHow
			})
		);
		return { update, state: Y.mergeUpdates([Y.encodeStateAsUpdate(doc), update]) };
	});
	if ('problem' in prepared) throw new PlanAgreementRefused(prepared.problem);
	// The version and its audit are the record of the agreement, so they commit first; the plan's
	// review section follows it (its edit is stored by the document's own log).
	const versionId = await db.transaction(async (tx) => {
		const [version] = await tx
			.insert(collabVersion)
			.values({
				organisationId: actor.organisationId,
				docName: access.name,
				label: AGREED_LABEL,
				state: prepared.state,
				createdBy: actor.id,
				agreedHow,
				agreedOn: agreement.agreedOn
			})
			.returning({ id: collabVersion.id });
		await recordOnPatient(tx, actor, person.id, {
			action: 'create',
			after: { version: { id: version.id, agreedHow, agreedOn: agreement.agreedOn } },
			detail: `care plan agreed with the person (${agreedHow.toLowerCase()})`
		});
		return version.id;
	});
	await live.applyServerUpdate(access, prepared.update, actor.id);
	return { versionId };
}

/** The plan's versions, newest first: label, who and when, and how and when it was agreed. */
export async function listPlanVersions(db: Db, actor: SessionUser, patientId: string) {
	const person = await requirePatient(db, actor, patientId);
	return listVersions(db, carePlanDocument(actor.organisationId, person.id));
}

/** The plan as it stands now, from the live document. */
export async function currentPlan(
	db: Db,
	live: RealtimeBridge,
	actor: SessionUser,
	patientId: string
): Promise<CarePlanJson> {
	const person = await requirePatient(db, actor, patientId);
	return live.withDocument(carePlanDocument(actor.organisationId, person.id), carePlanToJson);
}

/**
 * The version of the plan last agreed with the person, of those saved at or before `asOf` (any
 * when not given), with its sections; null when none was. The agreement is read from the versions
 * Mark as agreed saves, never from the plan's own review section, which any editor may change.
 * @throws PatientNotFoundError for another PCN's patient
 */
export async function lastAgreement(
	db: Db,
	actor: SessionUser,
	patientId: string,
	asOf?: Date
): Promise<AgreedVersion | null> {
	const versions = await listPlanVersions(db, actor, patientId);
	const agreed = versions.find((v) => v.agreedOn !== null && (!asOf || v.createdAt <= asOf));
	if (!agreed?.agreedOn) return null;
	const opened = await openPlanVersion(db, actor, patientId, agreed.id);
	if (!opened) return null;
	return {
		versionId: agreed.id,
		agreedOn: agreed.agreedOn,
		agreedHow: agreed.agreedHow,
		sections: opened.sections
	};
}

/**
 * One version of the plan, read-only, with its sections; null for an id that is not one of this
 * person's plan's versions.
 * @throws PatientNotFoundError for another PCN's patient
 */
export async function openPlanVersion(
	db: Db,
	actor: SessionUser,
	patientId: string,
	versionId: string
) {
	const person = await requirePatient(db, actor, patientId);
	const version = await getVersion(
		db,
		carePlanDocument(actor.organisationId, person.id),
		versionId
	);
	if (!version) return null;
	const { content, ...meta } = version;
	const plan = content as CarePlanJson;
	return { version: meta, plan, sections: carePlanSections(plan) };
}

/**
 * Two versions of the plan compared section by section (`from` the earlier, `to` the later;
 * either may be CURRENT_PLAN, the live plan). Null when either id is not one of this plan's versions.
 * @throws PatientNotFoundError for another PCN's patient
 */
export async function comparePlanVersions(
	db: Db,
	live: RealtimeBridge,
	actor: SessionUser,
	patientId: string,
	ids: { from: string; to: string }
) {
	const side = async (id: string) => {
		if (id === CURRENT_PLAN) {
			const plan = await currentPlan(db, live, actor, patientId);
			return { version: null, sections: carePlanSections(plan) };
		}
		return openPlanVersion(db, actor, patientId, id);
	};
	const [from, to] = await Promise.all([side(ids.from), side(ids.to)]);
	if (!from || !to) return null;
	return {
		from: from.version,
		to: to.version,
		sections: comparePlanSections(from.sections, to.sections)
	};
}

/**
 * Restores a version of the plan as a new edit (history is kept; a restore can itself be undone
 * by restoring another), audited on the person. False for an id that is not one of its versions.
 * @throws PatientNotFoundError for another PCN's patient
 */
export async function restorePlanVersion(
	db: Db,
	live: RealtimeBridge,
	actor: SessionUser,
	patientId: string,
	versionId: string
): Promise<boolean> {
	const person = await requirePatient(db, actor, patientId);
	const access = carePlanDocument(actor.organisationId, person.id);
	const version = await getVersion(db, access, versionId);
	if (!version) return false;
	if (!(await restoreVersion(db, live, actor, access, versionId))) return false;
	await recordOnPatient(db, actor, person.id, {
		action: 'update',
		after: { version: { id: versionId, label: version.label } },
		detail: `care plan version restored: ${version.label}`
	});
	return true;
}

/**
 * Copy to clinical record for a version agreed with the person (null for any other version): the
 * agreement, and — when an earlier version was agreed too, so that this one agrees a reviewed
 * plan — the review of the care plan (SNOMED CT 425268008) with the next review date.
 * @throws PatientNotFoundError for another PCN's patient
 */
export async function agreementRecordText(
	db: Db,
	actor: SessionUser,
	patient: { id: string; givenName: string; familyName: string; nhsNumber: string },
	versionId: string
): Promise<string | null> {
	const opened = await openPlanVersion(db, actor, patient.id, versionId);
	const agreedOn = opened?.version.agreedOn;
	if (!opened || !agreedOn) return null;
	const person = {
		name: `${patient.givenName} ${patient.familyName}`,
		nhsNumber: patient.nhsNumber
	};
	const by = opened.version.createdBy;
	const nextReviewDate = opened.plan.carePlan.review.reviewDate;
	const texts = [
		planAgreedRecordText({
			patient: person,
			agreedOn,
			how: opened.version.agreedHow,
			agreedBy: by,
			reviewDate: nextReviewDate
		})
	];
	// Newest first: an agreed version after this one in the list was agreed before it.
	const versions = await listPlanVersions(db, actor, patient.id);
	const earlier = versions.slice(versions.findIndex((v) => v.id === versionId) + 1);
	if (earlier.some((v) => v.agreedOn !== null)) {
		texts.push(
			planReviewRecordText({
				patient: person,
				reviewedOn: agreedOn,
				reviewedBy: by,
				nextReviewDate
			})
		);
	}
	return texts.join('\n\n');
}
