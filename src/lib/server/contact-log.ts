/**
 * The coordinator's contacts with a person (calls, visits, messages, letters, and those made
 * while triaging a referral: its successful contact attempts) and the appointments and
 * follow-ups they arrange for them, including the follow-up after a hospital discharge. Each
 * change is one transaction, audited on the patient; another PCN's patient or appointment is not
 * found (callers answer 404).
 */
import { and, asc, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import {
	appointmentStatusRefusal,
	type AppointmentKind,
	type AppointmentStatus,
	type ContactKind
} from '../domain/contact-log';
import type { ContactMode } from '../domain/referrals';
import { isUuid } from '../domain/uuid';
import { recordOnPatient } from './audit';
import type { SessionUser } from './auth';
import { diedMessage, diedOn } from './caseload-episodes';
import type { Db } from './db';
import { appointment, contactAttempt, contactLog, patient, referral, user } from './db/schema';
import { PatientNotFoundError, requirePatient } from './patient-scope';

/** A refused contact or appointment: `field` names the form field to show `message` on. */
export class ContactLogError extends Error {
	constructor(
		readonly field: string,
		message: string
	) {
		super(message);
	}
}

export type ContactInput = {
	occurredAt: Date;
	kind: ContactKind;
	withWhom: string;
	summary: string;
	/** Minutes, 1–600; null when not noted. */
	durationMinutes: number | null;
};

export type AppointmentInput = {
	kind: AppointmentKind;
	startsAt: Date;
	/** Minutes, 5–480. */
	durationMinutes: number;
	withWhom: string;
	location: string;
	accessNeeds: string | null;
	remindAt: Date | null;
	note: string | null;
};

/**
 * Logs a contact with (or about) a patient of the caller's PCN.
 * @throws PatientNotFoundError; ContactLogError('occurredAt') for a contact in the future
 */
export async function logContact(
	db: Db,
	actor: SessionUser,
	patientId: string,
	input: ContactInput,
	now = new Date()
): Promise<string> {
	if (input.occurredAt.getTime() > now.getTime() + 60_000) {
		throw new ContactLogError('occurredAt', 'A contact cannot be in the future');
	}
	return db.transaction(async (tx) => {
		await requirePatient(tx, actor, patientId);
		const [created] = await tx
			.insert(contactLog)
			.values({ ...input, organisationId: actor.organisationId, patientId, by: actor.id })
			.returning({ id: contactLog.id });
		await recordOnPatient(tx, actor, patientId, {
			action: 'create',
			after: { contactLog: input },
			detail: 'contact logged'
		});
		return created.id;
	});
}

/** A contact with a person: one logged here, or a first contact made at a referral's triage. */
export type ContactEntry = { id: string; occurredAt: Date; by: string } & (
	| {
			source: 'log';
			kind: ContactKind;
			withWhom: string;
			summary: string;
			durationMinutes: number | null;
	  }
	| {
			source: 'triage';
			mode: ContactMode;
			note: string | null;
			referral: { id: string; receivedOn: string };
	  }
);

/**
 * Whether the person had a contact on or after `day` (`YYYY-MM-DD`): one logged, or a successful
 * attempt at a referral's first contact (triage logs every first contact as one). The worklist's
 * "no contact for N days" reads this; the Contacts tab lists the same two (listContacts).
 */
export function contactSince(patientId: SQL | AnyPgColumn, day: string): SQL<boolean> {
	return sql<boolean>`(exists (select 1 from contact_log c
			where c.patient_id = ${patientId} and c.occurred_at >= ${day}::date)
		or exists (select 1 from contact_attempt a join referral r on r.id = a.referral_id
			where r.patient_id = ${patientId} and a.succeeded and a.attempted_at >= ${day}::date))`;
}

/**
 * A patient's contacts, newest first, with who made each: those logged and the successful
 * attempts at a referral's first contact (as contactSince counts them).
 */
export async function listContacts(
	db: Db,
	actor: SessionUser,
	patientId: string
): Promise<ContactEntry[]> {
	const org = actor.organisationId;
	const [logged, triage] = await Promise.all([
		db
			.select({
				id: contactLog.id,
				occurredAt: contactLog.occurredAt,
				kind: contactLog.kind,
				withWhom: contactLog.withWhom,
				summary: contactLog.summary,
				durationMinutes: contactLog.durationMinutes,
				by: user.name
			})
			.from(contactLog)
			.innerJoin(user, eq(user.id, contactLog.by))
			.where(and(eq(contactLog.organisationId, org), eq(contactLog.patientId, patientId)))
			.orderBy(desc(contactLog.occurredAt))
			.limit(CONTACTS_SHOWN),
		db
			.select({
				id: contactAttempt.id,
				occurredAt: contactAttempt.attemptedAt,
				mode: contactAttempt.mode,
				note: contactAttempt.note,
				by: user.name,
				referralId: referral.id,
				receivedOn: referral.receivedOn
			})
			.from(contactAttempt)
			.innerJoin(referral, eq(referral.id, contactAttempt.referralId))
			.innerJoin(user, eq(user.id, contactAttempt.by))
			.where(
				and(
					eq(contactAttempt.organisationId, org),
					eq(referral.patientId, patientId),
					eq(contactAttempt.succeeded, true)
				)
			)
			.orderBy(desc(contactAttempt.attemptedAt))
			.limit(CONTACTS_SHOWN)
	]);
	return [
		...logged.map((c) => ({ ...c, source: 'log' as const })),
		...triage.map(({ referralId, receivedOn, ...c }) => ({
			...c,
			source: 'triage' as const,
			referral: { id: referralId, receivedOn }
		}))
	]
		.sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime())
		.slice(0, CONTACTS_SHOWN);
}

const CONTACTS_SHOWN = 500;

/**
 * Arranges an appointment for a patient of the caller's PCN, the caller its coordinator.
 * @throws PatientNotFoundError; ContactLogError for a start in the past or a reminder that is
 * past or not before the start
 */
export async function arrangeAppointment(
	db: Db,
	actor: SessionUser,
	patientId: string,
	input: AppointmentInput,
	now = new Date()
): Promise<string> {
	if (input.startsAt.getTime() < now.getTime()) {
		throw new ContactLogError('startsAt', 'An appointment being booked cannot be in the past');
	}
	if (input.remindAt) {
		if (input.remindAt.getTime() >= input.startsAt.getTime()) {
			throw new ContactLogError('remindAt', 'The reminder must be before the appointment');
		}
		if (input.remindAt.getTime() < now.getTime()) {
			throw new ContactLogError('remindAt', 'The reminder cannot be in the past');
		}
	}
	return db.transaction(async (tx) => {
		await requirePatient(tx, actor, patientId);
		const died = await diedOn(tx, patientId);
		if (died) throw new ContactLogError('startsAt', diedMessage(died));
		const [created] = await tx
			.insert(appointment)
			.values({
				...input,
				organisationId: actor.organisationId,
				patientId,
				coordinatorId: actor.id
			})
			.returning({ id: appointment.id });
		await recordOnPatient(tx, actor, patientId, {
			action: 'create',
			after: { appointment: { id: created.id, ...input } },
			detail: 'appointment arranged'
		});
		return created.id;
	});
}

/**
 * Records how an appointment went (or that it was cancelled), as appointmentStatusChoices allows.
 * @throws PatientNotFoundError when it is not this patient's in the caller's PCN;
 * ContactLogError('status') for a change the rule refuses (attended before it has started, a
 * cancelled appointment booked again…)
 */
export async function setAppointmentStatus(
	db: Db,
	actor: SessionUser,
	patientId: string,
	appointmentId: string,
	status: AppointmentStatus,
	now = new Date()
): Promise<void> {
	if (!isUuid(appointmentId) || !isUuid(patientId)) throw new PatientNotFoundError();
	await db.transaction(async (tx) => {
		const [current] = await tx
			.select()
			.from(appointment)
			.where(
				and(
					eq(appointment.id, appointmentId),
					eq(appointment.patientId, patientId),
					eq(appointment.organisationId, actor.organisationId)
				)
			)
			.for('update');
		if (!current) throw new PatientNotFoundError();
		const refusal = appointmentStatusRefusal(current.status, status, {
			started: current.startsAt <= now
		});
		if (refusal) throw new ContactLogError('status', refusal);
		if (status === current.status) return;
		await tx
			.update(appointment)
			.set({ status, updatedAt: new Date() })
			.where(eq(appointment.id, appointmentId));
		await recordOnPatient(tx, actor, current.patientId, {
			action: 'update',
			before: { appointment: { id: appointmentId, status: current.status } },
			after: { appointment: { id: appointmentId, status } },
			detail: 'appointment updated'
		});
	});
}

const appointmentColumns = {
	id: appointment.id,
	patientId: appointment.patientId,
	kind: appointment.kind,
	startsAt: appointment.startsAt,
	durationMinutes: appointment.durationMinutes,
	withWhom: appointment.withWhom,
	location: appointment.location,
	accessNeeds: appointment.accessNeeds,
	remindAt: appointment.remindAt,
	status: appointment.status,
	note: appointment.note,
	coordinator: user.name,
	createdAt: appointment.createdAt,
	updatedAt: appointment.updatedAt
};

/** A patient's appointments, soonest first. */
export function listAppointments(db: Db, actor: SessionUser, patientId: string) {
	return db
		.select(appointmentColumns)
		.from(appointment)
		.innerJoin(user, eq(user.id, appointment.coordinatorId))
		.where(
			and(
				eq(appointment.organisationId, actor.organisationId),
				eq(appointment.patientId, patientId)
			)
		)
		.orderBy(asc(appointment.startsAt))
		.limit(500);
}

/** One appointment of the caller's PCN with its patient's name, or null. */
export async function getAppointment(db: Db, actor: SessionUser, appointmentId: string) {
	if (!isUuid(appointmentId)) return null;
	const [row] = await db
		.select({
			...appointmentColumns,
			givenName: patient.givenName,
			familyName: patient.familyName
		})
		.from(appointment)
		.innerJoin(user, eq(user.id, appointment.coordinatorId))
		.innerJoin(patient, eq(patient.id, appointment.patientId))
		.where(
			and(eq(appointment.id, appointmentId), eq(appointment.organisationId, actor.organisationId))
		);
	return row ?? null;
}

/**
 * The caller's appointments (those they arranged) from `from` until `to` (instants), with each
 * patient's name and NHS number, soonest first: the coordinator's day view.
 */
export function coordinatorAppointments(db: Db, actor: SessionUser, from: Date, to: Date) {
	return db
		.select({
			...appointmentColumns,
			givenName: patient.givenName,
			familyName: patient.familyName,
			nhsNumber: patient.nhsNumber
		})
		.from(appointment)
		.innerJoin(user, eq(user.id, appointment.coordinatorId))
		.innerJoin(patient, eq(patient.id, appointment.patientId))
		.where(
			and(
				eq(appointment.organisationId, actor.organisationId),
				eq(appointment.coordinatorId, actor.id),
				gte(appointment.startsAt, from),
				lt(appointment.startsAt, to)
			)
		)
		.orderBy(asc(appointment.startsAt));
}
