/**
 * Suppression of small numbers in published figures, as NHS public-health reporting does
 * (NHS England, "Statistical disclosure control"; ONS disclosure control guidance for tables):
 * a count of 1 to 4 people or events is never shown, because with a breakdown by practice, age,
 * sex, ethnicity and deprivation so small a group can identify a person (hazard: disclosure of
 * a person's care through aggregate figures).
 *
 * Primary suppression hides each count from 1 to 4. Secondary (complementary) suppression then
 * hides more counts until no hidden one can be worked out from what is shown (disclosure.ts):
 * not by one subtraction — the groups of a breakdown add up to the PCN total, the parts of a row
 * to its whole ("by source" to "all referrals"), a table's balances hold — nor by combining
 * several such sums, nor from knowing that a hidden count is never 0. Each time, the smallest
 * other count of a sum that gives one away is hidden (a total or a whole only when no part is
 * left), so that as little as possible is lost. Zero is shown (it identifies no one). A median,
 * mean or percentage is shown only over a shown count of at least 5, and a percentage only when
 * its numerator is shown too.
 *
 * Tables that show the same count (all referrals, in the table by source and in the one by
 * outcome) are suppressed together, linked by that count, so that one cannot give away what the
 * other hides. And a breakdown's total row hides what the report with no breakdown hides, and
 * more only when nothing else can protect a group: the view without a breakdown shows it.
 */
import type {
	Figures,
	RawReportRow,
	RawReportTable,
	ReportRow,
	ReportTable,
	ShownFigures
} from './reports';
import { disclosedCounts } from './disclosure';

/** The largest count that is suppressed; 0 is shown. */
export const SMALL_NUMBER_MAX = 4;

/** Whether a count is too small to show on its own (1 to 4). */
export function isSmallNumber(count: number): boolean {
	return count >= 1 && count <= SMALL_NUMBER_MAX;
}

type Period = 'current' | 'previous';
type Cell = { table: number; period: Period; row: number; column: string };

/**
 * A count two tables both show, group by group and period by period: all referrals by source
 * and all referrals by outcome.
 */
export type ReportLink = { tables: [string, string]; columns: [string, string] };

/** One table as it may be shown (see suppressTogether). */
export function suppressSmallNumbers(table: RawReportTable): ReportTable {
	return suppressTogether([table])[0];
}

/**
 * Tables as they may be shown, suppressed together: both periods of each (a table's `balances`
 * may link them: on the caseload at the end = at the end of the last period + came on − left),
 * and every table with those it shares a count with through `links`.
 */
export function suppressTogether(
	tables: readonly RawReportTable[],
	links: readonly ReportLink[] = []
): ReportTable[] {
	const rowsOf = tables.map((table) => [...table.rows, table.total]);
	const id = (cell: Cell) =>
		`${cell.table}\u0000${cell.period}\u0000${cell.row}\u0000${cell.column}`;
	const values = new Map<string, number>();
	const totals = new Set<string>();
	const isTotalOrWhole = new Set<string>();
	tables.forEach((table, t) => {
		const wholes = new Set(table.columns.map((column) => column.partOf));
		for (const period of ['current', 'previous'] as const) {
			rowsOf[t].forEach((row, r) => {
				for (const column of table.columns.filter((c) => c.kind === 'count')) {
					const key = id({ table: t, period, row: r, column: column.key });
					values.set(key, row[period][column.key] ?? 0);
					if (r === rowsOf[t].length - 1) totals.add(key);
					if (totals.has(key) || wholes.has(column.key)) isTotalOrWhole.add(key);
				}
			});
		}
	});
	const equations = tables.flatMap((table, t) =>
		equationsOf(table, rowsOf[t].length, (cell) => id({ ...cell, table: t }))
	);
	for (const link of links) {
		const [a, b] = link.tables.map((tableId) => tables.findIndex((t) => t.id === tableId));
		if (a < 0 || b < 0) continue;
		const rowOf = new Map(rowsOf[b].map((row, r) => [row.key, r]));
		for (const period of ['current', 'previous'] as const) {
			rowsOf[a].forEach((row, r) => {
				const other = rowOf.get(row.key);
				if (other === undefined) return;
				equations.push(
					new Map([
						[id({ table: a, period, row: r, column: link.columns[0] }), 1],
						[id({ table: b, period, row: other, column: link.columns[1] }), -1]
					])
				);
			});
		}
	}
	// The PCN totals are what the report shows with no breakdown: under a breakdown the same
	// totals are hidden, and another is hidden to protect a group only when nothing else can.
	const broken = tables.some((table) => table.rows.length > 0);
	const hidden = hide(equations, values, isTotalOrWhole, {
		preferShown: broken ? totals : new Set(),
		alsoHidden: broken
			? hiddenTotals(tables, links, (t, period, column) =>
					id({ table: t, period, row: rowsOf[t].length - 1, column })
				)
			: new Set()
	});
	return tables.map((table, t) => {
		const shownRow = (row: RawReportRow, r: number): ReportRow => ({
			key: row.key,
			label: row.label,
			current: shownFigures(table, row.current, (column) =>
				hidden.has(id({ table: t, period: 'current', row: r, column }))
			),
			previous: shownFigures(table, row.previous, (column) =>
				hidden.has(id({ table: t, period: 'previous', row: r, column }))
			)
		});
		return {
			...table,
			rows: table.rows.map(shownRow),
			total: shownRow(table.total, table.rows.length)
		};
	});
}

/**
 * Which total counts the tables hide with no breakdown (the tables' totals alone, suppressed
 * together), as ids of the broken-down tables' total rows.
 */
function hiddenTotals(
	tables: readonly RawReportTable[],
	links: readonly ReportLink[],
	totalId: (table: number, period: Period, column: string) => string
): Set<string> {
	const shown = suppressTogether(
		tables.map((table) => ({ ...table, rows: [] })),
		links
	);
	const hidden = new Set<string>();
	shown.forEach((table, t) => {
		for (const period of ['current', 'previous'] as const) {
			for (const [column, figure] of Object.entries(table.total[period])) {
				if (figure === 'suppressed') hidden.add(totalId(t, period, column));
			}
		}
	});
	return hidden;
}

/**
 * Every equation the shown counts of one table obey, by count id: the groups of each count
 * column add up to the total row (last), the parts of a column add up to it, and the table's
 * balances hold in each row.
 */
function equationsOf(
	table: RawReportTable,
	rowCount: number,
	id: (cell: Omit<Cell, 'table'>) => string
): Map<string, number>[] {
	const counts = table.columns.filter((column) => column.kind === 'count');
	const total = rowCount - 1;
	const equations: Map<string, number>[] = [];
	for (const period of ['current', 'previous'] as const) {
		// With no breakdown the total is all there is: no groups add up to it.
		for (const column of total > 0 ? counts : []) {
			const equation = new Map([[id({ period, row: total, column: column.key }), 1]]);
			for (let row = 0; row < total; row++) {
				equation.set(id({ period, row, column: column.key }), -1);
			}
			equations.push(equation);
		}
		for (const whole of counts) {
			const parts = counts.filter((column) => column.partOf === whole.key);
			if (parts.length === 0) continue;
			for (let row = 0; row <= total; row++) {
				const equation = new Map([[id({ period, row, column: whole.key }), 1]]);
				for (const part of parts) equation.set(id({ period, row, column: part.key }), -1);
				equations.push(equation);
			}
		}
	}
	for (const balance of table.balances ?? []) {
		for (let row = 0; row <= total; row++) {
			equations.push(new Map(balance.map((term) => [id({ ...term, row }), term.sign])));
		}
	}
	return equations;
}

/**
 * The counts to hide: each of 1 to 4, then, until none of them can be worked out, the smallest
 * other count of an equation that gives one away (totals and wholes last).
 */
function hide(
	equations: Map<string, number>[],
	values: ReadonlyMap<string, number>,
	lastResort: ReadonlySet<string>,
	totals: { preferShown: ReadonlySet<string>; alsoHidden: ReadonlySet<string> }
): Set<string> {
	const hidden = new Set([...values].filter(([, n]) => isSmallNumber(n)).map(([key]) => key));
	for (const key of totals.alsoHidden) hidden.add(key);
	const givenUp = new Set<string>();
	const containing = new Map<string, Map<string, number>[]>();
	for (const equation of equations) {
		for (const key of equation.keys()) {
			if (!containing.has(key)) containing.set(key, []);
			containing.get(key)!.push(equation);
		}
	}
	/**
	 * The last resort: every count tied to `key` by an equation, however far (its component), is
	 * hidden, and the component is done with.
	 */
	const hideEquationsOf = (key: string) => {
		const seen = new Set([key]);
		for (const next of seen) {
			for (const equation of containing.get(next) ?? []) {
				for (const other of equation.keys()) seen.add(other);
			}
		}
		for (const other of seen) {
			if ((values.get(other) ?? 0) > 0) hidden.add(other);
			// All that can be hidden there is: what is left to give away, only zeros give.
			givenUp.add(other);
		}
	};
	const rank = (key: string) => (totals.preferShown.has(key) ? 2 : lastResort.has(key) ? 1 : 0);
	/** Hides the smallest other count of the equations that hold `key`; false if none is left. */
	const hideNextTo = (key: string) => {
		const [next] = (containing.get(key) ?? [])
			.flatMap((equation) => [...equation.keys()])
			.filter((other) => !hidden.has(other) && (values.get(other) ?? 0) > 0)
			.sort((a, b) => rank(a) - rank(b) || values.get(a)! - values.get(b)!);
		if (next) hidden.add(next);
		return next !== undefined;
	};
	// Only a small number given away matters: a count hidden to protect one is 5 or more, and
	// may be worked out (a group that is all of a total, say) as long as no small one follows.
	const small = (key: string) => isSmallNumber(values.get(key) ?? 0);
	for (;;) {
		// The common case first and cheaply: equations with one hidden count.
		const lone = equations
			.map((equation) => [...equation.keys()].filter((key) => hidden.has(key)))
			.filter((keys) => keys.length === 1 && !givenUp.has(keys[0]))
			.map(([key]) => key);
		if (lone.length > 0) {
			for (const key of new Set(lone)) {
				if (!hideNextTo(key)) {
					if (small(key)) hideEquationsOf(key);
					else givenUp.add(key);
				}
			}
			continue;
		}
		// Then what any combination of sums, and the bounds, give away.
		const determined = disclosedCounts(equations, values, hidden);
		const smallOnes = determined.filter((key) => small(key) && !givenUp.has(key));
		if (smallOnes.length === 0) return hidden;
		for (const key of smallOnes) {
			// Beside the small count, or else beside a count it was worked out through.
			if (!hideNextTo(key) && !determined.some((other) => hideNextTo(other))) {
				hideEquationsOf(key);
			}
		}
	}
}

/** One row's figures as shown, given which of its counts are hidden. */
function shownFigures(
	table: RawReportTable,
	figures: Figures,
	isHidden: (column: string) => boolean
): ShownFigures {
	const isShownCount = (column: string | undefined) => column !== undefined && !isHidden(column);
	const shown: ShownFigures = {};
	for (const column of table.columns) {
		const raw = figures[column.key] ?? null;
		if (column.kind === 'count') {
			shown[column.key] = isShownCount(column.key) ? raw : 'suppressed';
			continue;
		}
		const base = column.base ? (figures[column.base] ?? 0) : 0;
		if (base === 0) shown[column.key] = null;
		else if (!isShownCount(column.base) || base <= SMALL_NUMBER_MAX) {
			shown[column.key] = 'suppressed';
		} else if (column.kind === 'percent') {
			const numerator = column.numerator ? (figures[column.numerator] ?? 0) : 0;
			shown[column.key] = isShownCount(column.numerator)
				? Math.round((numerator / base) * 1000) / 10
				: 'suppressed';
		} else shown[column.key] = raw;
	}
	return shown;
}
