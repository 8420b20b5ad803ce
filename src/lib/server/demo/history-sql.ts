/**
 * The SQL building blocks of the synthetic service history (history.ts): seeded uniform numbers
 * from a hash of a row's key (order-independent, so a seed gives the same rows on PostgreSQL and
 * PGlite, in any plan), weighted choices, literals, and working-day arithmetic.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';

/** The generator's constants, written into its statements. */
export type HistoryPlan = {
	organisationId: string;
	practiceIds: string[];
	/** Clinical users; the first is the care coordinator who owns most of the work. */
	staffIds: string[];
	seed: number;
	/** First and last day of events (`YYYY-MM-DD`): `months` before today, and yesterday. */
	start: string;
	end: string;
	/** NHS numbers are issued above this one (999…). */
	nhsNumberStart: number;
	patients: number;
	/** The postcodes' outward code starts with this; the practice's number follows. */
	postcodeArea: string;
};

/**
 * Ends a subquery whose columns later layers use several times. Without it PostgreSQL pulls the
 * subquery up and copies each column's expression into every use, so that a weighted choice
 * over a hash is computed once per branch of every CASE that reads it: minutes instead of
 * seconds at 100,000 people. (A subquery with OFFSET is never pulled up.)
 */
export const FENCE = sql`offset 0`;

/** The first nine digits of the candidate NHS numbers: enough that `patients` have a check digit. */
export function nhsCandidates(plan: Pick<HistoryPlan, 'nhsNumberStart' | 'patients'>) {
	const firstNine = Math.floor(plan.nhsNumberStart / 10);
	const count = Math.ceil(plan.patients * 1.15) + 100;
	if (firstNine < 999_000_000 || firstNine + count > 999_999_999) {
		throw new RangeError('Synthetic NHS numbers must stay in the 999 range');
	}
	return { from: firstNine + 1, to: firstNine + count };
}

/** The people of this history: the organisation's patients in its NHS number range (as `p`). */
export function historyPatients(plan: HistoryPlan): SQL {
	const { from, to } = nhsCandidates(plan);
	return sql`p.organisation_id = ${uuid(plan.organisationId)}
		and p.nhs_number between ${literal(`${from}0`)} and ${literal(`${to}9`)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A string as an SQL literal. The generator's statements are built from our own word lists and
 * numbers, written in so that each is one plan (no hundreds of parameters); quotes are doubled
 * (standard_conforming_strings is on in every PostgreSQL we support).
 */
export function literal(value: string): SQL {
	return sql.raw(`'${value.replaceAll("'", "''")}'`);
}

/** A whole or real number written into a statement. */
export function num(value: number): SQL {
	if (!Number.isFinite(value)) throw new RangeError(`Not a number: ${value}`);
	return sql.raw(String(value));
}

export function day(iso: string): SQL {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new RangeError(`Not a date: ${iso}`);
	return sql.raw(`date '${iso}'`);
}

export function textArray(values: readonly string[]): SQL {
	return sql`array[${sql.join(values.map(literal), sql`, `)}]::text[]`;
}

export function uuid(id: string): SQL {
	if (!UUID.test(id)) throw new RangeError(`Not a uuid: ${id}`);
	return sql.raw(`'${id}'::uuid`);
}

export function uuidArray(values: readonly string[]): SQL {
	for (const id of values) if (!UUID.test(id)) throw new RangeError(`Not a uuid: ${id}`);
	return sql.raw(`array[${values.map((id) => `'${id}'`).join(', ')}]::uuid[]`);
}

/**
 * A uniform number in [0, 1) for the row whose key is `key` (a bigint expression), different for
 * each `salt`: 52 bits of PostgreSQL's seeded 64-bit hash of the key. Two draws with one salt
 * and one key are the same number, so each module keeps to its own salts (patients 1–99,
 * referrals 100–199, care 200–299, meetings 400–499) and uses each for one draw.
 */
export function uniform(plan: HistoryPlan, key: SQL, salt: number): SQL {
	const seed = plan.seed * 1000 + salt;
	return sql`((hashint8extended((${key})::bigint, ${num(seed)}) >> 12) & 4503599627370495)::float8 / 4503599627370496.0`;
}

/** One of `choices` by weight, for a uniform number `u` (a column, evaluated once per branch). */
export function weighted(u: SQL, choices: readonly (readonly [string, number])[]): SQL {
	const total = choices.reduce((sum, [, w]) => sum + w, 0);
	let cumulative = 0;
	const branches = choices.slice(0, -1).map(([value, w]) => {
		cumulative += w;
		return sql`when ${u} < ${num(cumulative / total)} then ${literal(value)}`;
	});
	return sql`(case ${sql.join(branches, sql` `)} else ${literal(choices.at(-1)![0])} end)`;
}

/** One of `values`, uniformly, for a uniform number `u`. */
export function pick(u: SQL, values: readonly string[]): SQL {
	return sql`(${textArray(values)})[1 + floor(${u} * ${num(values.length)})::int]`;
}

/** The `i`th (from 0) id of `ids`, for `i` from a uniform number: `ids[1 + floor(u·n)]`. */
export function pickId(u: SQL, ids: readonly string[]): SQL {
	return sql`(${uuidArray(ids)})[1 + floor(${u} * ${num(ids.length)})::int]`;
}

/** A staff member: the coordinator (the first) with probability `coordinatorShare`, else any. */
export function staff(plan: HistoryPlan, u: SQL, coordinatorShare: number): SQL {
	const [coordinator] = plan.staffIds;
	return sql`(case when ${u} < ${num(coordinatorShare)} then ${uuid(coordinator)}
		else ${pickId(sql`((${u} - ${num(coordinatorShare)}) / ${num(1 - coordinatorShare)})`, plan.staffIds)} end)`;
}

/** `n` working days (Monday to Friday; bank holidays not skipped) after the weekday `from`. */
export function addWorkingDays(from: SQL, n: SQL): SQL {
	return sql`(${from} + ${n} + 2 * ((${n} + extract(isodow from ${from})::int - 1) / 5))`;
}

/** The day itself if a weekday, else the Monday after. */
export function weekdayOnOrAfter(d: SQL): SQL {
	return sql`(${d} + (case extract(isodow from ${d})::int when 6 then 2 when 7 then 1 else 0 end))`;
}

/** A time on `d` between 09:00 and 17:00 (UTC), for a uniform number `u`. */
export function officeHours(d: SQL, u: SQL): SQL {
	return sql`((${d})::timestamp + make_interval(mins => 540 + floor(${u} * 480)::int)) at time zone 'UTC'`;
}

/** Rows written by a statement, on either driver (postgres.js `count`, PGlite `affectedRows`). */
export async function execute(db: Db, statement: SQL): Promise<number> {
	const result = (await db.execute(statement)) as unknown as {
		count?: number;
		affectedRows?: number;
	};
	return Number(result.count ?? result.affectedRows ?? 0);
}

/** Rows of a query, on either driver (postgres.js answers an array, PGlite `{ rows }`). */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
	const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
	return Array.isArray(result) ? result : result.rows;
}
