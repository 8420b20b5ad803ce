/**
 * The PCN's service reports: what a report period is, the breakdowns that show inequalities
 * (practice, age band, sex, ethnic group, deprivation), and the shape of a report table. Pure:
 * the server computes the figures (src/lib/server/reports/), suppression of small numbers
 * (./small-numbers.ts) decides what may be shown, and the page and the CSV read the result.
 */

/** Ways to break a figure down, so that differences between groups of people show. */
export const BREAKDOWNS = [
	'none',
	'practice',
	'ageBand',
	'sex',
	'ethnicGroup',
	'imdDecile'
] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export const BREAKDOWN_LABELS: Record<Breakdown, string> = {
	none: 'No breakdown (PCN totals)',
	practice: 'Practice',
	ageBand: 'Age band',
	sex: 'Sex',
	ethnicGroup: 'Ethnic group',
	imdDecile: 'Deprivation (IMD decile)'
};

export const DEFAULT_BREAKDOWN: Breakdown = 'practice';

/**
 * Age bands, in whole years at the end of the period reported on. Finer at older ages, where the
 * care coordinator's caseload is (frailty, several long-term conditions).
 */
export const AGE_BANDS = [
	{ key: '0-17', label: 'Under 18', from: 0 },
	{ key: '18-44', label: '18 to 44', from: 18 },
	{ key: '45-64', label: '45 to 64', from: 45 },
	{ key: '65-74', label: '65 to 74', from: 65 },
	{ key: '75-84', label: '75 to 84', from: 75 },
	{ key: '85+', label: '85 and over', from: 85 }
] as const;

/**
 * The five broad ethnic groups of the NHS Data Dictionary's ethnic category (2001 census
 * classification), each matched by the group a recorded category starts with ("White - Irish"),
 * and "Not stated" for anything else (in the reports' SQL: server/reports/sql.ts). Broad groups are what population health reports use:
 * the sixteen categories would leave most cells too small to show.
 */
export const ETHNIC_GROUPS = [
	{ key: 'white', label: 'White', prefix: 'White' },
	{ key: 'mixed', label: 'Mixed or multiple ethnic groups', prefix: 'Mixed' },
	{ key: 'asian', label: 'Asian or Asian British', prefix: 'Asian or Asian British' },
	{ key: 'black', label: 'Black or Black British', prefix: 'Black or Black British' },
	{ key: 'other', label: 'Other ethnic group', prefix: 'Other Ethnic Groups' }
] as const;
export const ETHNICITY_NOT_STATED = { key: 'not_stated', label: 'Not stated' } as const;

/** IMD deciles: 1 is the most deprived tenth of areas in England, 10 the least. */
export const IMD_UNKNOWN = { key: 'unknown', label: 'Not known' } as const;
export function imdDecileLabel(decile: number): string {
	if (decile === 1) return '1 (most deprived)';
	if (decile === 10) return '10 (least deprived)';
	return String(decile);
}

/** A report period: calendar days `YYYY-MM-DD`, both included. */
export type ReportPeriod = { from: string; to: string };

/** The earliest and latest days a report may cover (the service's records start after 1990). */
export const EARLIEST_REPORT_DAY = '1990-01-01';
export const LATEST_REPORT_DAY = '2100-12-31';

/** The longest period one report covers (its month columns stay readable). */
export const MAX_PERIOD_DAYS = 3 * 366;

const DAY_MS = 86_400_000;

function dayNumber(day: string): number {
	const time = Date.parse(`${day}T00:00:00Z`);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(time)) {
		throw new RangeError(`Not a date: ${day}`);
	}
	if (new Date(time).toISOString().slice(0, 10) !== day) throw new RangeError(`Not a date: ${day}`);
	return time / DAY_MS;
}

function dayOf(number: number): string {
	return new Date(number * DAY_MS).toISOString().slice(0, 10);
}

/** How many days a period covers, both ends included. */
export function periodDays(period: ReportPeriod): number {
	return dayNumber(period.to) - dayNumber(period.from) + 1;
}

/**
 * The period just before, of the same number of days: what "compared with the previous period"
 * compares with (1 Oct–31 Dec, 92 days, compares with 1 Jul–30 Sep).
 */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
	const days = periodDays(period);
	const to = dayNumber(period.from) - 1;
	return { from: dayOf(to - days + 1), to: dayOf(to) };
}

/** The default report: the twelve months to today, from the first of the month eleven months ago. */
export function defaultPeriod(today: string): ReportPeriod {
	const [year, month] = today.split('-').map(Number);
	const start = new Date(Date.UTC(year, month - 1 - 11, 1));
	return { from: start.toISOString().slice(0, 10), to: today };
}

/**
 * The calendar months a period touches, as `YYYY-MM`, oldest first (a period may start or end
 * part way through a month).
 */
export function monthsOf(period: ReportPeriod): string[] {
	const months: string[] = [];
	let [year, month] = period.from.split('-').map(Number);
	const last = period.to.slice(0, 7);
	for (;;) {
		const key = `${year}-${String(month).padStart(2, '0')}`;
		months.push(key);
		if (key >= last) return months;
		month += 1;
		if (month === 13) [year, month] = [year + 1, 1];
	}
}

const MONTH_NAMES = [
	'Jan',
	'Feb',
	'Mar',
	'Apr',
	'May',
	'Jun',
	'Jul',
	'Aug',
	'Sep',
	'Oct',
	'Nov',
	'Dec'
];

/** `Mar 2026` for `2026-03`. */
export function monthLabel(month: string): string {
	return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

export type ReportQuery = { period: ReportPeriod; breakdown: Breakdown };
export type ReportQueryProblems = Partial<Record<'from' | 'to' | 'by', string>>;

/**
 * Reads a report's period and breakdown from a URL's search parameters (`from`, `to`, `by`), so a
 * report can be bookmarked and shared. Missing values take the defaults; wrong ones are named.
 * @returns the query to run (the defaults where a value was wrong) and the problems found
 */
export function parseReportQuery(
	params: URLSearchParams,
	today: string
): { query: ReportQuery; problems: ReportQueryProblems } {
	const fallback = defaultPeriod(today);
	const problems: ReportQueryProblems = {};
	const day = (name: 'from' | 'to', otherwise: string) => {
		const value = params.get(name)?.trim();
		if (!value) return otherwise;
		try {
			dayNumber(value);
		} catch {
			problems[name] = `Enter a real date for the ${name === 'from' ? 'start' : 'end'}`;
			return otherwise;
		}
		if (value < EARLIEST_REPORT_DAY || value > LATEST_REPORT_DAY) {
			problems[name] = 'Enter a date from 1990 to 2100';
			return otherwise;
		}
		return value;
	};
	let period = { from: day('from', fallback.from), to: day('to', fallback.to) };
	if (!problems.from && !problems.to) {
		if (period.from > period.to) {
			problems.to = 'The end must be on or after the start';
		} else if (periodDays(period) > MAX_PERIOD_DAYS) {
			problems.to = 'A report covers at most 3 years';
		}
	}
	if (Object.keys(problems).length > 0) period = fallback;
	const by = params.get('by');
	let breakdown: Breakdown = DEFAULT_BREAKDOWN;
	if (by !== null && by !== '') {
		if ((BREAKDOWNS as readonly string[]).includes(by)) breakdown = by as Breakdown;
		else problems.by = 'Choose a breakdown from the list';
	}
	return { query: { period, breakdown }, problems };
}

/**
 * What a column holds. Counts are of people or events; `median` and `mean` are over the people
 * or events its `base` column counts; `percent` is `numerator` over `base`, as a percentage.
 */
export type ColumnKind = 'count' | 'median' | 'mean' | 'percent';

export type ReportColumn = {
	key: string;
	label: string;
	kind: ColumnKind;
	/** A count column that is one part of another count column of the same row (parts sum to it). */
	partOf?: string;
	/** `median`, `mean`, `percent`: the count column of what the figure is over. */
	base?: string;
	/** `percent`: the count column of those who meet it. */
	numerator?: string;
	/** The unit of a `median` or `mean` ("working days", "PAM points"). */
	unit?: string;
};

/** Figures of one row for one period, by column key; null where there is nothing to compute. */
export type Figures = Record<string, number | null>;

export type RawReportRow = { key: string; label: string; current: Figures; previous: Figures };

/** A report table as computed, before small numbers are suppressed: never shown as it is. */
export type RawReportTable = {
	id: string;
	title: string;
	/** How the figures are counted, in words a commissioner would check. */
	definition: string;
	columns: ReportColumn[];
	/** The column compared with the previous period and charted by breakdown. */
	headline: string;
	/** One row per group of the breakdown, in a stable order; one row when there is none. */
	rows: RawReportRow[];
	total: RawReportRow;
	/**
	 * Counts of a row that balance (their sum, each times its sign, is zero), beyond the sums of
	 * groups and of parts, across both periods: e.g. on the caseload at the end of this period,
	 * at the end of the last one, opened and closed. Suppression treats each as a sum. (A balance
	 * may fail for a row when people move between its groups from one period to the next, as
	 * between age bands: suppression then only hides more than it needs to.)
	 */
	balances?: { period: 'current' | 'previous'; column: string; sign: 1 | -1 }[][];
};

/** A figure as shown: a number, `suppressed` (a small number, or one that would reveal one), or null. */
export type ShownFigure = number | 'suppressed' | null;
export type ShownFigures = Record<string, ShownFigure>;
export type ReportRow = {
	key: string;
	label: string;
	current: ShownFigures;
	previous: ShownFigures;
};

/** A report table as it may be shown, downloaded and charted. */
export type ReportTable = Omit<RawReportTable, 'rows' | 'total'> & {
	rows: ReportRow[];
	total: ReportRow;
};
