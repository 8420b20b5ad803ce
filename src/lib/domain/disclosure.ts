/**
 * Which hidden counts of a table can still be worked out from what is shown. A table's counts
 * are tied by linear equations (the groups add up to the total, the parts of a row to its
 * whole…); a reader who knows the shown counts and the equations can solve for a hidden one:
 *
 * - **exactly**, when its unit vector lies in the span of the equations restricted to the hidden
 *   counts (linear algebra: one subtraction, or any combination of rows and columns);
 * - **by bounds**, since a hidden count is never 0 (zero is always shown): each equation bounds
 *   each of its hidden counts by the bounds of the others (x + y = 2 makes both 1; several
 *   sums together can pin one too); propagated until nothing tightens, a count whose lowest
 *   and highest possible values meet is given away.
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

	for (const id of boundedToOneValue(equations, values, hidden)) found.add(id);
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

/**
 * Interval propagation over the equations: each hidden count starts at [1, ∞) and each equation
 * Σ cᵢxᵢ = b narrows each of its counts to what the others' intervals leave; repeated until
 * nothing changes (sound: only what every solution agrees on). Returns the counts pinned to one
 * value.
 */
function boundedToOneValue(
	equations: readonly Equation[],
	values: ReadonlyMap<string, number>,
	hidden: ReadonlySet<string>
): string[] {
	const low = new Map([...hidden].map((id) => [id, 1]));
	const high = new Map([...hidden].map((id) => [id, Infinity]));
	const systems = equations
		.map((equation) => {
			let constant = 0;
			const terms: [string, number][] = [];
			for (const [id, coefficient] of equation) {
				if (hidden.has(id)) terms.push([id, coefficient]);
				else constant -= coefficient * (values.get(id) ?? 0);
			}
			return { terms, constant };
		})
		.filter(({ terms }) => terms.length > 0);
	for (let round = 0, changed = true; changed && round < 100; round++) {
		changed = false;
		for (const { terms, constant } of systems) {
			for (const [id, coefficient] of terms) {
				// The others' sum Σ cᵢxᵢ lies in [restLow, restHigh].
				let restLow = 0;
				let restHigh = 0;
				for (const [other, c] of terms) {
					if (other === id) continue;
					const [a, b] = [c * low.get(other)!, c * high.get(other)!];
					restLow += Math.min(a, b);
					restHigh += Math.max(a, b);
				}
				const bounds = [(constant - restHigh) / coefficient, (constant - restLow) / coefficient];
				const from = Math.ceil(Math.min(...bounds) - EPSILON);
				const to = Math.floor(Math.max(...bounds) + EPSILON);
				if (!Number.isNaN(from) && from > low.get(id)!) {
					low.set(id, from);
					changed = true;
				}
				if (!Number.isNaN(to) && to < high.get(id)!) {
					high.set(id, to);
					changed = true;
				}
			}
		}
	}
	return [...hidden].filter((id) => low.get(id) === high.get(id));
}
