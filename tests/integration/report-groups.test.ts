/**
 * The groups of the reports' breakdowns, as the SQL the reports run puts people in them
 * (server/reports/sql.ts): age bands in whole years on the day age is taken, and the NHS broad
 * ethnic groups read from the recorded category.
 */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import {
	AGE_BANDS,
	ETHNIC_GROUPS,
	ETHNICITY_NOT_STATED,
	type Breakdown
} from '../../src/lib/domain/reports';
import { ETHNICITIES } from '../../src/lib/server/demo/names';
import { breakdownKey, queryRows } from '../../src/lib/server/reports/sql';
import { describeEachDatabase } from './fixtures';

const ON = '2026-06-15';

describeEachDatabase('the groups of a breakdown', (db) => {
	/** Each person's group, for people given by ethnicity and date of birth. */
	const groupsOf = async (
		breakdown: Breakdown,
		people: { ethnicity?: string; dateOfBirth?: string }[]
	) => {
		const rows = sql.join(
			people.map(
				(person) =>
					sql`(${person.ethnicity ?? 'Not stated'}::text, ${person.dateOfBirth ?? '1950-01-01'}::date)`
			),
			sql`, `
		);
		const result = await queryRows<{ key: string }>(
			db(),
			sql`select ${breakdownKey(breakdown, sql`${ON}::date`)} as key
				from (values ${rows}) as p(ethnicity, date_of_birth)`
		);
		return result.map((row) => row.key);
	};
	/** Born on the day age is taken, `years` years before (so exactly that age). */
	const aged = (years: number) => ({ dateOfBirth: `${2026 - years}-06-15` });

	it('put each age in whole years in its band, the first year of a band in it', async () => {
		const cases: [number, string][] = [
			[0, '0-17'],
			[17, '0-17'],
			[18, '18-44'],
			[44, '18-44'],
			[45, '45-64'],
			[64, '45-64'],
			[65, '65-74'],
			[74, '65-74'],
			[75, '75-84'],
			[84, '75-84'],
			[85, '85+'],
			[109, '85+']
		];
		expect(
			await groupsOf(
				'ageBand',
				cases.map(([age]) => aged(age))
			)
		).toEqual(cases.map(([, band]) => band));
		// The day before a birthday, still the younger age.
		expect(await groupsOf('ageBand', [{ dateOfBirth: '1961-06-16' }])).toEqual(['45-64']);
	});

	it('cover every age from 0 with no gap, and put someone born after the day in the youngest', async () => {
		expect(AGE_BANDS[0].from).toBe(0);
		const lastYears = AGE_BANDS.slice(1).map((band) => aged(band.from - 1));
		expect(await groupsOf('ageBand', lastYears)).toEqual(
			AGE_BANDS.slice(0, -1).map((band) => band.key)
		);
		expect(await groupsOf('ageBand', [{ dateOfBirth: '2026-07-01' }])).toEqual(['0-17']);
	});

	it('hold every ethnic category the demo records, each in the group it names', async () => {
		const expected: Record<string, string> = {
			'White - British': 'white',
			'White - Irish': 'white',
			'White - Any other White background': 'white',
			'Mixed - White and Black Caribbean': 'mixed',
			'Mixed - White and Black African': 'mixed',
			'Mixed - White and Asian': 'mixed',
			'Mixed - Any other mixed background': 'mixed',
			'Asian or Asian British - Indian': 'asian',
			'Asian or Asian British - Pakistani': 'asian',
			'Asian or Asian British - Bangladeshi': 'asian',
			'Asian or Asian British - Any other Asian background': 'asian',
			'Black or Black British - Caribbean': 'black',
			'Black or Black British - African': 'black',
			'Black or Black British - Any other Black background': 'black',
			'Other Ethnic Groups - Chinese': 'other',
			'Other Ethnic Groups - Any other ethnic group': 'other',
			'Not stated': 'not_stated'
		};
		const labels = ETHNICITIES.map(([entry]) => entry.label);
		expect([...labels].sort()).toEqual(Object.keys(expected).sort());
		expect(
			await groupsOf(
				'ethnicGroup',
				labels.map((ethnicity) => ({ ethnicity }))
			)
		).toEqual(labels.map((label) => expected[label]));
		const keys = [...ETHNIC_GROUPS.map((g) => g.key), ETHNICITY_NOT_STATED.key];
		expect(new Set(keys).size).toBe(6);
	});

	it('read a value not written as a category of the list as not stated', async () => {
		// "White" alone names its group; anything else not spelled as the list spells it is not
		// guessed at.
		expect(await groupsOf('ethnicGroup', [{ ethnicity: 'White' }])).toEqual(['white']);
		const odd = [
			'',
			'white - British',
			'WHITE - British',
			' White - British',
			'White-British',
			'White – British',
			'Whiteish - x',
			'Asian - Indian',
			'Other - Chinese',
			'Not known',
			'Prefer not to say',
			' - White'
		];
		expect(
			await groupsOf(
				'ethnicGroup',
				odd.map((ethnicity) => ({ ethnicity }))
			)
		).toEqual(odd.map(() => 'not_stated'));
	});
});
