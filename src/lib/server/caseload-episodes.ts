/**
 * Caseload episodes: a person comes onto the care coordinator's caseload with a reason (accepted
 * from a referral, or proactively identified) and is discharged from it with one (goals met,
 * moved away, declined, died). At most one episode of a person is open at a time (a unique
 * index enforces it too). Each change is audited on the patient, in the caller's transaction.
 */
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { EpisodeCloseReason, EpisodeOpenReason } from '../domain/caseload';
import { formatCalendarDate, londonToday } from '../domain/london-time';
import { mayCoordinateCare } from '../domain/roles';
import { recordOnPatient } from './audit';
import type { SessionUser } from './auth';
import type { Db } from './db';
import { appointment, caseloadEpisode, patient } from './db/schema';
import { requirePatient } from './patient-scope';

export class EpisodeStateError extends Error {}

export const ALREADY_ON_CASELOAD = 'They are already on the caseload';

/** Why nothing new is arranged for someone recorded as having died. */
export function diedMessage(diedOn: string): string {
	return `Recorded as having died (${formatCalendarDate(diedOn)}): nothing new can be arranged for them`;
}

/**
 * The day a patient was recorded as having died (their caseload episode closed with "died"), or
 * null. Services that arrange something new for a person (an episode, an appointment, a
 * referral) refuse once it is set.
 */
export async function diedOn(db: Db, patientId: string): Promise<string | null> {
	const [row] = await db
		.select({ on: caseloadEpisode.closedOn })
		.from(caseloadEpisode)
		.where(and(eq(caseloadEpisode.patientId, patientId), eq(caseloadEpisode.closeReason, 'died')))
		.limit(1);
	return row?.on ?? null;
}
export const NOT_ON_CASELOAD = 'They are not on the caseload';

// Where most services read today from (the rule itself is London time's).
export { londonToday };

/** The person's open episode, if any (of the caller's PCN). */
export async function openEpisodeOf(tx: Db, actor: SessionUser, patientId: string) {
	const [row] = await tx
		.select()
		.from(caseloadEpisode)
		.where(
			and(
				eq(caseloadEpisode.patientId, patientId),
				eq(caseloadEpisode.organisationId, actor.organisationId),
				isNull(caseloadEpisode.closedOn)
			)
		);
	return row ?? null;
}

/** Every episode of a person, newest first. */
export function episodesOf(db: Db, actor: SessionUser, patientId: string) {
	return db
		.select()
		.from(caseloadEpisode)
		.where(
			and(
				eq(caseloadEpisode.patientId, patientId),
				eq(caseloadEpisode.organisationId, actor.organisationId)
			)
		)
		.orderBy(desc(caseloadEpisode.openedOn), desc(caseloadEpisode.createdAt));
}

/**
 * Opens a caseload episode for one patient of the caller's PCN. Pass the transaction when it is
 * part of a larger change (a referral accepted at triage, a patient added).
 * With no care coordinator assigned yet, a care coordinator who opens it becomes theirs.
 * @returns the episode's id
 * @throws PatientNotFoundError; EpisodeStateError(ALREADY_ON_CASELOAD) when one is open, or
 * (diedMessage) when they were recorded as having died
 */
export async function openEpisode(
	tx: Db,
	actor: SessionUser,
	patientId: string,
	episode: { reason: EpisodeOpenReason; referralId?: string | null; openedOn?: string }
): Promise<string> {
	const person = await requirePatient(tx, actor, patientId, { lock: true });
	if (await openEpisodeOf(tx, actor, patientId)) throw new EpisodeStateError(ALREADY_ON_CASELOAD);
	const died = await diedOn(tx, patientId);
	if (died) throw new EpisodeStateError(diedMessage(died));
	const assignCoordinator = person.assignedCoordinatorId === null && mayCoordinateCare(actor.role);
	if (assignCoordinator) {
		await tx
			.update(patient)
			.set({ assignedCoordinatorId: actor.id, updatedAt: new Date() })
			.where(eq(patient.id, patientId));
	}
	const [created] = await tx
		.insert(caseloadEpisode)
		.values({
			organisationId: actor.organisationId,
			patientId,
			openedOn: episode.openedOn ?? londonToday(),
			openReason: episode.reason,
			referralId: episode.referralId ?? null,
			openedBy: actor.id
		})
		.returning({ id: caseloadEpisode.id, openedOn: caseloadEpisode.openedOn });
	await recordOnPatient(tx, actor, patientId, {
		action: 'update',
		after: {
			episode: { openedOn: created.openedOn, reason: episode.reason },
			...(assignCoordinator ? { assignedCoordinatorId: actor.id } : {})
		},
		detail: 'caseload episode opened'
	});
	return created.id;
}

/**
 * Discharges one patient of the caller's PCN from the caseload.
 * @throws PatientNotFoundError; EpisodeStateError(NOT_ON_CASELOAD) when none is open, or with a
 * message for a close date before the episode opened or after today
 */
export async function closeEpisode(
	db: Db,
	actor: SessionUser,
	patientId: string,
	closing: { reason: EpisodeCloseReason; note: string | null; closedOn?: string }
): Promise<void> {
	await db.transaction(async (tx) => {
		await requirePatient(tx, actor, patientId, { lock: true });
		const open = await openEpisodeOf(tx, actor, patientId);
		if (!open) throw new EpisodeStateError(NOT_ON_CASELOAD);
		const closedOn = closing.closedOn ?? londonToday();
		if (closedOn < open.openedOn) {
			throw new EpisodeStateError(
				'The discharge date cannot be before they came onto the caseload'
			);
		}
		if (closedOn > londonToday()) {
			throw new EpisodeStateError('The discharge date cannot be in the future');
		}
		await tx
			.update(caseloadEpisode)
			.set({
				closedOn,
				closeReason: closing.reason,
				closeNote: closing.note,
				closedBy: actor.id,
				updatedAt: new Date()
			})
			.where(eq(caseloadEpisode.id, open.id));
		// Someone who has died keeps no appointments: those booked ahead are cancelled with it.
		const cancelled =
			closing.reason === 'died'
				? await tx
						.update(appointment)
						.set({ status: 'cancelled', updatedAt: new Date() })
						.where(
							and(
								eq(appointment.patientId, patientId),
								eq(appointment.status, 'booked'),
								gt(appointment.startsAt, new Date())
							)
						)
						.returning({ id: appointment.id })
				: [];
		await recordOnPatient(tx, actor, patientId, {
			action: 'update',
			before: { episode: { openedOn: open.openedOn, reason: open.openReason } },
			after: {
				episode: { closedOn, reason: closing.reason, note: closing.note },
				...(cancelled.length ? { appointmentsCancelled: cancelled.map((a) => a.id) } : {})
			},
			detail: 'caseload episode closed'
		});
	});
}
