/**
 * Which hidden counts of a table can still be worked out from what is shown. A table's counts
 * are tied by linear equations (the groups add up to the total, the parts of a row to its
 * whole…); a reader who knows the shown counts and the equations can solve for a hidden one:
 *
 * - **exactly**, when its unit vector lies in the span of the equations restricted to the hidden
 *   counts (linear algebra: one subtraction, or any combination of rows and columns);
 * - **by bounds**, since a hidden count is never 0 (zero is always shown): when the hidden counts
 *   of one equation, all on the same side, add up to no more than their number, each is 1.
 *
 * Pure; exact enough in floating point for tables of a few hundred counts with coefficients ±1.
 */

/** One equation: the sum of `coefficient × count` over its terms is zero. */
export type Equation = ReadonlyMap<string, number>;

const EPSILON = 1e-9;

/**
 * The hidden counts that a reader could work out, exactly or by bounds.
 * @param equations linear equations over count ids
 * @param values every count by id (hidden ones too: to compute what the reader sees)
 * @param hidden ids of the hidden counts
 */
export function disclosedCounts(
	equations: readonly Equation[],
	values: ReadonlyMap<string, number>,
	hidden: ReadonlySet<string>
): string[] {
	const unknowns = [...hidden];
	const column = new Map(unknowns.map((id, i) => [id, i]));
	const rows = equations
		.map((equation) => {
			const row = new Array<number>(unknowns.length).fill(0);
			let any = false;
			for (const [id, coefficient] of equation) {
				const i = column.get(id);
				if (i !== undefined) {
					row[i] += coefficient;
					any = true;
				}
			}
			return any ? row : null;
		})
		.filter((row): row is number[] => row !== null);

	const found = new Set<string>();
	for (const i of exactlyDetermined(rows, unknowns.length)) found.add(unknowns[i]);

	// Bounds: in one equation, hidden counts all of one sign whose shown remainder says they add
	// up to their number are each 1.
	for (const equation of equations) {
		const terms = [...equation].filter(([id]) => hidden.has(id));
		if (terms.length < 2) continue;
		const sign = Math.sign(terms[0][1]);
		if (!terms.every(([, c]) => Math.sign(c) === sign && Math.abs(c) === 1)) continue;
		let shown = 0;
		for (const [id, coefficient] of equation) {
			if (!hidden.has(id)) shown += coefficient * (values.get(id) ?? 0);
		}
		const hiddenSum = -shown * sign;
		if (hiddenSum <= terms.length) for (const [id] of terms) found.add(id);
	}
	return [...found];
}

/**
 * Indexes of the unknowns whose value the equations fix: after reducing the rows to reduced row
 * echelon form, those whose pivot row has no other non-zero entry.
 */
function exactlyDetermined(input: number[][], width: number): number[] {
	const rows = input.map((row) => [...row]);
	const pivots: { row: number; column: number }[] = [];
	let next = 0;
	for (let col = 0; col < width && next < rows.length; col++) {
		let best = next;
		for (let r = next + 1; r < rows.length; r++) {
			if (Math.abs(rows[r][col]) > Math.abs(rows[best][col])) best = r;
		}
		if (Math.abs(rows[best][col]) < EPSILON) continue;
		[rows[next], rows[best]] = [rows[best], rows[next]];
		const pivot = rows[next][col];
		for (let c = 0; c < width; c++) rows[next][c] /= pivot;
		for (let r = 0; r < rows.length; r++) {
			if (r === next || Math.abs(rows[r][col]) < EPSILON) continue;
			const factor = rows[r][col];
			for (let c = 0; c < width; c++) rows[r][c] -= factor * rows[next][c];
		}
		pivots.push({ row: next, column: col });
		next += 1;
	}
	return pivots
		.filter(({ row, column }) =>
			rows[row].every((value, c) => c === column || Math.abs(value) < EPSILON)
		)
		.map(({ column }) => column);
}
