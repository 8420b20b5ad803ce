/**
 * One referral in full: its patient (for the banner), its attempts at a first contact and its
 * triage. Scoped by the caller's PCN and audited as a view.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { ageOn } from '../domain/age';
import type { Sex } from '../domain/patients';
import type { ContactMode, PresentingNeed, ReferredOnTo } from '../domain/referrals';
import { isUuid } from '../domain/uuid';
import { recordAudit } from './audit';
import type { SessionUser } from './auth';
import { londonToday } from './caseload-episodes';
import type { Db } from './db';
import { contactAttempt, patient, referral, user } from './db/schema';
import { firstContactTargetOf } from './pcn-settings';
import { summaryColumns, toSummary, type ReferralSummary } from './referrals';

export type ContactAttemptView = {
	id: string;
	attemptedAt: Date;
	mode: ContactMode;
	succeeded: boolean;
	note: string | null;
	byName: string;
};

/** One referral with its patient, its attempts at a first contact and its triage. */
export type ReferralDetail = ReferralSummary & {
	patient: ReferralSummary['patient'] & {
		givenName: string;
		familyName: string;
		dateOfBirth: string;
		age: number;
		sex: Sex;
	};
	presentingNeed: PresentingNeed | null;
	firstContactMode: ContactMode | null;
	firstContactBy: { id: string; name: string } | null;
	outcomeDetail: string | null;
	referredOnTo: ReferredOnTo | null;
	triagedAt: Date | null;
	triagedByName: string | null;
	attempts: ContactAttemptView[];
	targetDays: number;
};

/**
 * One referral of the caller's PCN with its attempts, audited as a view; null for an unknown id
 * or another PCN's referral (callers answer 404).
 */
export async function getReferral(
	db: Db,
	actor: SessionUser,
	id: string,
	context: { ip?: string } = {}
): Promise<ReferralDetail | null> {
	if (!isUuid(id)) return null;
	const [row] = await db
		.select({
			...summaryColumns,
			dateOfBirth: patient.dateOfBirth,
			sex: patient.sex,
			presentingNeed: referral.presentingNeed,
			firstContactMode: referral.firstContactMode,
			firstContactById: referral.firstContactBy,
			outcomeDetail: referral.outcomeDetail,
			referredOnTo: referral.referredOnTo,
			triagedAt: referral.triagedAt,
			triagedBy: referral.triagedBy
		})
		.from(referral)
		.innerJoin(patient, eq(patient.id, referral.patientId))
		.where(and(eq(referral.id, id), eq(referral.organisationId, actor.organisationId)));
	if (!row) return null;
	const attempts = await db
		.select({
			id: contactAttempt.id,
			attemptedAt: contactAttempt.attemptedAt,
			mode: contactAttempt.mode,
			succeeded: contactAttempt.succeeded,
			note: contactAttempt.note,
			byName: user.name
		})
		.from(contactAttempt)
		.innerJoin(user, eq(user.id, contactAttempt.by))
		.where(eq(contactAttempt.referralId, id))
		.orderBy(desc(contactAttempt.attemptedAt), desc(contactAttempt.createdAt));
	const names = await namesOf(db, [row.firstContactById, row.triagedBy]);
	const targetDays = await firstContactTargetOf(db, actor);
	await recordAudit(db, {
		action: 'view',
		organisationId: actor.organisationId,
		userId: actor.id,
		entityType: 'referral',
		entityId: id,
		ip: context.ip
	});
	const summary = toSummary(row, targetDays, londonToday());
	return {
		...summary,
		patient: {
			...summary.patient,
			givenName: row.givenName,
			familyName: row.familyName,
			dateOfBirth: row.dateOfBirth,
			age: ageOn(row.dateOfBirth),
			sex: row.sex
		},
		presentingNeed: row.presentingNeed,
		firstContactMode: row.firstContactMode,
		firstContactBy: row.firstContactById
			? { id: row.firstContactById, name: names.get(row.firstContactById) ?? 'Unknown' }
			: null,
		outcomeDetail: row.outcomeDetail,
		referredOnTo: row.referredOnTo,
		triagedAt: row.triagedAt,
		triagedByName: row.triagedBy ? (names.get(row.triagedBy) ?? null) : null,
		attempts,
		targetDays
	};
}

async function namesOf(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
	const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
	if (wanted.length === 0) return new Map();
	const rows = await db
		.select({ id: user.id, name: user.name })
		.from(user)
		.where(inArray(user.id, wanted));
	return new Map(rows.map((r) => [r.id, r.name]));
}
