/** Seeded randomness for the demo data: a seed always gives the same numbers, never Math.random. */

export type Weighted<T> = readonly (readonly [T, number])[];

export type Random = {
	next(): number;
	int(min: number, max: number): number;
	chance(probability: number): boolean;
	pick<T>(items: readonly T[]): T;
	weighted<T>(choices: Weighted<T>): T;
};

/** mulberry32: tiny, fast and good enough for demo data. */
export function createRandom(seed: number): Random {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		chance: (probability) => next() < probability,
		pick: (items) => items[Math.floor(next() * items.length)],
		weighted: (choices) => {
			const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
			let roll = next() * total;
			for (const [value, weight] of choices) {
				roll -= weight;
				if (roll < 0) return value;
			}
			return choices[choices.length - 1][0];
		}
	};
}
