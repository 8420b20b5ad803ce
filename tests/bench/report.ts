/** The collaboration benchmark's figures: percentiles, the Markdown table and the verdict. */

export type ServerName = 'ours' | 'reference' | 'hocuspocus';

export type Metrics = {
	latencyMs: { p50: number; p95: number; p99: number; max: number; samples: number };
	/** Edits sent in the measured window. */
	edits: number;
	deliveries: number;
	expectedDeliveries: number;
	deliveryRatio: number;
	rooms: number;
	diverged: number;
	disconnects: number;
	settleMs: number;
	settleLimitMs: number;
	connectMs: number;
	windowSeconds: number;
	/** Server process: CPU seconds in the measured window, per 1,000 edits, and in cores. */
	cpuSeconds: number;
	cpuPer1kEdits: number;
	serverCores: number;
	peakRssMb: number;
	/** PostgreSQL backends serving our server (outside its process), when it runs on PostgreSQL. */
	databaseCpuPer1kEdits?: number;
	generator: {
		processes: number;
		cores: number[];
		eventLoopUtilisation: number[];
		sendLagP99Ms: number;
	};
	/** The machine's 1-minute load average just before this server started. */
	loadAverage: number;
	/** Cores used during the window by processes that are not part of the benchmark. */
	otherCores: number;
};

export type ServerRun = { server: ServerName; label: string } & (
	{ ok: true; metrics: Metrics } | { ok: false; reason: string }
);

/** Beyond these, a run's latencies say more about the machine than about the server. */
const DISTURBED_CORES = 0.25;
const DISTURBED_LAG_MS = 50;

export type Check = { target: string; pass: boolean | null; detail: string };

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: Float64Array, q: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * q) - 1))];
}

const fixed = (value: number, digits: number) =>
	Number.isFinite(value) ? value.toFixed(digits) : '–';
const ratio = (value: number | undefined) => (value === undefined ? '–' : `${fixed(value, 2)}×`);

function find(runs: ServerRun[], server: ServerName): Metrics | undefined {
	const run = runs.find((r) => r.server === server);
	return run?.ok ? run.metrics : undefined;
}

export function markdownTable(runs: ServerRun[]): string {
	const reference = find(runs, 'reference');
	const columns = ['Server', 'p50 ms', 'p95 ms', 'p99 ms', 'Delivery', 'Diverged rooms']
		.concat(['CPU s / 1k edits', 'Peak RSS MB', 'p99 ÷ ref', 'CPU ÷ ref'])
		.map((c) => ` ${c} `);
	const lines = [`|${columns.join('|')}|`, '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|'];
	for (const run of runs) {
		if (!run.ok) {
			lines.push(
				`| ${run.label} | could not run: ${run.reason.replaceAll('|', '\\|')} | | | | | | | | |`
			);
			continue;
		}
		const m = run.metrics;
		lines.push(
			`| ${run.label} | ${fixed(m.latencyMs.p50, 1)} | ${fixed(m.latencyMs.p95, 1)} | ` +
				`${fixed(m.latencyMs.p99, 1)} | ${fixed(m.deliveryRatio * 100, 2)} % | ` +
				`${m.diverged} / ${m.rooms} | ${fixed(m.cpuPer1kEdits, 3)} | ${fixed(m.peakRssMb, 0)} | ` +
				`${ratio(reference && m.latencyMs.p99 / reference.latencyMs.p99)} | ` +
				`${ratio(reference && m.cpuPer1kEdits / reference.cpuPer1kEdits)} |`
		);
	}
	return lines.join('\n');
}

/** The targets: complete delivery, convergence, ours near the reference and ahead of Hocuspocus. */
export function verdict(runs: ServerRun[]): Check[] {
	const ours = find(runs, 'ours');
	const reference = find(runs, 'reference');
	const hocuspocus = find(runs, 'hocuspocus');
	const checks: Check[] = [];
	const ran = runs.filter((r) => r.ok);
	for (const run of ran) {
		const m = run.metrics;
		checks.push({
			target: `${run.label}: delivery 100 %, 0 diverged`,
			pass: m.deliveries >= m.expectedDeliveries && m.diverged === 0,
			detail: `${m.deliveries} / ${m.expectedDeliveries} deliveries, ${m.diverged} diverged`
		});
	}
	const compare = (target: string, a: number | undefined, b: number | undefined, limit: number) => {
		if (a === undefined || b === undefined)
			return checks.push({ target, pass: null, detail: 'n/a' });
		checks.push({ target, pass: a <= b * limit, detail: `${fixed(a / b, 2)}×` });
	};
	compare('ours p99 ≤ 1.25 × reference p99', ours?.latencyMs.p99, reference?.latencyMs.p99, 1.25);
	compare(
		'ours CPU / 1k edits ≤ 1.5 × reference',
		ours?.cpuPer1kEdits,
		reference?.cpuPer1kEdits,
		1.5
	);
	const beat = (target: string, a: number | undefined, b: number | undefined) => {
		if (a === undefined || b === undefined)
			return checks.push({ target, pass: null, detail: 'n/a' });
		checks.push({ target, pass: a < b, detail: `${fixed(a, 3)} vs ${fixed(b, 3)}` });
	};
	beat('ours p99 < Hocuspocus p99', ours?.latencyMs.p99, hocuspocus?.latencyMs.p99);
	beat('ours CPU / 1k edits < Hocuspocus', ours?.cpuPer1kEdits, hocuspocus?.cpuPer1kEdits);
	return checks;
}

export function verdictText(checks: Check[]): string {
	const mark = (pass: boolean | null) => (pass === null ? '➖' : pass ? '✅' : '❌');
	const failed = checks.filter((c) => c.pass === false).length;
	const unknown = checks.filter((c) => c.pass === null).length;
	const summary =
		failed === 0 && unknown === 0
			? '**Verdict: all targets met.**'
			: `**Verdict: ${failed} of ${checks.length} targets missed` +
				(unknown ? `, ${unknown} not measurable` : '') +
				'.**';
	return [summary, '', ...checks.map((c) => `- ${mark(c.pass)} ${c.target} (${c.detail})`)].join(
		'\n'
	);
}

/** Lines under the table: what the table does not show but a reader needs to trust it. */
export function notes(runs: ServerRun[]): string {
	const lines: string[] = [];
	for (const run of runs) {
		if (!run.ok) continue;
		const m = run.metrics;
		const g = m.generator;
		const parts = [
			`${m.edits} edits in ${fixed(m.windowSeconds, 1)} s`,
			`latency max ${fixed(m.latencyMs.max, 1)} ms`,
			`server ${fixed(m.serverCores, 2)} cores`,
			`generator ${g.processes} processes at ${g.cores.map((c) => fixed(c, 2)).join(' + ')} cores ` +
				`(event loop ${g.eventLoopUtilisation.map((u) => `${fixed(u * 100, 0)} %`).join(', ')} busy, ` +
				`timer lag p99 ${fixed(g.sendLagP99Ms, 1)} ms)`,
			`connect ${fixed(m.connectMs / 1000, 1)} s, settle ${fixed(m.settleMs / 1000, 1)} s`,
			`${m.disconnects} disconnects`,
			`other processes on the machine ${fixed(m.otherCores, 2)} cores ` +
				`(load average before ${fixed(m.loadAverage, 2)})`
		];
		if (m.databaseCpuPer1kEdits !== undefined) {
			parts.push(
				`PostgreSQL backends +${fixed(m.databaseCpuPer1kEdits, 3)} CPU s / 1k edits (not in the table)`
			);
		}
		if (m.settleMs >= m.settleLimitMs) {
			parts.push('⚠ settle hit its limit: edits were still in flight (counted as not delivered)');
		}
		const disturbed = m.otherCores > DISTURBED_CORES || g.sendLagP99Ms > DISTURBED_LAG_MS;
		lines.push(`- ${disturbed ? '⚠ ' : ''}${run.label}: ${parts.join('; ')}`);
	}
	if (lines.some((l) => l.startsWith('- ⚠'))) {
		lines.push(
			`- ⚠ marks a run disturbed by other processes (> ${DISTURBED_CORES} cores) or a lagging ` +
				`generator (timer lag p99 > ${DISTURBED_LAG_MS} ms): its latencies include waiting for a CPU.`
		);
	}
	return lines.join('\n');
}
