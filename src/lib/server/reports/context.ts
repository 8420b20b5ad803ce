import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { SEXES, SEX_LABELS } from '../../domain/patients';
import {
	AGE_BANDS,
	ETHNIC_GROUPS,
	ETHNICITY_NOT_STATED,
	IMD_UNKNOWN,
	imdDecileLabel,
	type Breakdown,
	type Figures,
	type RawReportRow,
	type RawReportTable,
	type ReportColumn,
	type ReportPeriod
} from '../../domain/reports';
import type { Db } from '../db';
import { organisation } from '../db/schema';
import { fromLondonTime } from '../../domain/london-time';
import { breakdownKey, queryRows } from './sql';

/** A group of a breakdown: its key in SQL and its label. */
export type ReportGroup = { key: string; label: string };

export type ReportContext = {
	db: Db;
	organisationId: string;
	period: ReportPeriod;
	previous: ReportPeriod;
	breakdown: Breakdown;
	/** The groups of the breakdown, in the order rows are shown (none for no breakdown). */
	groups: ReportGroup[];
	/** The PCN's first-contact target, in working days. */
	targetDays: number;
};

/** The groups of a breakdown for a PCN, in order: its practices by name, bands in order. */
export async function breakdownGroups(
	db: Db,
	organisationId: string,
	breakdown: Breakdown
): Promise<ReportGroup[]> {
	switch (breakdown) {
		case 'none':
			return [];
		case 'practice':
			return db
				.select({ key: organisation.id, label: organisation.name })
				.from(organisation)
				.where(and(eq(organisation.parentId, organisationId), eq(organisation.kind, 'practice')))
				.orderBy(asc(organisation.name));
		case 'ageBand':
			return AGE_BANDS.map(({ key, label }) => ({ key, label }));
		case 'sex':
			return SEXES.map((key) => ({ key, label: SEX_LABELS[key] }));
		case 'ethnicGroup':
			return [...ETHNIC_GROUPS, ETHNICITY_NOT_STATED].map(({ key, label }) => ({ key, label }));
		case 'imdDecile':
			return [
				...Array.from({ length: 10 }, (_, i) => ({
					key: String(i + 1),
					label: imdDecileLabel(i + 1)
				})),
				IMD_UNKNOWN
			];
	}
}

/**
 * The two periods as an SQL relation `per(period, starts, ends)`: join a fact on its date
 * falling between `starts` and `ends` to count it in its period.
 */
export function periods(context: ReportContext): SQL {
	const { period, previous } = context;
	return sql`(values ('current', ${period.from}::date, ${period.to}::date),
		('previous', ${previous.from}::date, ${previous.to}::date)) as per(period, starts, ends)`;
}

/** A query's row: its period, its group (null on the total row), and its figures by column key. */
type TableRow = { period: 'current' | 'previous'; row_key: string | null } & Record<
	string,
	unknown
>;

/**
 * Runs a table's query and arranges its rows as a table: one row per group of the breakdown (in
 * the breakdown's order, every group present, zero where nothing was counted), then the total.
 * The query answers `period`, `row_key` (null for the total, from grouping sets) and one column
 * per column key.
 */
export async function tableFromQuery(
	context: ReportContext,
	spec: Omit<RawReportTable, 'rows' | 'total'>,
	query: SQL
): Promise<RawReportTable> {
	const result = await context.db.transaction(async (tx) => {
		// Each table sorts and hashes tens of thousands of rows at 100,000 people: in memory, not
		// spilled to disk (PostgreSQL's default is 4 MB), for this query only.
		await tx.execute(sql`set local work_mem = '64MB'`);
		return queryRows<TableRow>(tx, query);
	});
	const empty = (): Figures =>
		Object.fromEntries(spec.columns.map((c) => [c.key, c.kind === 'count' ? 0 : null]));
	const figures = (row: TableRow | undefined): Figures => {
		const out = empty();
		if (!row) return out;
		for (const column of spec.columns) {
			const value = row[column.key];
			if (value !== null && value !== undefined) out[column.key] = toNumber(column, value);
		}
		return out;
	};
	const find = (period: string, key: string | null) =>
		result.find((row) => row.period === period && row.row_key === key);
	const row = (key: string | null, label: string): RawReportRow => ({
		key: key ?? 'total',
		label,
		current: figures(find('current', key)),
		previous: figures(find('previous', key))
	});
	const known = new Set(context.groups.map((g) => g.key));
	const others = [
		...new Set(result.map((r) => r.row_key).filter((k): k is string => k !== null && !known.has(k)))
	].map((key) => ({ key, label: key === NOT_KNOWN.key ? NOT_KNOWN.label : key }));
	const groups = context.breakdown === 'none' ? [] : [...context.groups, ...others];
	return {
		...spec,
		rows: groups.map((group) => row(group.key, group.label)),
		total: row(null, 'All people')
	};
}

function toNumber(column: ReportColumn, value: unknown): number {
	const n = Number(value);
	if (column.kind === 'count') return Math.round(n);
	return Math.round(n * 10) / 10;
}

/** Column keys as SQL identifiers ("m1", "within_target"), quoted. */
export function as(key: string): SQL {
	return sql`${sql.identifier(key)}`;
}

/** Where a table's events come from: one row per event, of one person (or none). */
export type EventSource = {
	/** The FROM item, aliased: sql`referral r`. */
	from: SQL;
	/** The calendar day the event counts on (an SQL date): it decides the period. */
	day: SQL;
	/** The person the event is about (may be null: then every breakdown says "Not known"). */
	patientId: SQL;
	/** The owning organisation's column. */
	organisationId: SQL;
	/**
	 * A condition that keeps only events of both periods, written so that an index can answer
	 * it (on the column itself, not on an expression of it).
	 */
	inPeriods: SQL;
	/** Any further condition. */
	where?: SQL;
};

/**
 * The query of a table of events: `facts` (SQL select items over the source's alias and `p`,
 * the person) for each event of the PCN in either period, with its `period` and `row_key`; then
 * `aggregates` (select items over `facts`, one per column key) for each group of the breakdown
 * and for the total, for each period.
 */
export function eventQuery(
	context: ReportContext,
	source: EventSource,
	facts: SQL,
	aggregates: SQL
): SQL {
	return sql`with facts as (
		select per.period, ${breakdownKeyOrNotKnown(context)} as row_key, ${facts}
		from ${source.from}
		join ${periods(context)} on ${source.day} between per.starts and per.ends
		left join patient p on p.id = ${source.patientId}
		where ${source.organisationId} = ${context.organisationId} and ${source.inPeriods}
			${source.where ? sql`and ${source.where}` : sql``}
	)
	select period, row_key, ${aggregates}
	from facts
	group by grouping sets ((period, row_key), (period))`;
}

/**
 * The group of the person `p` in the context's breakdown, their age taken at the end of the
 * period `per`; "Not known" when there is no person.
 */
export function breakdownKeyOrNotKnown(context: ReportContext): SQL {
	// Never null: a null group would read as the total row of the grouping sets.
	return sql`(case when p.id is null then ${NOT_KNOWN.key}
		else coalesce(${breakdownKey(context.breakdown, sql`per.ends`)}, ${NOT_KNOWN.key}) end)`;
}

/**
 * `count(*) filter (where … = key) as "column"` for each key: counts by category, each in the
 * column `columnOf(key, index)` names (the key itself by default).
 */
export function countsBy(
	expression: SQL,
	keys: readonly string[],
	columnOf: (key: string, index: number) => string = (key) => key
): SQL {
	return sql.join(
		keys.map(
			(key, i) =>
				sql`count(*) filter (where ${expression} = ${key})::int as ${as(columnOf(key, i))}`
		),
		sql`, `
	);
}

/** The London calendar day of a timestamp column, as an SQL date. */
export function londonDay(column: SQL): SQL {
	return sql`(${column} at time zone 'Europe/London')::date`;
}

/** Both periods as a half-open range of instants, for an index on a timestamp column. */
export function instantsOfPeriods(context: ReportContext, column: SQL): SQL {
	const start = fromLondonTime(context.previous.from, '00:00')!.toISOString();
	return sql`${column} >= ${start}::timestamptz and ${column} < ${endOfPeriods(context)}::timestamptz`;
}

/** The instant the report period ends: midnight in London after its last day (ISO). */
export function endOfPeriods(context: ReportContext): string {
	return fromLondonTime(nextDay(context.period.to), '00:00')!.toISOString();
}

function nextDay(day: string): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Both periods as an inclusive range of days, for an index on a date column. */
export function daysOfPeriods(context: ReportContext, column: SQL): SQL {
	return sql`${column} between ${context.previous.from}::date and ${context.period.to}::date`;
}

/** The group of an event whose person is not known (an action about no one). */
export const NOT_KNOWN = { key: 'unknown', label: 'Not known' } as const;
