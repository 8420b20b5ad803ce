/**
 * Referrals to the care coordination service: received (the referrals inbox), then triaged
 * (referral-triage.ts). Every query is scoped by the caller's PCN: another PCN's referral is not
 * found. Views and changes are audited (entityType 'referral').
 */
import { and, desc, eq, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import {
	FAILED_ATTEMPTS_BEFORE_DECISION,
	TRIAGE_OUTCOMES,
	type PresentingNeed,
	type ReferralSource,
	type ReferralUrgency,
	type TriageOutcome
} from '../domain/referrals';
import { isUuid } from '../domain/uuid';
import {
	addWorkingDays,
	firstContactTiming,
	type FirstContactTiming
} from '../domain/working-days';
import { recordAudit } from './audit';
import type { SessionUser } from './auth';
import { diedMessage, diedOn, londonToday } from './caseload-episodes';
import { formatCalendarDate } from '../domain/london-time';
import type { Db } from './db';
import { contactAttempt, patient, referral } from './db/schema';
import { firstContactTargetOf } from './pcn-settings';

/** Not a referral of the caller's PCN (or none at all): callers answer 404. */
export class ReferralNotFoundError extends Error {
	constructor() {
		super('Referral not found');
	}
}

/** A referral refused field by field (names as in the forms); nothing was saved. */
export class ReferralInputError extends Error {
	constructor(readonly errors: Record<string, string>) {
		super(Object.values(errors)[0] ?? 'The referral was refused');
	}
}

export const NO_SUCH_PATIENT = 'No patient with this NHS number is on your PCN’s list';

export type ReferralInput = {
	/** Ten digits, already checked (modulus 11) by the form. */
	nhsNumber: string;
	source: ReferralSource;
	reason: string;
	/** The main need, for reports (the form asks for it; older callers may leave it out). */
	presentingNeed?: PresentingNeed | null;
	urgency: ReferralUrgency;
	referrer: string;
	/** `YYYY-MM-DD`, not after today. */
	receivedOn: string;
};

/**
 * Records a referral received for a patient of the caller's PCN, found by NHS number. Audited.
 * @returns the referral's id
 * @throws ReferralInputError (nhsNumber: no such patient in the PCN, recorded as having died, or
 * the same referral already waiting (same source, day and reason); receivedOn: in the future)
 */
export async function createReferral(
	db: Db,
	actor: SessionUser,
	input: ReferralInput
): Promise<string> {
	if (input.receivedOn > londonToday()) {
		throw new ReferralInputError({ receivedOn: 'The date received cannot be in the future' });
	}
	return db.transaction(async (tx) => {
		const [person] = await tx
			.select({ id: patient.id })
			.from(patient)
			.where(
				and(
					eq(patient.organisationId, actor.organisationId),
					eq(patient.nhsNumber, input.nhsNumber)
				)
			);
		if (!person) throw new ReferralInputError({ nhsNumber: NO_SUCH_PATIENT });
		const died = await diedOn(tx, person.id);
		if (died) throw new ReferralInputError({ nhsNumber: diedMessage(died) });
		// The same referral saved twice (a double submission, or a second copy of the same letter)
		// is one referral: same source, day and reason, still waiting.
		const [twin] = await tx
			.select({ id: referral.id })
			.from(referral)
			.where(
				and(
					eq(referral.patientId, person.id),
					eq(referral.source, input.source),
					eq(referral.receivedOn, input.receivedOn),
					eq(referral.reason, input.reason),
					isNull(referral.outcome)
				)
			)
			.limit(1);
		if (twin) {
			throw new ReferralInputError({
				nhsNumber: `This referral is already in the inbox, waiting for triage (received ${formatCalendarDate(input.receivedOn)}, the same source and reason)`
			});
		}
		const [created] = await tx
			.insert(referral)
			.values({
				organisationId: actor.organisationId,
				patientId: person.id,
				source: input.source,
				reason: input.reason,
				presentingNeed: input.presentingNeed ?? null,
				urgency: input.urgency,
				referrer: input.referrer,
				receivedOn: input.receivedOn,
				createdBy: actor.id
			})
			.returning({ id: referral.id });
		await recordAudit(tx, {
			action: 'create',
			organisationId: actor.organisationId,
			userId: actor.id,
			entityType: 'referral',
			entityId: created.id,
			after: {
				patientId: person.id,
				source: input.source,
				urgency: input.urgency,
				receivedOn: input.receivedOn
			}
		});
		return created.id;
	});
}

export const REFERRAL_STATUSES = ['open', 'triaged', 'all'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export type ReferralFilters = {
	/** open: no outcome yet; triaged: an outcome recorded. Default open. */
	status?: ReferralStatus;
	source?: ReferralSource;
	urgency?: ReferralUrgency;
	/** Only those with no first contact and no outcome whose due day has passed. */
	overdue?: boolean;
	/** Only those triaged with this outcome. */
	outcome?: TriageOutcome;
	/** Only one person's (their record's Referrals tab). */
	patientId?: string;
};

export type ReferralQuery = ReferralFilters & { limit?: number; cursor?: string };

/** A referral as the inbox and the JSON API show it. */
export type ReferralSummary = {
	id: string;
	patient: { id: string; name: string; nhsNumber: string };
	source: ReferralSource;
	reason: string;
	urgency: ReferralUrgency;
	referrer: string;
	receivedOn: string;
	firstContactOn: string | null;
	outcome: TriageOutcome | null;
	failedAttempts: number;
	/** Three failed attempts and still no first contact nor outcome: the coordinator decides. */
	decisionDue: boolean;
	timing: FirstContactTiming;
};

export type ReferralPage = {
	referrals: ReferralSummary[];
	nextCursor: string | null;
	total: number;
	/** The PCN's first-contact target, in working days. */
	targetDays: number;
};

type Cursor = { r: string; id: string };

function encodeCursor(c: Cursor): string {
	return Buffer.from(JSON.stringify(c)).toString('base64url');
}

/** Reads a cursor from a client; anything malformed is rejected rather than trusted. */
export function decodeReferralCursor(raw: string): Cursor | null {
	try {
		const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
		if (
			value &&
			typeof value.r === 'string' &&
			/^\d{4}-\d{2}-\d{2}$/.test(value.r) &&
			isUuid(value.id)
		) {
			return { r: value.r, id: value.id };
		}
	} catch {
		// fall through
	}
	return null;
}

/**
 * The latest day a referral could have been received and be overdue today: its due day
 * (`targetDays` working days on) is before today. Due days never go back as the received day
 * moves on, so every referral received on or before this day is past its due day.
 */
export function latestOverdueReceivedOn(targetDays: number, today: string): string {
	let day = new Date(`${today}T00:00:00Z`);
	for (;;) {
		day = new Date(day.getTime() - 86_400_000);
		const received = day.toISOString().slice(0, 10);
		if (addWorkingDays(received, targetDays) < today) return received;
	}
}

const failedAttempts = sql<number>`(select count(*)::int from ${contactAttempt}
	where ${contactAttempt.referralId} = ${referral.id} and not ${contactAttempt.succeeded})`;

/** The columns of a ReferralSummary (referral joined to its patient). */
export const summaryColumns = {
	id: referral.id,
	patientId: patient.id,
	givenName: patient.givenName,
	familyName: patient.familyName,
	nhsNumber: patient.nhsNumber,
	source: referral.source,
	reason: referral.reason,
	urgency: referral.urgency,
	referrer: referral.referrer,
	receivedOn: referral.receivedOn,
	firstContactOn: referral.firstContactOn,
	outcome: referral.outcome,
	failedAttempts
};

type SummaryRow = {
	id: string;
	patientId: string;
	givenName: string;
	familyName: string;
	nhsNumber: string;
	source: ReferralSource;
	reason: string;
	urgency: ReferralUrgency;
	referrer: string;
	receivedOn: string;
	firstContactOn: string | null;
	outcome: TriageOutcome | null;
	failedAttempts: number;
};

/** A row of summaryColumns as the inbox shows it, timed against the PCN's target. */
export function toSummary(row: SummaryRow, targetDays: number, today: string): ReferralSummary {
	return {
		id: row.id,
		patient: {
			id: row.patientId,
			name: `${row.familyName.toUpperCase()}, ${row.givenName}`,
			nhsNumber: row.nhsNumber
		},
		source: row.source,
		reason: row.reason,
		urgency: row.urgency,
		referrer: row.referrer,
		receivedOn: row.receivedOn,
		firstContactOn: row.firstContactOn,
		outcome: row.outcome,
		failedAttempts: row.failedAttempts,
		decisionDue:
			row.outcome === null &&
			row.firstContactOn === null &&
			row.failedAttempts >= FAILED_ATTEMPTS_BEFORE_DECISION,
		timing: firstContactTiming(row, targetDays, today)
	};
}

function filterConditions(filters: ReferralFilters, targetDays: number, today: string) {
	const status = filters.status ?? 'open';
	const conditions: (SQL | undefined)[] = [
		status === 'open' ? isNull(referral.outcome) : undefined,
		status === 'triaged' ? isNotNull(referral.outcome) : undefined,
		filters.source ? eq(referral.source, filters.source) : undefined,
		filters.urgency ? eq(referral.urgency, filters.urgency) : undefined,
		filters.outcome ? eq(referral.outcome, filters.outcome) : undefined,
		filters.patientId ? eq(referral.patientId, filters.patientId) : undefined
	];
	if (filters.overdue) {
		conditions.push(
			isNull(referral.firstContactOn),
			isNull(referral.outcome),
			lte(referral.receivedOn, latestOverdueReceivedOn(targetDays, today))
		);
	}
	return conditions;
}

/**
 * The referrals inbox of the caller's PCN: newest received first, a page at a time (`limit`
 * 1–500, default 50; `cursor` from the previous page). Audited as a view of the list.
 */
export async function listReferrals(
	db: Db,
	actor: SessionUser,
	query: ReferralQuery = {},
	context: { ip?: string } = {}
): Promise<ReferralPage> {
	const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
	const today = londonToday();
	const targetDays = await firstContactTargetOf(db, actor);
	const scope = and(
		eq(referral.organisationId, actor.organisationId),
		...filterConditions(query, targetDays, today)
	);
	const cursor = query.cursor ? decodeReferralCursor(query.cursor) : null;
	const after = cursor
		? sql`(${referral.receivedOn}, ${referral.id}) < (${cursor.r}, ${cursor.id})`
		: undefined;
	const rows = await db
		.select(summaryColumns)
		.from(referral)
		.innerJoin(patient, eq(patient.id, referral.patientId))
		.where(and(scope, after))
		.orderBy(desc(referral.receivedOn), desc(referral.id))
		.limit(limit + 1);
	const [{ total }] = await db
		.select({ total: sql<number>`count(*)::int` })
		.from(referral)
		.where(scope);
	await recordAudit(db, {
		action: 'view',
		organisationId: actor.organisationId,
		userId: actor.id,
		entityType: 'referral',
		ip: context.ip,
		detail: 'referrals list',
		after: { ...query, cursor: undefined, limit }
	});
	const last = rows.length > limit ? rows[limit - 1] : null;
	return {
		referrals: rows.slice(0, limit).map((row) => toSummary(row, targetDays, today)),
		nextCursor: last ? encodeCursor({ r: last.receivedOn, id: last.id }) : null,
		total,
		targetDays
	};
}

/**
 * How many referrals of the caller's PCN triage ended in each outcome, of those from `source`
 * and of `urgency` when given (any received day): the inbox's count of outcomes, which makes
 * signposting (otherwise invisible) counted.
 */
export async function countReferralOutcomes(
	db: Db,
	actor: SessionUser,
	filters: Pick<ReferralFilters, 'source' | 'urgency'>
): Promise<Record<TriageOutcome, number>> {
	const rows = await db
		.select({ outcome: referral.outcome, count: sql<number>`count(*)::int` })
		.from(referral)
		.where(
			and(
				eq(referral.organisationId, actor.organisationId),
				isNotNull(referral.outcome),
				filters.source ? eq(referral.source, filters.source) : undefined,
				filters.urgency ? eq(referral.urgency, filters.urgency) : undefined
			)
		)
		.groupBy(referral.outcome);
	const counts = Object.fromEntries(TRIAGE_OUTCOMES.map((o) => [o, 0])) as Record<
		TriageOutcome,
		number
	>;
	for (const row of rows) if (row.outcome) counts[row.outcome] = row.count;
	return counts;
}
