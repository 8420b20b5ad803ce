/**
 * `npm run bench:collab`: the live-editing benchmark. Four servers in turn, each in a process
 * of its own, under the same load from forked generator processes:
 *   ours         the production server (server/index.ts: session cookie, durable log, projection)
 *                on PostgreSQL (when BENCH_DATABASE_URL or TEST_DATABASE_URL is set)
 *   ours-pglite  the same on embedded PGlite (the default deployment)
 *   reference    the stock y-websocket server (@y/websocket-server), in memory
 *   hocuspocus   Hocuspocus 4, in memory, with its own protocol
 * It prints the command, the machine and a Markdown table (pasteable into README) to stdout,
 * progress to stderr, and writes the figures to tests/bench/results/collab-<date>.json.
 *
 * Options (flag, or environment variable): --rooms= BENCH_ROOMS (50), --clients= BENCH_CLIENTS
 * (8 per room), --rate= BENCH_RATE (2 edits/s per client), --seconds= BENCH_SECONDS (20 measured),
 * --warmup= BENCH_WARMUP (3 s), --settle= BENCH_SETTLE (15 s at most), --workers= BENCH_WORKERS
 * (2 generator processes), --quiet-wait= BENCH_QUIET_WAIT (wait up to 120 s before each server
 * for other processes to calm down), --only=ours,ours-pglite,reference,hocuspocus,
 * --client-mode= BENCH_CLIENT_MODE (raw: raw-protocol clients, the default; full: Yjs clients
 * with the stock providers, which saturate the generator first), --profile (every server
 * and generator writes a .cpuprofile under tests/bench/results/profiles), --verbose (echo the
 * children's output).
 * Ours runs on a fresh PostgreSQL database under BENCH_DATABASE_URL (or TEST_DATABASE_URL), and on
 * PGlite in a temporary folder. BENCH_OURS_ENTRY replaces server/index.ts, to
 * measure a change to the server before it lands.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, release, totalmem } from 'node:os';
import { join } from 'node:path';
import {
	commandLine,
	log,
	readOptions,
	RESULTS_DIR,
	shown,
	started,
	type Options
} from './options';
import { fail, isAborting, machineBusySeconds, now, sleep } from './processes';
import {
	markdownTable,
	notes,
	verdict,
	verdictText,
	type ServerRun,
	type ServerName
} from './report';
import { runInMemory, runOurs } from './servers';

/** Other processes' CPU use (cores) under which the machine counts as quiet. */
const QUIET_CORES = 0.25;

function machine() {
	let nproc = availableParallelism();
	try {
		nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || nproc;
	} catch {
		// availableParallelism() it is.
	}
	const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
	const cpu = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? 'unknown CPU';
	return {
		nproc,
		cpu,
		memoryGb: Math.round(totalmem() / 2 ** 30),
		node: process.version,
		kernel: release()
	};
}

/**
 * Other people's work on this machine competes with the server and the generator for the same
 * CPUs. Before each server, wait (up to --quiet-wait seconds) until others use little of them.
 */
async function waitForQuiet(options: Options): Promise<void> {
	const deadline = now() + options.quietWaitMs;
	for (;;) {
		const before = machineBusySeconds();
		await sleep(2000);
		const busy = (machineBusySeconds() - before) / 2;
		if (!(busy > QUIET_CORES) || now() >= deadline) return;
		log(`other processes are using ${busy.toFixed(2)} cores: waiting for a quieter machine`);
	}
}

function firstLine(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	const lines = text.split('\n').filter((l) => l.trim());
	// A child's tail often ends with the real cause: show the first line and the last error line.
	const cause = lines
		.slice(1)
		.reverse()
		.find((l) => /error/i.test(l));
	return [lines[0], cause].filter(Boolean).join(' — ').slice(0, 300);
}

async function main() {
	const options = readOptions(process.argv.slice(2), process.env);
	const host = machine();
	// Per server: quiet wait, build, setup, start, connect, the run, settle, stop.
	const bound =
		options.only.length *
		(options.quietWaitMs +
			options.connectTimeoutMs +
			(options.warmup + options.seconds + options.settle + 600) * 1000);
	setTimeout(
		() => void fail(`the run exceeded its bound of ${Math.round(bound / 60000)} min`),
		bound
	).unref();

	const entry = options.oursEntry === 'server/index.ts' ? '' : ` [${options.oursEntry}]`;
	const labels: Record<ServerName, string> = {
		ours: `ours (PostgreSQL, durable)${entry}`,
		'ours-pglite': `ours (PGlite, durable)${entry}`,
		reference: 'reference (@y/websocket-server 0.1.1, memory)',
		hocuspocus: 'Hocuspocus 4 (memory)'
	};
	const runs: ServerRun[] = [];
	for (const server of options.only) {
		log(`— ${labels[server]} —`);
		await waitForQuiet(options);
		try {
			const metrics =
				server === 'ours' || server === 'ours-pglite'
					? await runOurs(server, options)
					: await runInMemory(server, options);
			runs.push({ server, label: labels[server], ok: true, metrics });
			const { latencyMs, deliveryRatio, cpuPer1kEdits } = metrics;
			log(
				`p99 ${latencyMs.p99.toFixed(1)} ms, delivery ${(deliveryRatio * 100).toFixed(2)} %, ` +
					`CPU ${cpuPer1kEdits.toFixed(3)} s / 1k edits`
			);
		} catch (error) {
			// Ctrl-C kills the children: their errors are expected, and the process is exiting.
			if (isAborting()) await new Promise(() => {});
			console.error(error);
			runs.push({ server, label: labels[server], ok: false, reason: firstLine(error) });
		}
	}

	const checks = verdict(runs, options);
	const edits = options.rooms * options.clients * options.rate * options.seconds;
	const report = [
		`## Live collaboration benchmark, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
		'',
		`Command: \`${commandLine()}\``,
		'',
		`Load: R=${options.rooms} rooms × C=${options.clients} clients, E=${options.rate} edits/s per ` +
			`client for ${options.seconds} s after ${options.warmup} s warm-up (≈ ${Math.round(edits)} ` +
			`edits, ${Math.round(edits * (options.clients - 1))} peer deliveries); ` +
			`${options.workers} generator processes of ${options.clientMode === 'raw' ? 'raw-protocol' : 'full Yjs'} ` +
			`clients; settle ≤ ${options.settle} s.`,
		'',
		`Machine: ${host.nproc} CPUs (${host.cpu}), ${host.memoryGb} GB, ` +
			`Node ${host.node}, Linux ${host.kernel}.`,
		'',
		markdownTable(runs),
		'',
		notes(runs),
		'',
		verdictText(checks)
	].join('\n');
	console.log(`\n${report}\n`);

	mkdirSync(RESULTS_DIR, { recursive: true });
	const file = join(
		RESULTS_DIR,
		`collab-${started.toISOString().slice(0, 19).replaceAll(':', '-')}.json`
	);
	const { databaseUrl, ...parameters } = options;
	writeFileSync(
		file,
		`${JSON.stringify(
			{
				date: started.toISOString(),
				command: commandLine(),
				parameters: { ...parameters, database: databaseUrl ? shown(databaseUrl) : 'PGlite' },
				machine: host,
				runs,
				verdict: checks
			},
			null,
			'\t'
		)}\n`
	);
	log(`results written to ${file}`);
	process.exit(0);
}

main().catch((error: unknown) => {
	console.error(error);
	void fail('the benchmark failed');
});
