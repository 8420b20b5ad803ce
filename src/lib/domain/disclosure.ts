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
 *   and highest possible values meet is given away, and so is one that any other value would
 *   make impossible (probing). Propagation is a relaxation: what it finds is really given away,
 *   though a full linear programme could find more.
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
	// Hidden counts tied by no chain of equations are solved apart: far smaller systems.
	return components(equations, hidden).flatMap((component) =>
		disclosedIn(component.equations, values, component.hidden)
	);
}

/** The hidden counts split into groups linked by equations, each with its equations. */
function components(
	equations: readonly Equation[],
	hidden: ReadonlySet<string>
): { hidden: Set<string>; equations: Equation[] }[] {
	const parent = new Map([...hidden].map((id) => [id, id]));
	const root = (id: string): string => {
		let r = id;
		while (parent.get(r) !== r) r = parent.get(r)!;
		parent.set(id, r);
		return r;
	};
	const hiddenOf = (equation: Equation) => [...equation.keys()].filter((id) => hidden.has(id));
	for (const equation of equations) {
		const [first, ...rest] = hiddenOf(equation);
		for (const id of rest) parent.set(root(id), root(first));
	}
	const byRoot = new Map<string, { hidden: Set<string>; equations: Equation[] }>();
	for (const id of hidden) {
		const r = root(id);
		if (!byRoot.has(r)) byRoot.set(r, { hidden: new Set(), equations: [] });
		byRoot.get(r)!.hidden.add(id);
	}
	for (const equation of equations) {
		const [first] = hiddenOf(equation);
		if (first !== undefined) byRoot.get(root(first))!.equations.push(equation);
	}
	return [...byRoot.values()];
}

function disclosedIn(
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

/** An equation over hidden counts by index: Σ coefficient × x[index] = constant. */
type System = { indexes: number[]; coefficients: number[]; constant: number };

/**
 * Interval propagation over the equations: each hidden count starts at [1, ∞) and each equation
 * Σ cᵢxᵢ = b narrows each of its counts to what the others' intervals leave, until nothing
 * changes (sound: only what every solution agrees on). Then each count still free is probed: if
 * one more than its lowest value (or one less than its highest) leaves no solution, it is
 * pinned. Returns the counts pinned to one value.
 */
function boundedToOneValue(
	equations: readonly Equation[],
	values: ReadonlyMap<string, number>,
	hidden: ReadonlySet<string>
): string[] {
	const ids = [...hidden];
	const index = new Map(ids.map((id, i) => [id, i]));
	const systems: System[] = equations
		.map((equation) => {
			const system: System = { indexes: [], coefficients: [], constant: 0 };
			for (const [id, coefficient] of equation) {
				const i = index.get(id);
				if (i === undefined) system.constant -= coefficient * (values.get(id) ?? 0);
				else {
					system.indexes.push(i);
					system.coefficients.push(coefficient);
				}
			}
			return system;
		})
		.filter(({ indexes }) => indexes.length > 0);
	const low = new Float64Array(ids.length).fill(1);
	const high = new Float64Array(ids.length).fill(Infinity);
	propagate(systems, low, high);
	const infeasibleWith = (i: number, from: number, to: number) => {
		const probeLow = low.slice();
		const probeHigh = high.slice();
		probeLow[i] = from;
		probeHigh[i] = to;
		return !propagate(systems, probeLow, probeHigh);
	};
	return ids.filter(
		(_, i) =>
			low[i] === high[i] ||
			infeasibleWith(i, low[i] + 1, high[i]) ||
			(Number.isFinite(high[i]) && infeasibleWith(i, low[i], high[i] - 1))
	);
}

/** Narrows `low` and `high` in place; false when no solution is left (some low above its high). */
function propagate(systems: readonly System[], low: Float64Array, high: Float64Array): boolean {
	for (let round = 0, changed = true; changed && round < 100; round++) {
		changed = false;
		for (const { indexes, coefficients, constant } of systems) {
			// Σ cᵢxᵢ over all terms lies in [finite low sum, finite high sum], unless some terms
			// are unbounded that way (counted apart, so that each term's rest costs O(1)).
			let lowSum = 0;
			let highSum = 0;
			let lowInfinite = 0;
			let highInfinite = 0;
			const n = indexes.length;
			const mins = new Float64Array(n);
			const maxes = new Float64Array(n);
			for (let t = 0; t < n; t++) {
				const c = coefficients[t];
				const a = c * low[indexes[t]];
				const b = c * high[indexes[t]];
				mins[t] = a < b ? a : b;
				maxes[t] = a < b ? b : a;
				if (Number.isFinite(mins[t])) lowSum += mins[t];
				else lowInfinite += 1;
				if (Number.isFinite(maxes[t])) highSum += maxes[t];
				else highInfinite += 1;
			}
			for (let t = 0; t < n; t++) {
				const i = indexes[t];
				const c = coefficients[t];
				// The others' sum lies in [restLow, restHigh].
				const restLow = Number.isFinite(mins[t])
					? lowInfinite > 0
						? -Infinity
						: lowSum - mins[t]
					: lowInfinite > 1
						? -Infinity
						: lowSum;
				const restHigh = Number.isFinite(maxes[t])
					? highInfinite > 0
						? Infinity
						: highSum - maxes[t]
					: highInfinite > 1
						? Infinity
						: highSum;
				const x = (constant - restHigh) / c;
				const y = (constant - restLow) / c;
				const from = Math.ceil((x < y ? x : y) - EPSILON);
				const to = Math.floor((x < y ? y : x) + EPSILON);
				if (from > low[i]) {
					low[i] = from;
					changed = true;
				}
				if (to < high[i]) {
					high[i] = to;
					changed = true;
				}
				if (low[i] > high[i]) return false;
			}
		}
	}
	return true;
}
