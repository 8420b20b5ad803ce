import { describe, expect, it } from 'vitest';
import type { ReportColumn } from '../../src/lib/domain/reports';
import { isSmallNumber, suppressSmallNumbers } from '../../src/lib/domain/small-numbers';
import {
	count,
	disclosedCells,
	prng,
	randomTable,
	reportTable,
	shownAs,
	shownFigures,
	sumsOf
} from './small-numbers-fixtures';

const S = 'suppressed' as const;

/** The current period's counts of one column as shown, groups then the total. */
const shownColumn = (columns: ReportColumn[], groups: number[], key = 'n') =>
	shownFigures(
		suppressSmallNumbers(
			reportTable(
				columns,
				groups.map((n) => ({ [key]: n }))
			)
		)
	).map((row) => row[key]);

describe('primary suppression', () => {
	it('hides a count of 1 to 4, and shows 0 and 5', () => {
		expect([0, 1, 2, 3, 4, 5, 6].map(isSmallNumber)).toEqual([
			false,
			true,
			true,
			true,
			true,
			false,
			false
		]);
		// Two small counts hide each other: no total has exactly one of them hidden.
		expect(shownColumn([count('n')], [0, 1, 4, 5, 20])).toEqual([0, S, S, 5, 20, 30]);
	});

	it('hides a PCN total of 1 to 4 with no breakdown, and shows one of 0', () => {
		expect(shownColumn([count('n')], [])).toEqual([0]);
		const total = (n: number) =>
			shownFigures(
				suppressSmallNumbers({
					...reportTable([count('n')], []),
					total: {
						key: 'total',
						label: 'All people',
						current: { n },
						previous: { n: 0 }
					}
				})
			)[0].n;
		expect([0, 1, 4, 5].map(total)).toEqual([0, S, S, 5]);
	});

	it('hides a total of 1 to 4 with the groups it is made of', () => {
		expect(shownColumn([count('n')], [0, 3, 0])).toEqual([0, S, 0, S]);
		expect(shownColumn([count('n')], [1, 2, 0])).toEqual([S, S, 0, S]);
	});

	it('suppresses each period on its own when no balance links them', () => {
		const table = reportTable([count('n')], [{ n: 3 }, { n: 9 }, { n: 10 }]);
		table.rows[0].previous = { n: 30 };
		table.rows[1].previous = { n: 2 };
		table.rows[2].previous = { n: 8 };
		table.total.previous = { n: 40 };
		const shown = suppressSmallNumbers(table);
		expect([...shown.rows, shown.total].map((r) => r.current.n)).toEqual([S, S, 10, 22]);
		expect([...shown.rows, shown.total].map((r) => r.previous.n)).toEqual([30, S, S, 40]);
	});
});

describe('secondary suppression, worked by hand', () => {
	it('hides the smallest other group when one group alone is hidden in a column', () => {
		// 3 + 0 + 12 + 7 = 22: with 3 alone hidden, 22 − 12 − 7 would give it; 7 goes too.
		expect(shownColumn([count('n')], [3, 0, 12, 7])).toEqual([S, 0, 12, S, 22]);
	});

	it('never hides a zero to protect another count, and hides the total if it must', () => {
		// 0 + 2 + 0 = 2: the total is the only other non-zero member, and is small anyway.
		expect(shownColumn([count('n')], [0, 2, 0, 0])).toEqual([0, S, 0, 0, S]);
		// 3 + 0 = 3 with the total at least 5 cannot happen; 3 + 5 hides 5 as the smallest part.
		expect(shownColumn([count('n')], [3, 5, 0])).toEqual([S, S, 0, 8]);
	});

	it('hides the smallest other part of a row when one part alone is hidden', () => {
		// No breakdown: all referrals 17 = 2 (self) + 6 (GP) + 9 (social care).
		const columns = [count('all'), count('self', 'all'), count('gp', 'all'), count('care', 'all')];
		const table = reportTable(columns, []);
		table.total.current = { all: 17, self: 2, gp: 6, care: 9 };
		expect(shownFigures(suppressSmallNumbers(table))).toEqual([
			{ all: 17, self: S, gp: S, care: 9 }
		]);
	});

	it('protects a small count along its row and its column at once', () => {
		//          all   a   b            all   a   b
		//   g1      11   3   8     →  g1   11   *   *
		//   g2      15   6   9        g2   15   *   *
		//   total   26   9  17        all  26   9  17
		// The four hidden cells could be 3+t, 8−t, 6−t, 9+t for any t from −3 to 6.
		const columns = [count('all'), count('a', 'all'), count('b', 'all')];
		const table = reportTable(columns, [
			{ all: 11, a: 3, b: 8 },
			{ all: 15, a: 6, b: 9 }
		]);
		const shown = shownFigures(suppressSmallNumbers(table));
		expect(shown).toEqual([
			{ all: 11, a: S, b: S },
			{ all: 15, a: S, b: S },
			{ all: 26, a: 9, b: 17 }
		]);
		expect(disclosedCells(table, suppressSmallNumbers(table))).toEqual([]);
	});

	it('keeps hiding until no sum has exactly one hidden member (a chain across groups)', () => {
		//          all   a   b
		//   g1       7   2   5   a small: hide g1 b (5) in the row, and g2 a (6) in column a;
		//   g2      16   6  10   then g2 has a alone hidden: its b (10) goes too,
		//   g3      30  15  15   and column b's two hidden cells are enough.
		const columns = [count('all'), count('a', 'all'), count('b', 'all')];
		const table = reportTable(columns, [
			{ all: 7, a: 2, b: 5 },
			{ all: 16, a: 6, b: 10 },
			{ all: 30, a: 15, b: 15 }
		]);
		const shown = shownFigures(suppressSmallNumbers(table));
		expect(shown).toEqual([
			{ all: 7, a: S, b: S },
			{ all: 16, a: S, b: S },
			{ all: 30, a: 15, b: 15 },
			{ all: 53, a: 23, b: 30 }
		]);
		expect(disclosedCells(table, suppressSmallNumbers(table))).toEqual([]);
	});
});

describe('balances across periods', () => {
	it('protect a count of a flow like a sum: at the end = before + came on − left', () => {
		// 20 = 18 + 5 − 3: with the 3 who left hidden alone, 18 + 5 − 20 gives it; 5 goes too.
		const columns = [count('end'), count('came'), count('left')];
		const table = reportTable(columns, []);
		table.total.current = { end: 20, came: 5, left: 3 };
		table.total.previous = { end: 18, came: 6, left: 7 };
		table.balances = [
			[
				{ period: 'current', column: 'end', sign: 1 },
				{ period: 'previous', column: 'end', sign: -1 },
				{ period: 'current', column: 'came', sign: -1 },
				{ period: 'current', column: 'left', sign: 1 }
			]
		];
		const shown = suppressSmallNumbers(table);
		expect(shown.total.current).toEqual({ end: 20, came: S, left: S });
		expect(shown.total.previous).toEqual({ end: 18, came: 6, left: 7 });
		expect(disclosedCells(table, shown)).toEqual([]);
	});
});

describe('medians, means and percentages', () => {
	const columns: ReportColumn[] = [
		count('people'),
		count('within'),
		{ key: 'days', label: 'Median days', kind: 'median', base: 'people', unit: 'working days' },
		{ key: 'points', label: 'Mean change', kind: 'mean', base: 'people', unit: 'PAM points' },
		{ key: 'percent', label: 'Within target', kind: 'percent', numerator: 'within', base: 'people' }
	];
	// people: 3 is small, so the smallest other group, 7, is hidden with it (12, 10, 20 shown);
	// within: 3, 2 and 4 are small and hide each other.
	const table = reportTable(
		columns,
		[
			{ people: 12, within: 9, days: 3, points: 4.5 },
			{ people: 3, within: 3, days: 2, points: 1 },
			{ people: 0, within: 0, days: null, points: null },
			{ people: 7, within: 2, days: 6, points: -2.5 },
			{ people: 10, within: 0, days: 8, points: 0 },
			{ people: 20, within: 4, days: 5, points: 1 }
		],
		{ days: 4, points: 2.1 }
	);
	const shown = shownFigures(suppressSmallNumbers(table));

	it('are shown over a shown count of at least 5, a percentage worked from the counts', () => {
		expect(shown[0]).toEqual({ people: 12, within: 9, days: 3, points: 4.5, percent: 75 });
		expect(shown[4]).toEqual({ people: 10, within: 0, days: 8, points: 0, percent: 0 });
		// 18 of 52 is 34.615…%.
		expect(shown[6]).toEqual({ people: 52, within: 18, days: 4, points: 2.1, percent: 34.6 });
	});

	it('are hidden over a count of 1 to 4, and empty over none', () => {
		expect(shown[1]).toEqual({ people: S, within: S, days: S, points: S, percent: S });
		expect(shown[2]).toEqual({ people: 0, within: 0, days: null, points: null, percent: null });
	});

	it('are hidden over a count hidden to protect another, however large', () => {
		expect(shown[3]).toEqual({ people: S, within: S, days: S, points: S, percent: S });
	});

	it('a percentage is hidden when its numerator is, its base shown', () => {
		expect(shown[5]).toEqual({ people: 20, within: S, days: 5, points: 1, percent: S });
	});

	it('are shown over a count of exactly 5, rounded to one decimal place', () => {
		const fives = reportTable(
			columns,
			[
				{ people: 5, within: 0, days: 1, points: 0.5 },
				{ people: 5, within: 5, days: 2, points: 1.5 },
				{ people: 5, within: 0, days: 3, points: 2.5 }
			],
			{ days: 2, points: 1.5 }
		);
		const figures = shownFigures(suppressSmallNumbers(fives));
		expect(figures[0]).toEqual({ people: 5, within: 0, days: 1, points: 0.5, percent: 0 });
		expect(figures[1].percent).toBe(100);
		expect(figures[3].percent).toBe(33.3); // 5 of 15
	});
});

describe('no suppressed count can be worked out from what is shown', () => {
	const SEEDS = Array.from({ length: 1000 }, (_, i) => i + 1);

	it('hides every count of 1 to 4, shows every other count as it is, and never hides a zero', () => {
		const wrong: unknown[] = [];
		for (const seed of SEEDS) {
			const table = randomTable(prng(seed));
			const shown = suppressSmallNumbers(table);
			const raw = [...table.rows, table.total];
			[...shown.rows, shown.total].forEach((row, i) => {
				for (const period of ['current', 'previous'] as const) {
					for (const { key } of table.columns) {
						const value = raw[i][period][key] ?? 0;
						const figure = row[period][key];
						const right = isSmallNumber(value)
							? figure === S
							: value === 0
								? figure === 0
								: figure === value || figure === S;
						if (!right) wrong.push({ seed, period, row: i, key, value, figure });
					}
				}
			});
		}
		expect(wrong).toEqual([]);
	});

	it('leaves no sum of groups or parts, and no balance, with exactly one hidden member', () => {
		const lone = [];
		for (const seed of SEEDS) {
			const table = randomTable(prng(seed));
			const shown = suppressSmallNumbers(table);
			const rows = [...shown.rows, shown.total];
			const sums = [
				...sumsOf(table.columns, rows.length),
				...(table.balances ?? []).flatMap((balance) =>
					rows.map((_, row) =>
						balance.map(({ period, column }) => ({ cell: { period, row, column } }))
					)
				)
			];
			for (const sum of sums) {
				const hidden = sum.filter(({ cell }) => rows[cell.row][cell.period][cell.column] === S);
				if (hidden.length === 1) lone.push({ seed, cell: hidden[0].cell });
			}
		}
		expect(lone).toEqual([]);
	});

	it('(the reader of these tests finds what a lone suppression or a pair of ones gives away)', () => {
		const columns = [count('all'), count('a', 'all'), count('b', 'all')];
		const table = reportTable(columns, [
			{ all: 7, a: 2, b: 5 },
			{ all: 30, a: 15, b: 15 }
		]);
		// Only the 2 hidden: 7 − 5 gives it back.
		const lone = [
			{ all: 7, a: S, b: 5 },
			{ all: 30, a: 15, b: 15 },
			{ all: 37, a: 17, b: 20 }
		];
		expect(disclosedCells(table, shownAs(table, lone))).toEqual([
			{ cell: { period: 'current', row: 0, column: 'a' }, value: 2, how: 'linear' }
		]);
		// Both of a row hidden, nothing else: a + b = 7, and a + 15 = 17 gives a (and then b, 5,
		// which is no small number: only the 2 is a disclosure).
		const pair = [{ all: 7, a: S, b: S }, ...lone.slice(1)];
		expect(disclosedCells(table, shownAs(table, pair)).map((d) => d.value)).toEqual([2]);
		// Two counts of 1 hidden in a column of total 2: only whole numbers of at least 1 fix them.
		const ones = reportTable([count('n')], [{ n: 1 }, { n: 1 }, { n: 0 }]);
		const onesShown = [{ n: S }, { n: S }, { n: 0 }, { n: 2 }];
		expect(disclosedCells(ones, shownAs(ones, onesShown))).toEqual([]);
		expect(disclosedCells(ones, shownAs(ones, onesShown), { atLeast: 1 })).toHaveLength(2);
	});

	// "No sum with exactly one hidden member" is not enough in a table with parts. Here every row
	// and column has 0, 2 or 3 of the small counts, yet
	// g1's "c" is 3 for sure: g2 shows a + b = 13 − 10 = 3, columns a and b show g1 + g2 = 3
	// each, so g1's a + b = 3 + 3 − 3 = 3 and its c = 6 − 3 = 3. (The hidden cells, as a graph
	// of rows and columns, have a bridge: g1's c lies on no cycle of hidden cells.)
	it('protects a count that sums across several rows and columns give away', () => {
		//          all   a   b   c
		//   g1       6   1   2   3
		//   g2      13   2   1  10
		//   g3       2   0   0   2
		//   g4       3   0   0   3
		//   g5      30  10  10  10
		//   total   54  13  13  28
		const columns = [count('all'), count('a', 'all'), count('b', 'all'), count('c', 'all')];
		const table = reportTable(columns, [
			{ all: 6, a: 1, b: 2, c: 3 },
			{ all: 13, a: 2, b: 1, c: 10 },
			{ all: 2, a: 0, b: 0, c: 2 },
			{ all: 3, a: 0, b: 0, c: 3 },
			{ all: 30, a: 10, b: 10, c: 10 }
		]);
		expect(disclosedCells(table, suppressSmallNumbers(table))).toEqual([]);
	});

	// A zero is always shown, so a reader knows that every suppressed count is at least 1, and
	// two suppressed groups adding up to 2 are 1 each.
	it('protects counts that only the fact that a zero is always shown would give away', () => {
		const columns = [count('n')];
		const table = reportTable(
			columns,
			[0, 1, 7, 1].map((n) => ({ n }))
		);
		expect(disclosedCells(table, suppressSmallNumbers(table), { atLeast: 1 })).toEqual([]);
	});

	// Bounds from one equation at a time are not enough.
	// Column "all": g2 + g3 = 9 − 6 = 3. g2's all is its b alone (its a is a shown 0), so at
	// least 1; g3's all is a + b, each at least 1, so at least 2. Hence g2 = 1 and g3 = 2, and
	// g3's a and b are 1 each (random table seed 212 of this file, its current period).
	it('protects counts that bounds from several sums at once give away', () => {
		//          all   a   b
		//   g1       6   1   5
		//   g2       1   0   1
		//   g3       2   1   1
		//   total    9   2   7
		const columns = [count('all'), count('a', 'all'), count('b', 'all')];
		const table = reportTable(columns, [
			{ all: 6, a: 1, b: 5 },
			{ all: 1, a: 0, b: 1 },
			{ all: 2, a: 1, b: 1 }
		]);
		expect(disclosedCells(table, suppressSmallNumbers(table), { atLeast: 1 })).toEqual([]);
	});

	it('for random small tables, by any whole numbers agreeing with what is shown', () => {
		const disclosures = [];
		for (const seed of SEEDS) {
			const table = randomTable(prng(seed));
			const found = disclosedCells(table, suppressSmallNumbers(table));
			if (found.length > 0) disclosures.push({ seed, found });
		}
		expect(disclosures.slice(0, 3), `${disclosures.length} of ${SEEDS.length} tables`).toEqual([]);
	});

	// KNOWN HOLE (reported to the lead): propagating each count's range through one equation at
	// a time misses what sums of several equations pin down (seed 57, a flow table; and first
	// contact by ethnic group in tests/integration/reports-suppression.test.ts). Finding the
	// least and greatest value of each hidden count over all the equations at once (a linear
	// programme, as tau-Argus does for its protection intervals) would not.
	it('for random small tables, to a reader who knows a zero is always shown', () => {
		const disclosures = [];
		for (const seed of SEEDS) {
			const table = randomTable(prng(seed));
			const found = disclosedCells(table, suppressSmallNumbers(table), { atLeast: 1 });
			if (found.length > 0) disclosures.push({ seed, found });
		}
		expect(disclosures.slice(0, 3), `${disclosures.length} of ${SEEDS.length} tables`).toEqual([]);
	});
});
