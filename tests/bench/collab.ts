/**
 * `npm run bench:collab`: the live-editing benchmark. Three servers in turn, each in a process
 * of its own, under the same load from forked generator processes:
 *   ours        the production server (server/index.ts: session cookie, durable log, projection)
 *   reference   the stock y-websocket server (@y/websocket-server), in memory
 *   hocuspocus  Hocuspocus 4, in memory, with its own provider
 * It prints the command, the machine and a Markdown table (pasteable into README) to stdout,
 * progress to stderr, and writes the figures to tests/bench/results/collab-<date>.json.
 *
 * Options (flag, or environment variable): --rooms= BENCH_ROOMS (50), --clients= BENCH_CLIENTS
 * (8 per room), --rate= BENCH_RATE (2 edits/s per client), --seconds= BENCH_SECONDS (20 measured),
 * --warmup= BENCH_WARMUP (3 s), --settle= BENCH_SETTLE (15 s at most), --workers= BENCH_WORKERS
 * (2 generator processes), --quiet-wait= BENCH_QUIET_WAIT (wait up to 120 s before each server
 * for other processes to calm down), --only=ours,reference,hocuspocus, --profile (every server
 * and generator writes a .cpuprofile under tests/bench/results/profiles), --verbose (echo the
 * children's output).
 * Our server runs on a fresh PostgreSQL database when BENCH_DATABASE_URL (or TEST_DATABASE_URL)
 * is set, else on PGlite in a temporary folder. BENCH_OURS_ENTRY replaces server/index.ts, to
 * measure a change to the server before it lands.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { availableParallelism, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import postgres from 'postgres';
import type { ClientKind, FromWorker, ToWorker, WorkerResult } from './load-worker';
import {
	at,
	cpuSeconds,
	fail,
	forkNode,
	freePort,
	isAborting,
	machineBusySeconds,
	now,
	sleep,
	onCleanup,
	runToEnd,
	startCommand,
	startNode,
	waitForPort,
	watchMemory,
	type Child
} from './processes';
import {
	markdownTable,
	notes,
	percentile,
	verdict,
	verdictText,
	type Metrics,
	type ServerName,
	type ServerRun
} from './report';

const SERVERS: ServerName[] = ['ours', 'reference', 'hocuspocus'];
/** Other processes' CPU use (cores) under which the machine counts as quiet. */
const QUIET_CORES = 0.25;
const RESULTS_DIR = 'tests/bench/results';

type Options = {
	rooms: number;
	clients: number;
	rate: number;
	seconds: number;
	warmup: number;
	settle: number;
	workers: number;
	only: ServerName[];
	profile: boolean;
	verbose: boolean;
	databaseUrl: string | undefined;
	/** Our server's entry point; another one only to try a change before it lands. */
	oursEntry: string;
	connectTimeoutMs: number;
	/** How long to wait, before each server, for other processes to leave the CPUs alone. */
	quietWaitMs: number;
};

function readOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
	const flags = new Map<string, string>();
	for (const arg of argv) {
		const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
		if (!match) throw new Error(`Unknown argument ${arg}`);
		flags.set(match[1], match[2] ?? 'true');
	}
	const number = (flag: string, variable: string, fallback: number, min: number) => {
		const raw = flags.get(flag) ?? env[variable];
		const value = raw === undefined || raw === '' ? fallback : Number(raw);
		if (!Number.isFinite(value) || value < min)
			throw new Error(`--${flag} must be a number ≥ ${min}`);
		flags.delete(flag);
		return value;
	};
	const options: Options = {
		rooms: Math.round(number('rooms', 'BENCH_ROOMS', 50, 1)),
		clients: Math.round(number('clients', 'BENCH_CLIENTS', 8, 2)),
		rate: number('rate', 'BENCH_RATE', 2, 0.01),
		seconds: number('seconds', 'BENCH_SECONDS', 20, 1),
		warmup: number('warmup', 'BENCH_WARMUP', 3, 0),
		settle: number('settle', 'BENCH_SETTLE', 15, 1),
		workers: Math.round(number('workers', 'BENCH_WORKERS', 2, 1)),
		connectTimeoutMs: number('connect-timeout', 'BENCH_CONNECT_TIMEOUT', 60, 5) * 1000,
		quietWaitMs: number('quiet-wait', 'BENCH_QUIET_WAIT', 120, 0) * 1000,
		only: SERVERS,
		profile: flags.get('profile') === 'true',
		verbose: flags.get('verbose') === 'true',
		databaseUrl: env.BENCH_DATABASE_URL || env.TEST_DATABASE_URL || undefined,
		oursEntry: env.BENCH_OURS_ENTRY || 'server/index.ts'
	};
	const only = flags.get('only');
	if (only) {
		const chosen = only.split(',').map((s) => s.trim());
		const unknown = chosen.filter((s) => !SERVERS.includes(s as ServerName));
		if (unknown.length) throw new Error(`--only: unknown server ${unknown.join(', ')}`);
		options.only = SERVERS.filter((s) => chosen.includes(s));
	}
	for (const flag of ['only', 'profile', 'verbose']) flags.delete(flag);
	if (flags.size) throw new Error(`Unknown option --${[...flags.keys()].join(', --')}`);
	return options;
}

const log = (message: string) => console.error(`bench: ${message}`);

/** A URL without its password, for printing. */
function shown(url: string): string {
	const parsed = new URL(url);
	if (parsed.password) parsed.password = '***';
	return parsed.toString();
}

function commandLine(): string {
	const env = ['BENCH_DATABASE_URL', 'TEST_DATABASE_URL', 'BENCH_OURS_ENTRY', 'BENCH_ROOMS']
		.concat(['BENCH_CLIENTS', 'BENCH_RATE', 'BENCH_SECONDS', 'BENCH_WARMUP', 'BENCH_SETTLE'])
		.concat(['BENCH_WORKERS', 'BENCH_CONNECT_TIMEOUT', 'BENCH_QUIET_WAIT'])
		.filter((name) => process.env[name])
		.map(
			(name) => `${name}=${name.endsWith('URL') ? shown(process.env[name]!) : process.env[name]}`
		);
	const args = process.argv.slice(2);
	const npm = process.env.npm_lifecycle_event === 'bench:collab';
	const command = npm
		? ['npm', 'run', 'bench:collab', ...(args.length ? ['--', ...args] : [])]
		: ['node', '--import', 'tsx', 'tests/bench/collab.ts', ...args];
	return [...env, ...command].join(' ');
}

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

function newestModification(folder: string): number {
	let newest = 0;
	for (const entry of readdirSync(folder, { withFileTypes: true })) {
		const path = join(folder, entry.name);
		newest = Math.max(
			newest,
			entry.isDirectory() ? newestModification(path) : statSync(path).mtimeMs
		);
	}
	return newest;
}

/** Our server serves SvelteKit's build: rebuild it when src/ has changed since. */
async function ensureBuild() {
	const handler = 'build/handler.js';
	if (existsSync(handler) && statSync(handler).mtimeMs >= newestModification('src')) return;
	log(`${existsSync(handler) ? 'build/handler.js is older than src/' : 'no build'}: vite build…`);
	const build = startCommand('vite build', 'npx', ['vite', 'build', '--logLevel', 'warn']);
	await runToEnd(build, 5 * 60_000);
}

type OurDatabase = {
	kind: 'postgres' | 'pglite';
	env: Record<string, string>;
	/** Process ids of the PostgreSQL backends connected to the benchmark's database. */
	backends(): Promise<number[]>;
	drop(): Promise<void>;
};

async function createOurDatabase(baseUrl: string | undefined): Promise<OurDatabase> {
	if (!baseUrl) {
		const dataDir = mkdtempSync(join(tmpdir(), 'mdt-bench-'));
		const drop = onCleanup('remove the PGlite folder', () =>
			rmSync(dataDir, { recursive: true, force: true })
		);
		return { kind: 'pglite', env: { DATA_DIR: dataDir }, backends: async () => [], drop };
	}
	const name = `mdt_bench_${randomBytes(4).toString('hex')}`;
	const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${name}"`);
	const url = new URL(baseUrl);
	url.pathname = `/${name}`;
	const drop = onCleanup(`drop database ${name}`, async () => {
		await admin.unsafe(`drop database if exists "${name}" with (force)`);
		await admin.end({ timeout: 5 });
	});
	log(`created database ${name}`);
	return {
		kind: 'postgres',
		env: { DATABASE_URL: url.toString() },
		backends: async () =>
			(
				await admin<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${name}`
			).map((r) => r.pid),
		drop
	};
}

const started = new Date();

/** With --profile, a process writes a V8 CPU profile when it exits, to open in Chrome DevTools. */
function profileArgs(options: Options, name: string): string[] {
	if (!options.profile) return [];
	const stamp = started.toISOString().slice(0, 19).replaceAll(':', '-');
	const folder = resolve(RESULTS_DIR, 'profiles', stamp, name);
	mkdirSync(folder, { recursive: true });
	return ['--cpu-prof', `--cpu-prof-dir=${folder}`];
}

/** The environment of a server child: ours reads its database from DATA_DIR or DATABASE_URL. */
function serverEnv(port: number, extra: Record<string, string>): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env };
	// Nothing inherited may change what is measured: no Redis fan-out, no stray database,
	// no y-websocket persistence or callbacks.
	for (const name of ['DATABASE_URL', 'DATA_DIR', 'REDIS_URL', 'YPERSISTENCE', 'CALLBACK_URL']) {
		delete env[name];
	}
	return {
		...env,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: `http://127.0.0.1:${port}`,
		...extra
	};
}

function send(worker: Child, message: ToWorker) {
	worker.process.send(message);
}

/** The next message of a kind from a worker; rejects on its error, its exit, or the timeout. */
function receive<T extends FromWorker['type']>(
	worker: Child,
	type: T,
	timeoutMs: number
): Promise<Extract<FromWorker, { type: T }>> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(
			() => done(new Error(`${worker.name}: no '${type}' after ${timeoutMs / 1000} s`)),
			timeoutMs
		);
		const onMessage = (message: FromWorker) => {
			if (message.type === type) done(undefined, message as Extract<FromWorker, { type: T }>);
			else if (message.type === 'error') done(new Error(`${worker.name}: ${message.message}`));
		};
		const onExit = () => done(new Error(`${worker.name} exited:\n${worker.tail(20)}`));
		function done(error?: Error, message?: Extract<FromWorker, { type: T }>) {
			clearTimeout(timer);
			worker.process.off('message', onMessage);
			worker.process.off('exit', onExit);
			if (error) reject(error);
			else resolve(message!);
		}
		worker.process.on('message', onMessage);
		worker.process.once('exit', onExit);
	});
}

type Target = {
	name: ServerName;
	server: Child;
	kind: ClientKind;
	url: string;
	rooms: string[];
	tokens: string[];
	database?: OurDatabase;
};

/** Drives one running server through connect, warm-up, the measured window and settle. */
async function measure(target: Target, options: Options): Promise<Metrics> {
	const loadAverage = loadavg()[0];
	const memory = watchMemory(target.server.pid);
	const workers: Child[] = [];
	// A server that dies mid-run fails its row at once, rather than at the next timeout.
	const died = target.server.exited.then((code) => {
		const how = target.server.process.signalCode ?? `code ${code}`;
		throw new Error(`${target.name} died during the run (${how})\n${target.server.tail(20)}`);
	});
	const unlessDied = <T>(work: Promise<T>) => Promise.race([work, died]);
	died.catch(() => {});
	try {
		const count = Math.min(options.workers, target.rooms.length);
		for (let i = 0; i < count; i++) {
			workers.push(
				forkNode(`generator ${i + 1}`, 'tests/bench/load-worker.ts', {
					nodeArgs: profileArgs(options, `generators-${target.name}`),
					echo: options.verbose
				})
			);
		}
		const connectStart = now();
		const connected = workers.map((worker, i) => {
			const rooms = target.rooms.filter((_, r) => r % count === i);
			send(worker, {
				type: 'connect',
				kind: target.kind,
				url: target.url,
				rooms,
				clientsPerRoom: options.clients,
				tokens: target.tokens,
				timeoutMs: options.connectTimeoutMs
			});
			return receive(worker, 'connected', options.connectTimeoutMs + 15_000);
		});
		const clients = (await unlessDied(Promise.all(connected))).reduce(
			(sum, c) => sum + c.clients,
			0
		);
		const connectMs = now() - connectStart;
		log(`${clients} clients connected and synced in ${(connectMs / 1000).toFixed(1)} s`);

		const warmupStart = now() + 500;
		const measureStart = warmupStart + options.warmup * 1000;
		const measureEnd = measureStart + options.seconds * 1000;
		const results = workers.map((worker) =>
			receive(worker, 'result', measureEnd - now() + options.settle * 1000 + 30_000)
		);
		// Awaited after the window; a worker failing before then must not count as unhandled.
		for (const result of results) result.catch(() => {});
		for (const worker of workers) {
			send(worker, {
				type: 'go',
				warmupStart,
				measureStart,
				measureEnd,
				rate: options.rate,
				settleMs: options.settle * 1000
			});
		}
		const backendsBefore = await target.database?.backends();
		await at(measureStart);
		const cpu = () => ({
			machine: machineBusySeconds(),
			server: cpuSeconds(target.server.pid) ?? NaN,
			workers: workers.map((w) => cpuSeconds(w.pid) ?? NaN),
			database: (backendsBefore ?? []).map((pid) => [pid, cpuSeconds(pid) ?? 0] as const)
		});
		const before = cpu();
		const windowStart = now();
		log(`measuring for ${options.seconds} s`);
		await at(measureEnd);
		const after = cpu();
		const windowSeconds = (now() - windowStart) / 1000;
		let databaseCpu: number | undefined;
		if (target.database?.kind === 'postgres') {
			// Backends opened during the window count from zero; those before, from their start value.
			const start = new Map(before.database);
			const pids = new Set([...(await target.database.backends()), ...start.keys()]);
			databaseCpu = 0;
			for (const pid of pids) databaseCpu += (cpuSeconds(pid) ?? 0) - (start.get(pid) ?? 0);
		}
		log('settling');
		const parts: WorkerResult[] = (await unlessDied(Promise.all(results))).map((r) => r.result);
		const peakRssMb = memory.stop();

		const edits = parts.reduce((sum, p) => sum + p.measuredEdits, 0);
		const deliveries = parts.reduce((sum, p) => sum + p.deliveries, 0);
		const expectedDeliveries = parts.reduce((sum, p) => sum + p.expectedDeliveries, 0);
		const latencies = new Float64Array(parts.reduce((sum, p) => sum + p.latencies.length, 0));
		let offset = 0;
		for (const part of parts) {
			latencies.set(part.latencies, offset);
			offset += part.latencies.length;
		}
		latencies.sort();
		const cpuUsed = after.server - before.server;
		const generatorCpu = workers.map((_, i) => after.workers[i] - before.workers[i]);
		const othersCpu =
			after.machine -
			before.machine -
			cpuUsed -
			generatorCpu.reduce((sum, c) => sum + c, 0) -
			(databaseCpu ?? 0);
		return {
			latencyMs: {
				p50: percentile(latencies, 0.5),
				p95: percentile(latencies, 0.95),
				p99: percentile(latencies, 0.99),
				max: latencies.length ? latencies[latencies.length - 1] : NaN,
				samples: latencies.length
			},
			edits,
			deliveries,
			expectedDeliveries,
			deliveryRatio: expectedDeliveries ? deliveries / expectedDeliveries : NaN,
			rooms: parts.reduce((sum, p) => sum + p.rooms, 0),
			diverged: parts.reduce((sum, p) => sum + p.diverged, 0),
			disconnects: parts.reduce((sum, p) => sum + p.disconnects, 0),
			settleMs: Math.max(...parts.map((p) => p.settleMs)),
			settleLimitMs: options.settle * 1000,
			connectMs,
			windowSeconds,
			cpuSeconds: cpuUsed,
			cpuPer1kEdits: cpuUsed / (edits / 1000),
			serverCores: cpuUsed / windowSeconds,
			peakRssMb,
			databaseCpuPer1kEdits: databaseCpu === undefined ? undefined : databaseCpu / (edits / 1000),
			generator: {
				processes: workers.length,
				cores: generatorCpu.map((c) => c / windowSeconds),
				eventLoopUtilisation: parts.map((p) => p.eventLoopUtilisation),
				sendLagP99Ms: Math.max(...parts.map((p) => p.sendLagP99))
			},
			loadAverage,
			otherCores: Math.max(0, othersCpu / windowSeconds)
		};
	} finally {
		memory.stop();
		for (const worker of workers) if (worker.process.connected) send(worker, { type: 'stop' });
		// Let them exit on their own first (a profile is written on a clean exit only).
		await Promise.all(
			workers.map((w) => Promise.race([w.exited, sleep(5000)]).then(() => w.stop(2000)))
		);
	}
}

async function runOurs(options: Options): Promise<Metrics> {
	await ensureBuild();
	const database = await createOurDatabase(options.databaseUrl);
	let server: Child | undefined;
	try {
		log(`setting up ${database.kind === 'postgres' ? 'PostgreSQL' : 'PGlite'}`);
		const setup = startNode('setup', 'tests/bench/setup.ts', {
			env: { ...serverEnv(0, database.env), ROOMS: String(options.rooms) }
		});
		const output = await runToEnd(setup, 120_000);
		const json = output
			.trim()
			.split('\n')
			.reverse()
			.find((line) => line.startsWith('{'));
		if (!json) throw new Error(`setup printed no JSON:\n${setup.tail(20)}`);
		const { tokens, documents } = JSON.parse(json) as { tokens: string[]; documents: string[] };

		const port = await freePort();
		server = startNode('ours', options.oursEntry, {
			env: serverEnv(port, database.env),
			nodeArgs: profileArgs(options, 'ours'),
			echo: options.verbose
		});
		await waitForPort(server, port, 90_000);
		return await measure(
			{
				name: 'ours',
				server,
				kind: 'y-websocket',
				url: `ws://127.0.0.1:${port}/collab`,
				rooms: documents,
				tokens,
				database
			},
			options
		);
	} finally {
		// SIGTERM: the server stores what is pending and, with --profile, writes its profile.
		await server?.stop(20_000);
		await database.drop();
	}
}

async function runInMemory(name: 'reference' | 'hocuspocus', options: Options): Promise<Metrics> {
	const port = await freePort();
	const server = startNode(name, `tests/bench/${name}-server.ts`, {
		env: serverEnv(port, {}),
		nodeArgs: profileArgs(options, name),
		echo: options.verbose
	});
	try {
		await waitForPort(server, port, 60_000);
		// The same kind of names as ours; an in-memory server knows nothing of meetings.
		const rooms = Array.from({ length: options.rooms }, () => `meeting:${randomUUID()}`);
		return await measure(
			{
				name,
				server,
				kind: name === 'reference' ? 'y-websocket' : 'hocuspocus',
				url: `ws://127.0.0.1:${port}`,
				rooms,
				tokens: []
			},
			options
		);
	} finally {
		await server.stop(10_000);
	}
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

	const labels: Record<ServerName, string> = {
		ours:
			`ours (${options.databaseUrl ? 'PostgreSQL' : 'PGlite'}, durable)` +
			(options.oursEntry === 'server/index.ts' ? '' : ` [${options.oursEntry}]`),
		reference: 'reference (@y/websocket-server 0.1.1, memory)',
		hocuspocus: 'Hocuspocus 4 (memory)'
	};
	const runs: ServerRun[] = [];
	for (const server of options.only) {
		log(`— ${labels[server]} —`);
		await waitForQuiet(options);
		try {
			const metrics =
				server === 'ours' ? await runOurs(options) : await runInMemory(server, options);
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

	const checks = verdict(runs);
	const edits = options.rooms * options.clients * options.rate * options.seconds;
	const report = [
		`## Live collaboration benchmark, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
		'',
		`Command: \`${commandLine()}\``,
		'',
		`Load: R=${options.rooms} rooms × C=${options.clients} clients, E=${options.rate} edits/s per ` +
			`client for ${options.seconds} s after ${options.warmup} s warm-up (≈ ${Math.round(edits)} ` +
			`edits, ${Math.round(edits * (options.clients - 1))} peer deliveries); ` +
			`${options.workers} generator processes; settle ≤ ${options.settle} s.`,
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
