/** The reports benchmark's figures: percentiles and the Markdown tables it prints. */
import { availableParallelism } from 'node:os';
import type { Breakdown, ReportPeriod } from '../../src/lib/domain/reports';
import { REPORT_TABLES } from '../../src/lib/server/reports';
import type { BenchTarget } from './reports-databases';
import type { TableSamples } from './reports-measure';

export type DatabaseResult = {
	target: BenchTarget;
	cold: { tables: Map<string, number>; dashboard: number };
	warm: TableSamples;
	dashboards: Map<Breakdown, number[]>;
	page?: { first: number; runs: Record<string, number[]> };
	explained?: { table: string; breakdown: Breakdown; plans: string[] }[];
	/** The machine's 1-minute load average as the database's runs began and ended. */
	load: [number, number];
};

/** The p95 target of each table's query on PostgreSQL, and of the whole page (ms). */
export const TABLE_TARGET_MS = 300;
export const PAGE_TARGET_MS = 1000;

/** Nearest-rank percentile. */
export function percentile(values: number[], q: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * q) - 1))];
}

const ms = (value: number | undefined) =>
	value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(0);

/** A table's warm samples over every breakdown, and its worst breakdown by p95. */
function summary(samples: Map<Breakdown, number[]> | undefined) {
	const all = [...(samples?.values() ?? [])].flat();
	let worst: { breakdown: Breakdown; p95: number } | undefined;
	for (const [breakdown, times] of samples ?? []) {
		const p95 = percentile(times, 0.95);
		if (!worst || p95 > worst.p95) worst = { breakdown, p95 };
	}
	return { p50: percentile(all, 0.5), p95: percentile(all, 0.95), worst };
}

/** The `count` tables with the highest p95 (pooled), each with its slowest breakdown. */
export function slowest(result: DatabaseResult, count: number) {
	return REPORT_TABLES.map((t) => ({ table: t.id, ...summary(result.warm.get(t.id)) }))
		.sort((a, b) => b.p95 - a.p95)
		.slice(0, count)
		.map((s) => ({ table: s.table, breakdown: s.worst!.breakdown }));
}

export function printResults(
	results: DatabaseResult[],
	run: { patients: number; runs: number; breakdowns: Breakdown[]; period: ReportPeriod }
) {
	const head = ['Table'].concat(
		results.flatMap((r) => {
			const name = r.target.kind;
			return [`${name} cold`, `${name} p50`, `${name} p95`, `${name} worst p95 (by)`];
		})
	);
	const lines = [`| ${head.join(' | ')} |`, `|---|${'--:|'.repeat(head.length - 1)}`];
	for (const table of REPORT_TABLES) {
		const cells = results.flatMap((r) => {
			const s = summary(r.warm.get(table.id));
			return [
				ms(r.cold.tables.get(table.id)),
				ms(s.p50),
				ms(s.p95),
				s.worst ? `${ms(s.worst.p95)} (${s.worst.breakdown})` : '–'
			];
		});
		lines.push(`| ${table.id} | ${cells.join(' | ')} |`);
	}
	const dashboard = results.flatMap((r) => {
		const all = [...r.dashboards.values()].flat();
		const worst = [...r.dashboards.entries()]
			.map(([b, t]) => ({ b, p95: percentile(t, 0.95) }))
			.sort((a, b) => b.p95 - a.p95)[0];
		return [
			ms(r.cold.dashboard),
			ms(percentile(all, 0.5)),
			ms(percentile(all, 0.95)),
			worst ? `${ms(worst.p95)} (${worst.b})` : '–'
		];
	});
	lines.push(`| **loadDashboard (all tables)** | ${dashboard.join(' | ')} |`);
	const page = results.flatMap((r) => {
		if (!r.page) return ['–', '–', '–', '–'];
		const all = Object.values(r.page.runs).flat();
		const worst = Object.entries(r.page.runs)
			.map(([b, t]) => ({ b, p95: percentile(t, 0.95) }))
			.sort((a, b) => b.p95 - a.p95)[0];
		return [
			`${ms(r.page.first)} (first request)`,
			ms(percentile(all, 0.5)),
			ms(percentile(all, 0.95)),
			`${ms(worst.p95)} (${worst.b})`
		];
	});
	lines.push(`| **GET /reports (page)** | ${page.join(' | ')} |`);

	console.log(
		`\nReports benchmark: Large PCN, ${run.patients.toLocaleString('en-GB')} patients; period ` +
			`${run.period.from} to ${run.period.to} (and the one before); ${run.runs} warm runs per ` +
			`table per breakdown (${run.breakdowns.join(', ')}); times in ms. Cold: the first query ` +
			`on a connection just opened, breakdown by practice.\n`
	);
	console.log(lines.join('\n'));
	const cores = availableParallelism();
	for (const r of results) {
		console.log(
			`\n${r.target.label}: load average ${r.load[0].toFixed(1)} at the start, ${r.load[1].toFixed(1)} at the end (${cores} cores).`
		);
	}
	for (const r of results.filter((r) => r.target.kind === 'PostgreSQL')) {
		const missing = REPORT_TABLES.map((t) => ({ id: t.id, ...summary(r.warm.get(t.id)) })).filter(
			(s) => s.p95 >= TABLE_TARGET_MS || (s.worst?.p95 ?? 0) >= TABLE_TARGET_MS
		);
		console.log(
			missing.length === 0
				? `\nPostgreSQL: every table's p95 is under ${TABLE_TARGET_MS} ms, in every breakdown.`
				: `\nPostgreSQL: over ${TABLE_TARGET_MS} ms at p95 (pooled, or in its worst breakdown): ` +
						missing
							.map((s) => `${s.id} (${ms(s.p95)}; ${ms(s.worst?.p95)} by ${s.worst?.breakdown})`)
							.join(', ')
		);
	}
	for (const r of results.filter((r) => r.page)) {
		const p95 = percentile(Object.values(r.page!.runs).flat(), 0.95);
		console.log(
			`${r.target.kind}: the page's p95 is ${ms(p95)} ms (target < ${PAGE_TARGET_MS} ms): ${p95 < PAGE_TARGET_MS ? 'met' : 'missed'}.`
		);
	}
}
