import { sql, type SQL } from 'drizzle-orm';
import {
	AGE_BANDS,
	ETHNIC_GROUPS,
	ETHNICITY_NOT_STATED,
	IMD_UNKNOWN,
	type Breakdown
} from '../../domain/reports';
import type { Db } from '../db';

/** Rows of a raw SQL query, on either driver (postgres.js answers an array, PGlite `{ rows }`). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
	const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
	return Array.isArray(result) ? result : result.rows;
}

/**
 * The SQL key of a person's group in a breakdown, for the patient row `p`, with their age taken
 * on `ageOn` (an SQL date). Always text and never null, so that a group is never mistaken for the
 * total row of a grouping set.
 */
export function breakdownKey(breakdown: Breakdown, ageOn: SQL): SQL {
	switch (breakdown) {
		case 'none':
			return sql`'all'`;
		case 'practice':
			return sql`p.practice_id::text`;
		case 'sex':
			return sql`p.sex::text`;
		case 'imdDecile':
			return sql`coalesce(p.imd_decile::text, ${IMD_UNKNOWN.key})`;
		case 'ethnicGroup': {
			const group = sql`split_part(p.ethnicity, ' - ', 1)`;
			const cases = ETHNIC_GROUPS.map((g) => sql`when ${g.prefix} then ${g.key}`);
			return sql`(case ${group} ${sql.join(cases, sql` `)} else ${ETHNICITY_NOT_STATED.key} end)`;
		}
		case 'ageBand': {
			const age = sql`extract(year from age(${ageOn}, p.date_of_birth))`;
			const bands = [...AGE_BANDS]
				.reverse()
				.map((band) => sql`when ${age} >= ${band.from} then ${band.key}`);
			return sql`(case ${sql.join(bands, sql` `)} else ${AGE_BANDS[0].key} end)`;
		}
	}
}
