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
 */
import type {
	RawReportRow,
	RawReportTable,
	ReportColumn,
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
type Cell = { period: Period; row: number; column: string };

/**
 * The table as it may be shown. Both periods are suppressed together, because a table's
 * `balances` may link them (on the caseload at the end of this period = at the end of the last
 * one + opened − closed).
 */
export function suppressSmallNumbers(table: RawReportTable): ReportTable {
	const rows = [...table.rows, table.total];
	const shown = suppressFigures(table, rows);
	const toRow = (row: RawReportRow, index: number): ReportRow => ({
		key: row.key,
		label: row.label,
		current: shown.current[index],
		previous: shown.previous[index]
	});
	return {
		...table,
		rows: table.rows.map(toRow),
		total: toRow(table.total, table.rows.length)
	};
}

/**
 * Every equation the shown counts obey, by count id: the groups of each count column add up to
 * the total row (last), the parts of a column add up to it, and a table's balances hold in each
 * row.
 */
function equationsOf(
	table: RawReportTable,
	rowCount: number,
	id: (cell: Cell) => string
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

function suppressFigures(
	table: RawReportTable,
	rows: RawReportRow[]
): Record<Period, ShownFigures[]> {
	const counts = table.columns.filter((column) => column.kind === 'count');
	const id = (cell: Cell) => `${cell.period}\u0000${cell.row}\u0000${cell.column}`;
	const values = new Map<string, number>();
	for (const period of ['current', 'previous'] as const) {
		for (let row = 0; row < rows.length; row++) {
			for (const column of counts) {
				const cell = { period, row, column: column.key };
				values.set(id(cell), rows[row][period][column.key] ?? 0);
			}
		}
	}
	const hidden = new Set([...values].filter(([, n]) => isSmallNumber(n)).map(([key]) => key));
	const equations = equationsOf(table, rows.length, id);

	// A total row's or a whole column's count is hidden only when no part of it is left.
	const wholes = new Set(counts.map((column) => column.partOf));
	const totalRow = String(rows.length - 1);
	const isTotal = (key: string) => {
		const [, row, column] = key.split('\u0000');
		return row === totalRow || wholes.has(column);
	};
	/** Hides the smallest other count of the equations that hold `key`; false if none is left. */
	const hideNextTo = (key: string) => {
		const [next] = equations
			.filter((equation) => equation.has(key))
			.flatMap((equation) => [...equation.keys()])
			.filter((other) => !hidden.has(other) && (values.get(other) ?? 0) > 0)
			.sort((a, b) => Number(isTotal(a)) - Number(isTotal(b)) || values.get(a)! - values.get(b)!);
		if (next) hidden.add(next);
		return next !== undefined;
	};
	for (;;) {
		// The common case first and cheaply: an equation with one hidden count.
		const lone = equations
			.map((equation) => [...equation.keys()].filter((key) => hidden.has(key)))
			.find((keys) => keys.length === 1);
		const [disclosed] = lone ?? disclosedCounts(equations, values, hidden);
		if (disclosed === undefined) break;
		if (!hideNextTo(disclosed)) {
			// Nothing left beside it to hide: hide every count, rather than give one away.
			for (const [key, n] of values) if (n > 0) hidden.add(key);
			break;
		}
	}

	const shownRow = (period: Period, row: number): ShownFigures => {
		const figures = rows[row][period];
		const isShownCount = (column: string | undefined) =>
			column !== undefined && !hidden.has(id({ period, row, column }));
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
	};
	return {
		current: rows.map((_, row) => shownRow('current', row)),
		previous: rows.map((_, row) => shownRow('previous', row))
	};
}
