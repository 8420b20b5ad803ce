/**
 * The care coordinator's worklist: the caseload (theirs, or the whole PCN's) filtered by
 * practice, coordinator, episode status, risk reason and review due, sorted by any column, a
 * page at a time. Every filter and sort runs in the database, so a page costs the same at 80
 * patients or 80,000.
 */
import {
	and,
	asc,
	desc,
	eq,
	gte,
	ilike,
	isNotNull,
	isNull,
	lt,
	lte,
	or,
	sql,
	type SQL
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { ageOn } from '../domain/age';
import {
	MANY_APPOINTMENTS,
	MANY_APPOINTMENTS_DAYS,
	RECENT_DISCHARGE_DAYS,
	REVIEW_DUE_WITHIN_DAYS,
	RISK_REASONS,
	type EpisodeOpenReason,
	type RiskReason
} from '../domain/caseload';
import { frailtyCategory, type FrailtyCategory } from '../domain/frailty';
import { normaliseNhsNumber } from '../domain/nhs-number';
import { WORKLIST_PAGE_SIZE, type WorklistQuery, type WorklistSort } from '../domain/worklist';
import type { SessionUser } from './auth';
import { londonToday } from './caseload-episodes';
import { contactSince } from './contact-log';
import type { Db } from './db';
import { carePlan, caseloadEpisode, organisation, patient, user } from './db/schema';

export type WorklistRow = {
	id: string;
	nhsNumber: string;
	givenName: string;
	familyName: string;
	dateOfBirth: string;
	age: number;
	practice: string;
	coordinator: string | null;
	frailty: FrailtyCategory | null;
	/** The open episode: since when and why; null when not on the caseload. */
	episode: { openedOn: string; reason: EpisodeOpenReason } | null;
	/** Discharged from the caseload before (and not back on it). */
	discharged: boolean;
	reviewDate: string | null;
	risks: RiskReason[];
};

export type WorklistPage = { rows: WorklistRow[]; total: number; pages: number };

const practice = alias(organisation, 'worklist_practice');
const coordinator = alias(user, 'worklist_coordinator');
const openEpisode = alias(caseloadEpisode, 'open_episode');

function daysFrom(day: string, days: number): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Each risk reason as a condition on a patient row (see RISK_REASONS for the sources). */
function riskConditions(today: string): Record<RiskReason, SQL> {
	const latestPamLevel = sql`(select m.pam_level from outcome_measure m
		where m.patient_id = ${patient.id} and m.kind = 'pam'
		order by m.recorded_on desc, m.created_at desc limit 1)`;
	return {
		frailty: gte(patient.efiDeficits, 9),
		recent_discharge: gte(patient.lastDischargeDate, daysFrom(today, -RECENT_DISCHARGE_DAYS)),
		pam_level_1: sql`${latestPamLevel} = 1`,
		review_overdue: lt(carePlan.reviewDate, today),
		safeguarding: eq(patient.safeguardingConcern, true),
		many_appointments: sql`(select count(*) from appointment a
			where a.patient_id = ${patient.id} and a.status <> 'cancelled'
			and a.starts_at >= ${daysFrom(today, -MANY_APPOINTMENTS_DAYS)}::date
			and a.starts_at < ${daysFrom(today, 1)}::date) >= ${MANY_APPOINTMENTS}`
	};
}

const recordedDied = sql<boolean>`exists (select 1 from caseload_episode e
	where e.patient_id = ${patient.id} and e.close_reason = 'died')`;

const everDischarged = sql<boolean>`exists (select 1 from caseload_episode e
	where e.patient_id = ${patient.id} and e.closed_on is not null)`;

function searchCondition(search: string): SQL | undefined {
	if (!search) return undefined;
	const digits = normaliseNhsNumber(search);
	if (/^\d{3,10}$/.test(digits)) return sql`${patient.nhsNumber} like ${digits + '%'}`;
	const escape = (w: string) => `%${w.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
	return and(
		...search
			.split(/\s+/)
			.filter(Boolean)
			.map((w) => or(ilike(patient.givenName, escape(w)), ilike(patient.familyName, escape(w))))
	);
}

function order(
	sort: WorklistSort,
	direction: 'asc' | 'desc',
	risks: Record<RiskReason, SQL>
): SQL[] {
	const by = direction === 'asc' ? asc : desc;
	// Empty values last whichever the direction: a sort by review date shows dated plans first.
	const nullsLast = (column: SQL | typeof carePlan.reviewDate) =>
		sql`${column} ${sql.raw(direction)} nulls last`;
	const primary: Record<WorklistSort, SQL[]> = {
		name: [by(patient.familyName), by(patient.givenName)],
		// Ascending by age is youngest first: the latest date of birth first.
		age: [direction === 'asc' ? desc(patient.dateOfBirth) : asc(patient.dateOfBirth)],
		practice: [by(practice.name)],
		coordinator: [nullsLast(sql`${coordinator.name}`)],
		frailty: [nullsLast(sql`${patient.efiDeficits}`)],
		since: [nullsLast(sql`${openEpisode.openedOn}`)],
		review: [nullsLast(carePlan.reviewDate)],
		risks: [
			sql`(${sql.join(
				RISK_REASONS.map((r) => sql`(case when ${risks[r]} then 1 else 0 end)`),
				sql` + `
			)}) ${sql.raw(direction === 'asc' ? 'desc' : 'asc')}`
		]
	};
	return [...primary[sort], asc(patient.familyName), asc(patient.givenName), asc(patient.id)];
}

/**
 * One page of the worklist for `actor` (`query.scope` 'mine': the people they coordinate).
 * `today` (YYYY-MM-DD, England) is when discharges are recent and reviews due.
 */
export async function worklist(
	db: Db,
	actor: SessionUser,
	query: WorklistQuery,
	today = londonToday()
): Promise<WorklistPage> {
	const risks = riskConditions(today);
	const episode = {
		open: isNotNull(openEpisode.id),
		// Not on the caseload, and living: the proactive list never suggests someone who died.
		off: and(isNull(openEpisode.id), sql`not ${recordedDied}`),
		closed: and(isNull(openEpisode.id), everDischarged),
		none: and(isNull(openEpisode.id), sql`not ${everDischarged}`),
		any: undefined
	}[query.episode];
	const where = and(
		eq(patient.organisationId, actor.organisationId),
		query.scope === 'mine' ? eq(patient.assignedCoordinatorId, actor.id) : undefined,
		episode,
		query.practiceId ? eq(patient.practiceId, query.practiceId) : undefined,
		query.coordinatorId === 'none'
			? isNull(patient.assignedCoordinatorId)
			: query.coordinatorId
				? eq(patient.assignedCoordinatorId, query.coordinatorId)
				: undefined,
		query.risks.length ? or(...query.risks.map((r) => risks[r])) : undefined,
		query.reviewDue ? lte(carePlan.reviewDate, daysFrom(today, REVIEW_DUE_WITHIN_DAYS)) : undefined,
		query.noContactDays
			? sql`not ${contactSince(patient.id, daysFrom(today, -query.noContactDays))}`
			: undefined,
		searchCondition(query.search)
	);
	const riskColumns = Object.fromEntries(
		RISK_REASONS.map((r) => [r, sql<boolean>`coalesce(${risks[r]}, false)`])
	) as Record<RiskReason, SQL<boolean>>;
	// The total rides on each row (a window count), so one query gives the page and the count.
	const rows = await db
		.select({
			id: patient.id,
			nhsNumber: patient.nhsNumber,
			givenName: patient.givenName,
			familyName: patient.familyName,
			dateOfBirth: patient.dateOfBirth,
			efiDeficits: patient.efiDeficits,
			practice: practice.name,
			coordinator: coordinator.name,
			openedOn: openEpisode.openedOn,
			openReason: openEpisode.openReason,
			discharged: everDischarged,
			reviewDate: carePlan.reviewDate,
			total: sql<number>`(count(*) over ())::int`,
			...riskColumns
		})
		.from(patient)
		.innerJoin(practice, eq(practice.id, patient.practiceId))
		.leftJoin(coordinator, eq(coordinator.id, patient.assignedCoordinatorId))
		.leftJoin(openEpisode, and(eq(openEpisode.patientId, patient.id), isNull(openEpisode.closedOn)))
		.leftJoin(carePlan, eq(carePlan.patientId, patient.id))
		.where(where)
		.orderBy(...order(query.sort, query.direction, risks))
		.limit(WORKLIST_PAGE_SIZE)
		.offset((query.page - 1) * WORKLIST_PAGE_SIZE);
	const total = rows[0]?.total ?? 0;
	const now = new Date(`${today}T12:00:00Z`);
	return {
		total,
		pages: Math.max(1, Math.ceil(total / WORKLIST_PAGE_SIZE)),
		rows: rows.map((row) => ({
			id: row.id,
			nhsNumber: row.nhsNumber,
			givenName: row.givenName,
			familyName: row.familyName,
			dateOfBirth: row.dateOfBirth,
			age: ageOn(row.dateOfBirth, now),
			practice: row.practice,
			coordinator: row.coordinator,
			frailty: row.efiDeficits === null ? null : frailtyCategory(row.efiDeficits),
			episode:
				row.openedOn && row.openReason ? { openedOn: row.openedOn, reason: row.openReason } : null,
			discharged: !row.openedOn && Boolean(row.discharged),
			reviewDate: row.reviewDate,
			risks: RISK_REASONS.filter((r) => Boolean(row[r]))
		}))
	};
}
