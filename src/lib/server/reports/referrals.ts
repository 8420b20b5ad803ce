/**
 * Referrals to the care coordination service and their triage: where they come from, what they
 * are for, by month, how soon the first contact was made against the PCN's target, and what
 * triage decided — signposting included, since it is otherwise invisible.
 */
import { sql, type SQL } from 'drizzle-orm';
import {
	PRESENTING_NEED_LABELS,
	PRESENTING_NEEDS,
	REFERRAL_SOURCE_LABELS,
	REFERRAL_SOURCES,
	TRIAGE_OUTCOME_LABELS,
	TRIAGE_OUTCOMES
} from '../../domain/referrals';
import { monthLabel, monthsOf, type ReportColumn } from '../../domain/reports';
import { SMALL_NUMBER_MAX } from '../../domain/small-numbers';
import { bankHolidays, isWeekend } from '../../domain/working-days';
import {
	as,
	countsBy,
	daysOfPeriods,
	eventQuery,
	tableFromQuery,
	type EventSource,
	type ReportContext
} from './context';
import { queryRows } from './sql';
import type { ReportTableSpec } from './tables';

const received = (context: ReportContext): EventSource => ({
	from: sql`referral r`,
	day: sql`r.received_on`,
	patientId: sql`r.patient_id`,
	organisationId: sql`r.organisation_id`,
	inPeriods: daysOfPeriods(context, sql`r.received_on`)
});

const all: ReportColumn = { key: 'all', label: 'All referrals', kind: 'count' };
const part = (key: string, label: string): ReportColumn => ({
	key,
	label,
	kind: 'count',
	partOf: 'all'
});

const bySource: ReportTableSpec = {
	id: 'referrals-by-source',
	section: 'referrals',
	title: 'Referrals by source',
	compute: (context) =>
		tableFromQuery(
			context,
			{
				id: 'referrals-by-source',
				title: 'Referrals by source',
				definition:
					'Referrals to the care coordination service received in the period (by the day received), by where they came from.',
				columns: [all, ...REFERRAL_SOURCES.map((s) => part(s, REFERRAL_SOURCE_LABELS[s]))],
				headline: 'all'
			},
			eventQuery(
				context,
				received(context),
				sql`r.source::text as source`,
				sql`count(*)::int as "all", ${countsBy(sql`source`, REFERRAL_SOURCES)}`
			)
		)
};

const NOT_RECORDED = 'not_recorded';

const byNeed: ReportTableSpec = {
	id: 'referrals-by-need',
	section: 'referrals',
	title: 'Referrals by main need',
	compute: (context) =>
		tableFromQuery(
			context,
			{
				id: 'referrals-by-need',
				title: 'Referrals by main need',
				definition:
					'Referrals received in the period, by the main need recorded when the referral was entered ("Not recorded" for referrals entered before the question was asked).',
				columns: [
					all,
					...PRESENTING_NEEDS.map((n) => part(n, PRESENTING_NEED_LABELS[n])),
					part(NOT_RECORDED, 'Not recorded')
				],
				headline: 'all'
			},
			eventQuery(
				context,
				received(context),
				sql`coalesce(r.presenting_need::text, ${NOT_RECORDED}) as need`,
				sql`count(*)::int as "all", ${countsBy(sql`need`, [...PRESENTING_NEEDS, NOT_RECORDED])}`
			)
		)
};

const byMonth: ReportTableSpec = {
	id: 'referrals-by-month',
	section: 'referrals',
	title: 'Referrals by month',
	compute: (context) => {
		const months = monthsOf(context.period);
		const keys = months.map((_, i) => `m${i + 1}`);
		// The month's place in its own period: the previous period's first month is its m1.
		const index = sql`((extract(year from r.received_on) - extract(year from per.starts)) * 12
			+ extract(month from r.received_on) - extract(month from per.starts) + 1)::int`;
		return tableFromQuery(
			context,
			{
				id: 'referrals-by-month',
				title: 'Referrals by month',
				definition:
					'Referrals received in each calendar month of the period (the first and last months may be part months). The previous period is compared as a whole.',
				columns: [all, ...months.map((month, i) => part(keys[i], monthLabel(month)))],
				headline: 'all'
			},
			eventQuery(
				context,
				received(context),
				sql`${index} as month`,
				sql`count(*)::int as "all", ${sql.join(
					keys.map((key, i) => sql`count(*) filter (where month = ${i + 1})::int as ${as(key)}`),
					sql`, `
				)}`
			)
		);
	}
};

/**
 * Bank holidays of England and Wales that fall on weekdays, from the year the previous period starts to the year after
 * today (first contacts come after the referral), sorted, after a sentinel day before them all
 * (width_bucket needs at least one threshold; the sentinel cancels out in differences).
 */
function holidaysFor(context: ReportContext): string[] {
	const from = Number(context.previous.from.slice(0, 4));
	const to = Math.max(Number(context.period.to.slice(0, 4)), new Date().getUTCFullYear()) + 1;
	const days: string[] = [];
	for (let year = from; year <= to; year++) {
		// Only those on weekdays: a weekend is no working day anyway (Boxing Day on a Saturday
		// has its substitute on the Monday, which is in the list).
		days.push(...[...bankHolidays(year)].filter((day) => !isWeekend(day)));
	}
	return ['1900-01-01', ...days.sort()];
}

/**
 * The number of working days (England and Wales) from a fixed Monday up to `day`, so that the
 * working days after one day up to another are the difference of their numbers — the same count
 * as `workingDaysBetween` in domain/working-days.ts, in closed form so that it is cheap per row.
 * Weekdays: 5 a whole week, then up to 5 of the days into the week; bank holidays up to the day:
 * `width_bucket` over the sorted list.
 */
function workingDayNumber(day: SQL, holidays: SQL): SQL {
	const n = sql`(${day} - date '1970-01-05')`; // 5 Jan 1970 was a Monday
	return sql`(5 * (${n} / 7) + least(mod(${n}, 7) + 1, 5) - width_bucket(${day}, ${holidays}))`;
}

const firstContact: ReportTableSpec = {
	id: 'first-contact',
	section: 'referrals',
	title: 'Time from referral to first contact',
	compute: (context) => {
		// One array literal, one parameter ('{1900-01-01,2026-01-01,…}': dates need no quoting).
		const holidays = sql`${`{${holidaysFor(context).join(',')}}`}::date[]`;
		const days = sql`greatest(0, ${workingDayNumber(sql`r.first_contact_on`, holidays)} - ${workingDayNumber(sql`r.received_on`, holidays)})`;
		const isWorkingDay = sql`(extract(isodow from r.first_contact_on) < 6 and not (r.first_contact_on = any(${holidays})))`;
		const target = context.targetDays;
		// As firstContactTiming: within target when made on or before the target-th working day
		// after the referral (a contact on a weekend after the last working day is later).
		const within = sql`(${days} < ${target} or (${days} = ${target} and (${isWorkingDay} or r.first_contact_on = r.received_on)))`;
		return tableFromQuery(
			context,
			{
				id: 'first-contact',
				title: 'Time from referral to first contact',
				definition: `Referrals received in the period: whether a first contact has been made, and whether it was made within the PCN's target of ${target} working days after the day received (England and Wales bank holidays not counted; today's target applies to every referral). The median is in working days, over referrals with a first contact.`,
				columns: [
					{ key: 'received', label: 'Referrals received', kind: 'count' },
					{ key: 'contacted', label: 'First contact made', kind: 'count', partOf: 'received' },
					{ key: 'awaiting', label: 'Awaiting first contact', kind: 'count', partOf: 'received' },
					{ key: 'within_target', label: 'Within target', kind: 'count', partOf: 'contacted' },
					{ key: 'over_target', label: 'Later than target', kind: 'count', partOf: 'contacted' },
					{
						key: 'percent_within',
						label: 'Within target (%)',
						kind: 'percent',
						numerator: 'within_target',
						base: 'contacted'
					},
					{
						key: 'median_days',
						label: 'Median time to first contact',
						kind: 'median',
						base: 'contacted',
						unit: 'working days'
					}
				],
				headline: 'percent_within'
			},
			eventQuery(
				context,
				received(context),
				sql`r.first_contact_on is not null as contacted,
					case when r.first_contact_on is not null then ${days} end as days,
					coalesce(${within}, false) as within`,
				sql`count(*)::int as received,
					count(*) filter (where contacted)::int as contacted,
					count(*) filter (where not contacted)::int as awaiting,
					count(*) filter (where contacted and within)::int as within_target,
					count(*) filter (where contacted and not within)::int as over_target,
					percentile_cont(0.5) within group (order by days) as median_days`
			)
		);
	}
};

const NOT_TRIAGED = 'not_triaged';

const outcomes: ReportTableSpec = {
	id: 'triage-outcomes',
	section: 'referrals',
	title: 'Triage outcomes',
	compute: (context) =>
		tableFromQuery(
			context,
			{
				id: 'triage-outcomes',
				title: 'Triage outcomes',
				definition:
					'Referrals received in the period, by the outcome of their triage: accepted to the caseload, signposted elsewhere, referred on to another professional, declined, or not yet triaged.',
				columns: [
					all,
					...TRIAGE_OUTCOMES.map((o) => part(o, TRIAGE_OUTCOME_LABELS[o])),
					part(NOT_TRIAGED, 'Not yet triaged')
				],
				headline: 'signposted'
			},
			eventQuery(
				context,
				received(context),
				sql`coalesce(r.outcome::text, ${NOT_TRIAGED}) as outcome`,
				sql`count(*)::int as "all", ${countsBy(sql`outcome`, [...TRIAGE_OUTCOMES, NOT_TRIAGED])}`
			)
		)
};

/**
 * How many places people were signposted to are named; the rest are counted together. A place
 * is named only when more than a small number of people were signposted there in the period:
 * the names are free text typed at triage, and a heading must not carry what was typed about one
 * person (every count under it would be suppressed, but not the heading).
 */
const SIGNPOSTED_PLACES = 8;

const signpostedTo: ReportTableSpec = {
	id: 'signposted-to',
	section: 'referrals',
	title: 'Where people were signposted',
	compute: async (context) => {
		const place = sql`coalesce(lower(trim(r.outcome_detail)), '')`;
		const source = received(context);
		const top = await queryRows<{ place: string; label: string }>(
			context.db,
			sql`select ${place} as place, coalesce(mode() within group (order by trim(r.outcome_detail)), 'Not recorded') as label
				from referral r
				where r.organisation_id = ${context.organisationId} and r.outcome = 'signposted'
					and r.received_on between ${context.period.from}::date and ${context.period.to}::date
				group by 1 having count(*) > ${SMALL_NUMBER_MAX}
				order by count(*) desc, 1 limit ${SIGNPOSTED_PLACES}`
		);
		const keys = top.map((_, i) => `place${i + 1}`);
		const known = top.map((t) => t.place);
		return tableFromQuery(
			context,
			{
				id: 'signposted-to',
				title: 'Where people were signposted',
				definition: `Referrals received in the period and signposted at triage, by where to (as recorded, ignoring case): the ${SIGNPOSTED_PLACES} most frequent places of the period that at least ${SMALL_NUMBER_MAX + 1} people were signposted to, then all others.`,
				columns: [
					{ key: 'all', label: 'All signposted', kind: 'count' },
					...top.map((t, i) => part(keys[i], t.label)),
					part('other', 'Other places')
				],
				headline: 'all'
			},
			eventQuery(
				context,
				{ ...source, where: sql`r.outcome = 'signposted'` },
				sql`${place} as place`,
				sql`count(*)::int as "all",
					${countsBy(sql`place`, known, (_, i) => keys[i])}${known.length ? sql`, ` : sql``}
					count(*) filter (where ${known.length ? sql`not (place in ${known})` : sql`true`})::int as other`
			)
		);
	}
};

export const referralTables: readonly ReportTableSpec[] = [
	bySource,
	byNeed,
	byMonth,
	firstContact,
	outcomes,
	signpostedTo
];
