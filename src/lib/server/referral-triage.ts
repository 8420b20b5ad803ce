/**
 * Telephone triage of a referral: attempts at a first contact logged, then the first contact and
 * the outcome recorded. Accepting opens the person's caseload episode in the same transaction.
 * One transaction per action, audited on the referral (the episode on the patient).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { ContactMode } from '../domain/referrals';
import { can } from '../domain/roles';
import { triageProblems, type TriageDecision } from '../domain/triage';
import { isUuid } from '../domain/uuid';
import { recordAudit } from './audit';
import type { SessionUser } from './auth';
import { londonToday, openEpisode, openEpisodeOf } from './caseload-episodes';
import type { Db } from './db';
import { contactAttempt, membership, referral, user } from './db/schema';
import { ReferralInputError, ReferralNotFoundError } from './referrals';

/** The referral has been triaged already: nothing more is recorded on it. */
export class ReferralStateError extends Error {}

export const ALREADY_TRIAGED = 'This referral has already been triaged';

async function lockReferral(tx: Db, actor: SessionUser, referralId: string) {
	if (!isUuid(referralId)) throw new ReferralNotFoundError();
	const [row] = await tx
		.select()
		.from(referral)
		.where(and(eq(referral.id, referralId), eq(referral.organisationId, actor.organisationId)))
		.for('update');
	if (!row) throw new ReferralNotFoundError();
	if (row.outcome !== null) throw new ReferralStateError(ALREADY_TRIAGED);
	return row;
}

/** The moment to store for an attempt on a day: now if today, else midday of that day (UTC). */
function attemptMoment(day: string, today: string): Date {
	return day === today ? new Date() : new Date(`${day}T12:00:00Z`);
}

export type ContactAttemptInput = {
	/** `YYYY-MM-DD`, from the day the referral was received up to today. */
	attemptedOn: string;
	mode: ContactMode;
	succeeded: boolean;
	note: string | null;
};

/**
 * Logs an attempt at a first contact. A successful one, when no first contact is recorded yet,
 * becomes it (that day, that method, the caller).
 * @throws ReferralNotFoundError; ReferralStateError once triaged; ReferralInputError
 * (attemptedOn before the referral or in the future)
 */
export async function logContactAttempt(
	db: Db,
	actor: SessionUser,
	referralId: string,
	input: ContactAttemptInput
): Promise<void> {
	await db.transaction(async (tx) => {
		const current = await lockReferral(tx, actor, referralId);
		const today = londonToday();
		if (input.attemptedOn < current.receivedOn) {
			throw new ReferralInputError({
				attemptedOn: 'The attempt cannot be before the referral was received'
			});
		}
		if (input.attemptedOn > today) {
			throw new ReferralInputError({ attemptedOn: 'The attempt cannot be in the future' });
		}
		await tx.insert(contactAttempt).values({
			organisationId: actor.organisationId,
			referralId,
			attemptedAt: attemptMoment(input.attemptedOn, today),
			mode: input.mode,
			succeeded: input.succeeded,
			note: input.note,
			by: actor.id
		});
		const becomesFirstContact = input.succeeded && current.firstContactOn === null;
		if (becomesFirstContact) {
			await tx
				.update(referral)
				.set({
					firstContactOn: input.attemptedOn,
					firstContactMode: input.mode,
					firstContactBy: actor.id,
					updatedAt: new Date()
				})
				.where(eq(referral.id, referralId));
		}
		await recordAudit(tx, {
			action: 'update',
			organisationId: actor.organisationId,
			userId: actor.id,
			entityType: 'referral',
			entityId: referralId,
			after: { attempt: { ...input, note: input.note ? '(recorded)' : null } },
			detail: becomesFirstContact ? 'first contact made' : 'contact attempt'
		});
	});
}

export type TriageInput = TriageDecision & {
	/** Who made the first contact: a member of the PCN who may triage (the caller if null). */
	firstContactById: string | null;
};

/**
 * Records a referral's triage: its first contact (unless three attempts failed) and its outcome.
 * A first contact no successful attempt recorded is logged as one (that day, method and person).
 * Accepting opens a caseload episode (accepted from this referral) unless one is already open.
 * @returns whether an episode was opened
 * @throws ReferralNotFoundError; ReferralStateError once triaged; ReferralInputError with the
 * problems of domain/triage.ts and firstContactBy (not a member who may triage)
 */
export async function recordTriage(
	db: Db,
	actor: SessionUser,
	referralId: string,
	input: TriageInput
): Promise<{ episodeOpened: boolean }> {
	return db.transaction(async (tx) => {
		const current = await lockReferral(tx, actor, referralId);
		const [{ failed, succeeded }] = await tx
			.select({
				failed: sql<number>`(count(*) filter (where not ${contactAttempt.succeeded}))::int`,
				succeeded: sql<number>`(count(*) filter (where ${contactAttempt.succeeded}))::int`
			})
			.from(contactAttempt)
			.where(eq(contactAttempt.referralId, referralId));
		const today = londonToday();
		const problems = triageProblems(
			input,
			{ receivedOn: current.receivedOn, failedAttempts: failed },
			today
		);
		const contacted = input.firstContactOn !== null;
		const by = contacted ? (input.firstContactById ?? actor.id) : null;
		if (by && !(await mayTriage(tx, actor, by))) {
			problems.firstContactBy = 'Choose a member of your PCN who may triage referrals';
		}
		if (Object.keys(problems).length > 0) throw new ReferralInputError(problems);

		const after = {
			firstContactOn: input.firstContactOn,
			firstContactMode: contacted ? input.firstContactMode : null,
			firstContactBy: by,
			outcome: input.outcome,
			outcomeDetail: input.outcomeDetail,
			referredOnTo: input.outcome === 'referred_on' ? input.referredOnTo : null
		};
		await tx
			.update(referral)
			.set({ ...after, triagedAt: new Date(), triagedBy: actor.id, updatedAt: new Date() })
			.where(eq(referral.id, referralId));
		// A first contact is a successful attempt at one: recorded here at triage (not logged as an
		// attempt first), it is logged as one, so that it counts as a contact with the person
		// wherever contacts are read (contact-log.ts: the Contacts tab, "no contact for N days").
		if (contacted && succeeded === 0) {
			await tx.insert(contactAttempt).values({
				organisationId: actor.organisationId,
				referralId,
				attemptedAt: attemptMoment(input.firstContactOn!, today),
				mode: input.firstContactMode!,
				succeeded: true,
				note: null,
				by: by!
			});
		}
		let episodeOpened = false;
		if (input.outcome === 'accepted' && !(await openEpisodeOf(tx, actor, current.patientId))) {
			await openEpisode(tx, actor, current.patientId, {
				reason: 'accepted_from_referral',
				referralId,
				openedOn: today
			});
			episodeOpened = true;
		}
		await recordAudit(tx, {
			action: 'update',
			organisationId: actor.organisationId,
			userId: actor.id,
			entityType: 'referral',
			entityId: referralId,
			before: {
				firstContactOn: current.firstContactOn,
				firstContactMode: current.firstContactMode,
				outcome: null
			},
			after: { ...after, outcomeDetail: after.outcomeDetail ? '(recorded)' : null },
			detail: episodeOpened ? 'triaged; caseload episode opened' : 'triaged'
		});
		return { episodeOpened };
	});
}

async function mayTriage(db: Db, actor: SessionUser, userId: string): Promise<boolean> {
	if (!isUuid(userId)) return false;
	const [row] = await db
		.select({ role: membership.role, active: user.active })
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(and(eq(membership.organisationId, actor.organisationId), eq(membership.userId, userId)));
	return !!row && row.active && can(row.role, 'referral:triage');
}

/** The active members of the caller's PCN who may triage, by name: who made a first contact. */
export async function listTriageStaff(
	db: Db,
	actor: SessionUser
): Promise<{ id: string; name: string }[]> {
	const rows = await db
		.select({ id: user.id, name: user.name, role: membership.role })
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(and(eq(membership.organisationId, actor.organisationId), eq(user.active, true)))
		.orderBy(asc(user.name));
	return rows.filter((r) => can(r.role, 'referral:triage')).map(({ id, name }) => ({ id, name }));
}
