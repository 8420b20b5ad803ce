/**
 * One person's whole record as a FHIR R4 Bundle (type collection), for GET /api/patients/:id/fhir:
 * this loader gathers the rows of the caller's PCN and the pure mappers of domain/fhir/ turn them
 * into resources. The export is audited as a view of the record (a read of a whole record is an
 * auditable event: shared/domain/README.md, information governance).
 */
import type { Bundle } from '@medplum/fhirtypes';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import * as Y from 'yjs';
import { carePlanToJson, type CarePlanJson } from '../domain/collab/careplan';
import { patientBundle, type FhirRecordInput, type TeamMember } from '../domain/fhir/bundle';
import type { Role } from '../domain/roles';
import { recordAudit } from './audit';
import type { SessionUser } from './auth';
import type { Db } from './db';
import {
	agendaItem,
	carePlan,
	communityService,
	contactLog,
	mdtAction,
	meeting,
	meetingAttendance,
	membership,
	organisation,
	outcomeMeasure,
	patient,
	personalContact,
	referral,
	safeguardingConcern,
	serviceReferral,
	user
} from './db/schema';
import { PatientNotFoundError, requirePatient } from './patient-scope';

const practice = alias(organisation, 'practice');

/**
 * A stored plan read with every part present: a projection written before a part existed (an
 * older schema version) lacks it, and the mappers read every part.
 */
function completePlan(content: unknown): CarePlanJson {
	const empty = carePlanToJson(new Y.Doc());
	const stored = (content ?? {}) as Partial<CarePlanJson>;
	return {
		schemaVersion: stored.schemaVersion ?? empty.schemaVersion,
		aboutMe: { ...empty.aboutMe, ...stored.aboutMe },
		personalContacts: { ...empty.personalContacts, ...stored.personalContacts },
		carePlan: {
			...empty.carePlan,
			...stored.carePlan,
			goals: Array.isArray(stored.carePlan?.goals) ? stored.carePlan.goals : [],
			review: { ...empty.carePlan.review, ...stored.carePlan?.review }
		},
		contingencyPlan: { ...empty.contingencyPlan, ...stored.contingencyPlan }
	};
}

/**
 * The record of `patientId` as a FHIR R4 Bundle, audited as a view (`detail` says it was an
 * export).
 * @throws PatientNotFoundError for another PCN's patient or an id that is none (callers answer 404)
 */
export async function exportPatientRecord(
	db: Db,
	actor: SessionUser,
	patientId: string,
	context: { ip?: string; now?: Date } = {}
): Promise<Bundle> {
	await requirePatient(db, actor, patientId);
	const org = actor.organisationId;
	const [row] = await db
		.select({
			patient,
			practice: { id: practice.id, name: practice.name, odsCode: practice.odsCode }
		})
		.from(patient)
		.innerJoin(practice, eq(practice.id, patient.practiceId))
		.where(and(eq(patient.id, patientId), eq(patient.organisationId, org)));
	if (!row) throw new PatientNotFoundError();
	const p = row.patient;

	const roles = new Map<string, Role>(
		(
			await db
				.select({ userId: membership.userId, role: membership.role })
				.from(membership)
				.where(eq(membership.organisationId, org))
		).map((m) => [m.userId, m.role])
	);
	const member = (id: string, name: string): TeamMember => ({
		id,
		name,
		role: roles.get(id) ?? null
	});

	const [
		coordinator,
		personalContacts,
		plans,
		actions,
		openConcerns,
		referrals,
		serviceReferrals,
		measures,
		contacts,
		discussed
	] = await Promise.all([
		p.assignedCoordinatorId
			? db
					.select({ id: user.id, name: user.name })
					.from(user)
					.where(eq(user.id, p.assignedCoordinatorId))
			: Promise.resolve([]),
		db
			.select()
			.from(personalContact)
			.where(and(eq(personalContact.patientId, patientId), eq(personalContact.organisationId, org)))
			.orderBy(asc(personalContact.createdAt)),
		db
			.select({ content: carePlan.content, updatedAt: carePlan.updatedAt })
			.from(carePlan)
			.where(and(eq(carePlan.patientId, patientId), eq(carePlan.organisationId, org))),
		db
			.select({ action: mdtAction, assigneeName: user.name })
			.from(mdtAction)
			.innerJoin(user, eq(user.id, mdtAction.assigneeId))
			.where(and(eq(mdtAction.patientId, patientId), eq(mdtAction.organisationId, org)))
			.orderBy(asc(mdtAction.createdAt)),
		db
			.select({
				id: safeguardingConcern.id,
				category: safeguardingConcern.category,
				raisedAt: safeguardingConcern.raisedAt
			})
			.from(safeguardingConcern)
			.where(
				and(
					eq(safeguardingConcern.patientId, patientId),
					eq(safeguardingConcern.organisationId, org),
					isNull(safeguardingConcern.acknowledgedAt)
				)
			)
			.orderBy(asc(safeguardingConcern.raisedAt)),
		db
			.select()
			.from(referral)
			.where(and(eq(referral.patientId, patientId), eq(referral.organisationId, org)))
			.orderBy(asc(referral.receivedOn)),
		db
			.select({ referral: serviceReferral, service: communityService.name, byName: user.name })
			.from(serviceReferral)
			.innerJoin(communityService, eq(communityService.id, serviceReferral.serviceId))
			.innerJoin(user, eq(user.id, serviceReferral.by))
			.where(and(eq(serviceReferral.patientId, patientId), eq(serviceReferral.organisationId, org)))
			.orderBy(asc(serviceReferral.sentOn)),
		db
			.select({ measure: outcomeMeasure, byName: user.name })
			.from(outcomeMeasure)
			.leftJoin(user, eq(user.id, outcomeMeasure.recordedBy))
			.where(and(eq(outcomeMeasure.patientId, patientId), eq(outcomeMeasure.organisationId, org)))
			.orderBy(asc(outcomeMeasure.recordedOn)),
		db
			.select({ contact: contactLog, byName: user.name })
			.from(contactLog)
			.innerJoin(user, eq(user.id, contactLog.by))
			.where(and(eq(contactLog.patientId, patientId), eq(contactLog.organisationId, org)))
			.orderBy(asc(contactLog.occurredAt)),
		db
			.select({
				meetingId: meeting.id,
				itemId: agendaItem.id,
				title: meeting.title,
				startsAt: meeting.startsAt,
				startedAt: meeting.startedAt,
				endedAt: meeting.endedAt
			})
			.from(agendaItem)
			.innerJoin(meeting, eq(meeting.id, agendaItem.meetingId))
			.where(
				and(
					eq(agendaItem.patientId, patientId),
					eq(agendaItem.organisationId, org),
					eq(agendaItem.status, 'discussed'),
					eq(meeting.status, 'ended')
				)
			)
			.orderBy(asc(meeting.startsAt))
	]);

	const meetingIds = [...new Set(discussed.map((d) => d.meetingId))];
	const attendance = meetingIds.length
		? await db
				.select({ meetingId: meetingAttendance.meetingId, id: user.id, name: user.name })
				.from(meetingAttendance)
				.innerJoin(user, eq(user.id, meetingAttendance.userId))
				.where(inArray(meetingAttendance.meetingId, meetingIds))
				.orderBy(asc(meetingAttendance.joinedAt))
		: [];

	const input: FhirRecordInput = {
		exportedAt: context.now ?? new Date(),
		patient: {
			id: p.id,
			nhsNumber: p.nhsNumber,
			givenName: p.givenName,
			familyName: p.familyName,
			dateOfBirth: p.dateOfBirth,
			sex: p.sex,
			postcode: p.postcode,
			phone: p.phone,
			email: p.email,
			efiDeficits: p.efiDeficits,
			practice: row.practice
		},
		coordinator: coordinator[0] ? member(coordinator[0].id, coordinator[0].name) : null,
		personalContacts,
		carePlan: plans[0]
			? { plan: completePlan(plans[0].content), updatedAt: plans[0].updatedAt }
			: null,
		actions: actions.map(({ action, assigneeName }) => ({
			...action,
			assignee: member(action.assigneeId, assigneeName)
		})),
		openConcerns,
		referrals,
		serviceReferrals: serviceReferrals.map(({ referral: r, service, byName }) => ({
			...r,
			service,
			by: member(r.by, byName)
		})),
		measures: measures.map(({ measure: m, byName }) => ({
			...m,
			recordedBy: m.recordedBy && byName ? member(m.recordedBy, byName) : null
		})),
		contacts: contacts.map(({ contact: c, byName }) => ({ ...c, by: member(c.by, byName) })),
		discussions: discussed.map((d) => ({
			meetingId: d.meetingId,
			itemId: d.itemId,
			title: d.title,
			startedAt: d.startedAt ?? d.startsAt,
			endedAt: d.endedAt,
			members: attendance
				.filter((a) => a.meetingId === d.meetingId)
				.map((a) => member(a.id, a.name))
		}))
	};

	await recordAudit(db, {
		action: 'view',
		organisationId: org,
		userId: actor.id,
		entityType: 'patient',
		entityId: patientId,
		ip: context.ip,
		detail: 'exported the record (FHIR R4)'
	});
	return patientBundle(input, { concernFlagged: p.safeguardingConcern });
}
