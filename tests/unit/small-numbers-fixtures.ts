/**
 * Fixtures for the tests of small-number suppression: report tables written compactly, random
 * small tables from a seeded generator, and a reader who tries to work out every suppressed
 * count from what is shown (by subtraction, by any linear combination of the sums, and by
 * searching every assignment of whole numbers that agrees with the shown figures).
 */
import { createRandom } from '../../src/lib/server/demo/random';
import { isSmallNumber } from '../../src/lib/domain/small-numbers';
import type {
	Figures,
	RawReportTable,
	ReportColumn,
	ReportTable,
	ShownFigures
} from '../../src/lib/domain/reports';

/** The demo's seeded PRNG (mulberry32), so that a failing run can be replayed from its seed. */
export const prng = createRandom;

export const count = (key: string, partOf?: string): ReportColumn => ({
	key,
	label: key,
	kind: 'count',
	...(partOf ? { partOf } : {})
});

/**
 * A report table of one period (the previous one all zeros) from its groups' figures: the total
 * row holds the sum of each count column, and `total` gives its other figures (medians, means).
 */
export function reportTable(
	columns: ReportColumn[],
	groups: Figures[],
	total: Figures = {}
): RawReportTable {
	const sums: Figures = {};
	for (const column of columns) {
		sums[column.key] =
			column.kind === 'count'
				? groups.reduce((sum, figures) => sum + (figures[column.key] ?? 0), 0)
				: (total[column.key] ?? null);
	}
	const zeros = Object.fromEntries(columns.map((c) => [c.key, c.kind === 'count' ? 0 : null]));
	return {
		id: 'test',
		title: 'Test',
		definition: 'A table for the tests.',
		columns,
		headline: columns[0].key,
		rows: groups.map((current, i) => ({
			key: `g${i + 1}`,
			label: `Group ${i + 1}`,
			current,
			previous: zeros
		})),
		total: { key: 'total', label: 'All people', current: sums, previous: zeros }
	};
}

/** The current period's figures of a table, groups then the total, as raw or as shown. */
export const rawFigures = (table: RawReportTable): Figures[] =>
	[...table.rows, table.total].map((row) => row.current);
export const shownFigures = (table: ReportTable): ShownFigures[] =>
	[...table.rows, table.total].map((row) => row.current);

type Period = 'current' | 'previous';
export type Cell = { period: Period; row: number; column: string };
/** Cells whose signed sum is zero: Σ sign × count = 0. */
export type Sum = { cell: Cell; sign: 1 | -1 }[];

/**
 * Every sum a reader knows holds in a table of `rowCount` rows (the groups then the total), in
 * both periods: each count column's groups add up to its total, and in each row a column's parts
 * add up to it.
 */
export function sumsOf(columns: ReportColumn[], rowCount: number): Sum[] {
	const counts = columns.filter((c) => c.kind === 'count');
	const total = rowCount - 1;
	const sums: Sum[] = [];
	for (const period of ['current', 'previous'] as const) {
		if (total > 0) {
			for (const { key } of counts) {
				sums.push([
					...Array.from({ length: total }, (_, row) => ({
						cell: { period, row, column: key },
						sign: 1 as const
					})),
					{ cell: { period, row: total, column: key }, sign: -1 }
				]);
			}
		}
		for (const whole of counts) {
			const parts = counts.filter((c) => c.partOf === whole.key);
			if (parts.length === 0) continue;
			for (let row = 0; row < rowCount; row++) {
				sums.push([
					...parts.map((p) => ({ cell: { period, row, column: p.key }, sign: 1 as const })),
					{ cell: { period, row, column: whole.key }, sign: -1 }
				]);
			}
		}
	}
	return sums;
}

/** A linear equation over the suppressed counts: Σ coefficient × count = constant. */
type Equation = { terms: { variable: number; coefficient: number }[]; constant: number };

export type Disclosure = {
	cell: Cell;
	value: number;
	/** `linear`: by sums and differences of shown figures; `bounds`: only as no count is negative. */
	how: 'linear' | 'bounds';
};

/**
 * The suppressed counts of a table (both periods) that the shown figures give away: those to
 * which every assignment of whole numbers of at least `atLeast` to the suppressed cells, agreeing
 * with every shown figure, every sum and the table's balances, gives the same value. `atLeast` is 0
 * for what anyone knows of a count, 1 for a reader who knows that a zero is always shown.
 */
export function disclosedCells(
	raw: RawReportTable,
	shown: ReportTable,
	{ atLeast = 0 }: { atLeast?: number } = {}
): Disclosure[] {
	const rawRows = [...raw.rows, raw.total];
	const shownRows = [...shown.rows, shown.total];
	const variables: Cell[] = [];
	const index = new Map<string, number>();
	const id = (cell: Cell) => `${cell.period}/${cell.row}/${cell.column}`;
	for (const period of ['current', 'previous'] as const) {
		for (let row = 0; row < rawRows.length; row++) {
			for (const column of raw.columns) {
				if (column.kind !== 'count' || shownRows[row][period][column.key] !== 'suppressed')
					continue;
				index.set(id({ period, row, column: column.key }), variables.length);
				variables.push({ period, row, column: column.key });
			}
		}
	}
	const truth = variables.map((cell) => rawRows[cell.row][cell.period][cell.column] ?? 0);
	const sums = [
		...sumsOf(raw.columns, rawRows.length),
		...(raw.balances ?? []).flatMap((balance) =>
			rawRows.map((_, row) =>
				balance.map(({ period, column, sign }) => ({ cell: { period, row, column }, sign }))
			)
		)
	];
	const equations: Equation[] = [];
	for (const sum of sums) {
		const equation: Equation = { terms: [], constant: 0 };
		for (const { cell, sign } of sum) {
			const variable = index.get(id(cell));
			if (variable !== undefined) equation.terms.push({ variable, coefficient: sign });
			else equation.constant -= sign * Number(shownRows[cell.row][cell.period][cell.column] ?? 0);
		}
		if (equation.terms.length > 0) equations.push(equation);
	}
	// No count can exceed every count of the table together; twice that leaves room to spare.
	const everything = rawRows.reduce(
		(sum, row) =>
			sum +
			raw.columns.reduce(
				(s, c) =>
					s + (c.kind === 'count' ? (row.current[c.key] ?? 0) + (row.previous[c.key] ?? 0) : 0),
				0
			),
		0
	);
	const ceiling = 2 * everything + 10;
	const disclosed: Disclosure[] = [];
	variables.forEach((cell, variable) => {
		// Only a small number given away is a disclosure: a count hidden to protect one is 5 or
		// more, and what it gives away the reader's equations already include.
		if (!isSmallNumber(truth[variable])) return;
		if (determinedLinearly(equations, variables.length, variable)) {
			disclosed.push({ cell, value: truth[variable], how: 'linear' });
		} else if (!otherValuePossible(equations, truth, variable, atLeast, ceiling)) {
			disclosed.push({ cell, value: truth[variable], how: 'bounds' });
		}
	});
	return disclosed;
}

/** Whether the equations fix one variable whatever the others: its unit vector is in their span. */
function determinedLinearly(equations: Equation[], size: number, variable: number): boolean {
	const rows = equations.map((e) => {
		const row = new Array<number>(size).fill(0);
		for (const t of e.terms) row[t.variable] += t.coefficient;
		return row;
	});
	const unit = new Array<number>(size).fill(0);
	unit[variable] = 1;
	return rank([...rows, unit]) === rank(rows);
}

function rank(matrix: number[][]): number {
	const m = matrix.map((row) => [...row]);
	let r = 0;
	for (let c = 0; c < (m[0]?.length ?? 0) && r < m.length; c++) {
		const pivot = m.findIndex((row, i) => i >= r && Math.abs(row[c]) > 1e-9);
		if (pivot < 0) continue;
		[m[r], m[pivot]] = [m[pivot], m[r]];
		for (let i = 0; i < m.length; i++) {
			if (i === r || Math.abs(m[i][c]) < 1e-9) continue;
			const factor = m[i][c] / m[r][c];
			for (let j = c; j < m[i].length; j++) m[i][j] -= factor * m[r][j];
		}
		r += 1;
	}
	return r;
}

/**
 * Whether whole numbers from `atLeast` to `ceiling` exist that satisfy every equation with the
 * variable at another value than its true one: a search that narrows each unknown's range by
 * every equation it is in (bounds consistency) and tries values nearest the true ones first.
 */
function otherValuePossible(
	equations: Equation[],
	truth: number[],
	variable: number,
	atLeast: number,
	ceiling: number
): boolean {
	let visits = 0;
	/** Narrows the ranges in place; false when some range is empty. */
	const narrow = (low: number[], high: number[]): boolean => {
		for (let changed = true; changed;) {
			changed = false;
			for (const { terms, constant } of equations) {
				let least = 0;
				let most = 0;
				for (const { variable: v, coefficient: a } of terms) {
					least += Math.min(a * low[v], a * high[v]);
					most += Math.max(a * low[v], a * high[v]);
				}
				if (constant < least || constant > most) return false;
				for (const { variable: v, coefficient: a } of terms) {
					// a × y_v = constant − the rest, and the rest lies in [least − own, most − own].
					const ownLeast = Math.min(a * low[v], a * high[v]);
					const ownMost = Math.max(a * low[v], a * high[v]);
					const from = constant - (most - ownMost);
					const to = constant - (least - ownLeast);
					const [lo, hi] = a > 0 ? [from / a, to / a] : [to / a, from / a];
					const newLow = Math.max(low[v], Math.ceil(lo - 1e-9));
					const newHigh = Math.min(high[v], Math.floor(hi + 1e-9));
					if (newLow > newHigh) return false;
					if (newLow !== low[v] || newHigh !== high[v]) {
						[low[v], high[v]] = [newLow, newHigh];
						changed = true;
					}
				}
			}
		}
		return true;
	};
	const search = (low: number[], high: number[]): boolean => {
		if (++visits > 100_000) throw new Error('the search for another assignment is too large');
		if (!narrow(low, high)) return false;
		let next = -1;
		for (let v = 0; v < low.length; v++) {
			if (low[v] < high[v] && (next < 0 || high[v] - low[v] < high[next] - low[next])) next = v;
		}
		if (next < 0) return true;
		const centre = Math.min(Math.max(truth[next], low[next]), high[next]);
		for (let d = 0; d <= high[next] - low[next]; d++) {
			for (const value of d === 0 ? [centre] : [centre - d, centre + d]) {
				if (value < low[next] || value > high[next]) continue;
				const [l, h] = [[...low], [...high]];
				l[next] = h[next] = value;
				if (search(l, h)) return true;
			}
		}
		return false;
	};
	const low = truth.map(() => atLeast);
	const high = truth.map(() => ceiling);
	if (!narrow(low, high)) throw new Error('the true counts do not satisfy the equations');
	for (const value of [truth[variable] - 1, truth[variable] + 1]) {
		if (value < low[variable] || value > high[variable]) continue;
		const [l, h] = [[...low], [...high]];
		l[variable] = h[variable] = value;
		if (search(l, h)) return true;
	}
	// Not one step away: any other value in its range.
	for (let value = low[variable]; value <= high[variable]; value++) {
		if (Math.abs(value - truth[variable]) <= 1) continue;
		const [l, h] = [[...low], [...high]];
		l[variable] = h[variable] = value;
		if (search(l, h)) return true;
	}
	return false;
}

/** A report table as shown, with the current period's figures given (the previous as raw). */
export function shownAs(raw: RawReportTable, current: ShownFigures[]): ReportTable {
	return {
		...raw,
		rows: raw.rows.map((row, i) => ({ ...row, current: current[i] })),
		total: { ...raw.total, current: current[raw.rows.length] }
	};
}

/**
 * A random small table of both periods, in one of two shapes: a column of "all" with up to four
 * parts and maybe a column of its own; or a flow, where the count at the end of the period is
 * the one at the end of the previous period plus those who came on less those who left. Many
 * counts are small, some zero, a few large.
 */
export function randomTable(random: ReturnType<typeof prng>): RawReportTable {
	const figure = () => {
		const roll = random.next();
		if (roll < 0.3) return 0;
		if (roll < 0.75) return random.int(1, 4);
		return random.int(5, 12);
	};
	const groupCount = random.int(1, 5);
	if (random.next() < 0.25) {
		const columns = [count('end'), count('came'), count('left')];
		const groups = Array.from({ length: groupCount }, () => {
			const before = figure();
			const came = figure();
			const left = Math.min(figure(), before + came);
			return {
				previous: { end: before, came: figure(), left: figure() },
				current: { end: before + came - left, came, left }
			};
		});
		const table = reportTable(
			columns,
			groups.map((g) => g.current)
		);
		table.rows.forEach((row, i) => (row.previous = groups[i].previous));
		table.total.previous = Object.fromEntries(
			['end', 'came', 'left'].map((k) => [
				k,
				groups.reduce((s, g) => s + g.previous[k as 'end'], 0)
			])
		);
		table.balances = [
			[
				{ period: 'current', column: 'end', sign: 1 },
				{ period: 'previous', column: 'end', sign: -1 },
				{ period: 'current', column: 'came', sign: -1 },
				{ period: 'current', column: 'left', sign: 1 }
			]
		];
		return table;
	}
	const parts = random.int(0, 4);
	const columns: ReportColumn[] = [count('all')];
	for (let i = 1; i <= parts; i++) columns.push(count(`part${i}`, 'all'));
	if (random.next() < 0.5) columns.push(count('other'));
	const group = () => {
		const figures: Figures = {};
		for (const column of columns.slice(1)) figures[column.key] = figure();
		figures.all =
			parts > 0
				? columns.filter((c) => c.partOf === 'all').reduce((s, c) => s + figures[c.key]!, 0)
				: figure();
		return figures;
	};
	const table = reportTable(columns, Array.from({ length: groupCount }, group));
	const previous = reportTable(columns, Array.from({ length: groupCount }, group));
	table.rows.forEach((row, i) => (row.previous = previous.rows[i].current));
	table.total.previous = previous.total.current;
	return table;
}
