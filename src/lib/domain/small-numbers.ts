/**
 * Suppression of small numbers in published figures, as NHS public-health reporting does
 * (NHS England, "Statistical disclosure control"; ONS disclosure control guidance for tables):
 * a count of 1 to 4 people or events is never shown, because with a breakdown by practice, age,
 * sex, ethnicity and deprivation so small a group can identify a person (hazard: disclosure of
 * a person's care through aggregate figures).
 *
 * Primary suppression hides each count from 1 to 4. Secondary (complementary) suppression then
 * makes sure no hidden count can be worked out by subtraction: wherever counts add up to another
 * count that is shown — the groups of a breakdown to the PCN total, the parts of a row to its
 * whole ("by source" to "all referrals") — no such sum may have exactly one hidden member; if
 * it does, the smallest other non-zero member is hidden too, and so on until none has. Zero is
 * shown (it identifies no one). A median, mean or percentage is shown only over a shown count of
 * at least 5, and a percentage only when its numerator is shown too.
 */
import type {
	RawReportRow,
	RawReportTable,
	ReportColumn,
	ReportRow,
	ReportTable,
	ShownFigures
} from './reports';

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
 * Every set of counts linked by one equation that is shown: the groups of each count column add
 * up to the total row (last), the parts of a column add up to it, and a table's balances hold in
 * each row. A hidden count is worked out by subtraction exactly when it is the only hidden member
 * of such a set.
 */
function linkedSets(table: RawReportTable, rowCount: number): Cell[][] {
	const counts = table.columns.filter((column) => column.kind === 'count');
	const total = rowCount - 1;
	const sets: Cell[][] = [];
	for (const period of ['current', 'previous'] as const) {
		for (const column of counts) {
			sets.push(
				Array.from({ length: rowCount }, (_, row) => ({ period, row, column: column.key }))
			);
		}
		for (const whole of counts) {
			const parts = counts.filter((column) => column.partOf === whole.key);
			if (parts.length === 0) continue;
			for (let row = 0; row <= total; row++) {
				sets.push([whole, ...parts].map((column) => ({ period, row, column: column.key })));
			}
		}
	}
	for (const balance of table.balances ?? []) {
		for (let row = 0; row <= total; row++) {
			sets.push(balance.map((term) => ({ ...term, row })));
		}
	}
	return sets;
}

function suppressFigures(
	table: RawReportTable,
	rows: RawReportRow[]
): Record<Period, ShownFigures[]> {
	const counts = table.columns.filter((column) => column.kind === 'count');
	const value = (cell: Cell) => rows[cell.row][cell.period][cell.column] ?? 0;
	const id = (cell: Cell) => `${cell.period}\u0000${cell.row}\u0000${cell.column}`;
	const hidden = new Set<string>();
	for (const period of ['current', 'previous'] as const) {
		for (let row = 0; row < rows.length; row++) {
			for (const column of counts) {
				const cell = { period, row, column: column.key };
				if (isSmallNumber(value(cell))) hidden.add(id(cell));
			}
		}
	}

	const sets = linkedSets(table, rows.length);
	const wholes = new Set(counts.map((column) => column.partOf));
	// A total row's or a whole column's count is hidden only when no part of it is left.
	const isTotal = (cell: Cell) => cell.row === rows.length - 1 || wholes.has(cell.column);
	for (let changed = true; changed;) {
		changed = false;
		for (const set of sets) {
			if (set.filter((cell) => hidden.has(id(cell))).length !== 1) continue;
			// The smallest other count is hidden too, so that the least is lost.
			const [next] = set
				.filter((cell) => !hidden.has(id(cell)) && value(cell) > 0)
				.sort((a, b) => Number(isTotal(a)) - Number(isTotal(b)) || value(a) - value(b));
			if (!next) continue;
			hidden.add(id(next));
			changed = true;
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
