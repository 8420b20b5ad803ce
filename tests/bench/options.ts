/** The options of `npm run bench:collab` (see tests/bench/collab.ts), and what the run shares. */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ClientMode } from './load-worker';
import type { ServerName } from './report';

/** Ours on PostgreSQL (when a database URL is set) and on PGlite, then the in-memory two. */
export const SERVERS: ServerName[] = ['ours', 'ours-pglite', 'reference', 'hocuspocus'];
export const RESULTS_DIR = 'tests/bench/results';

export type Options = {
	rooms: number;
	clients: number;
	rate: number;
	seconds: number;
	warmup: number;
	settle: number;
	workers: number;
	/** Raw-protocol clients (the default) or full Yjs clients with the stock providers. */
	clientMode: ClientMode;
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

export function readOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
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
		clientMode: 'raw',
		only: SERVERS,
		profile: flags.get('profile') === 'true',
		verbose: flags.get('verbose') === 'true',
		databaseUrl: env.BENCH_DATABASE_URL || env.TEST_DATABASE_URL || undefined,
		oursEntry: env.BENCH_OURS_ENTRY || 'server/index.ts'
	};
	const mode = flags.get('client-mode') ?? env.BENCH_CLIENT_MODE;
	if (mode !== undefined && mode !== '') {
		if (mode !== 'raw' && mode !== 'full') throw new Error('--client-mode must be raw or full');
		options.clientMode = mode;
	}
	// Ours on PostgreSQL needs a database to create its own in.
	if (!options.databaseUrl) options.only = options.only.filter((s) => s !== 'ours');
	const only = flags.get('only');
	if (only) {
		const chosen = only.split(',').map((s) => s.trim());
		const unknown = chosen.filter((s) => !SERVERS.includes(s as ServerName));
		if (unknown.length) throw new Error(`--only: unknown server ${unknown.join(', ')}`);
		if (chosen.includes('ours') && !options.databaseUrl)
			throw new Error('--only=ours needs BENCH_DATABASE_URL (ours-pglite runs without)');
		options.only = SERVERS.filter((s) => chosen.includes(s));
	}
	for (const flag of ['only', 'profile', 'verbose', 'client-mode']) flags.delete(flag);
	if (flags.size) throw new Error(`Unknown option --${[...flags.keys()].join(', --')}`);
	return options;
}

export const log = (message: string) => console.error(`bench: ${message}`);

/** A URL without its password, for printing. */
export function shown(url: string): string {
	const parsed = new URL(url);
	if (parsed.password) parsed.password = '***';
	return parsed.toString();
}

export function commandLine(): string {
	const env = ['BENCH_DATABASE_URL', 'TEST_DATABASE_URL', 'BENCH_OURS_ENTRY', 'BENCH_ROOMS']
		.concat(['BENCH_CLIENTS', 'BENCH_RATE', 'BENCH_SECONDS', 'BENCH_WARMUP', 'BENCH_SETTLE'])
		.concat(['BENCH_WORKERS', 'BENCH_CONNECT_TIMEOUT', 'BENCH_QUIET_WAIT', 'BENCH_CLIENT_MODE'])
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

/** When the run started: names its results and profiles. */
export const started = new Date();

/** With --profile, a process writes a V8 CPU profile when it exits, to open in Chrome DevTools. */
export function profileArgs(options: Options, name: string): string[] {
	if (!options.profile) return [];
	const stamp = started.toISOString().slice(0, 19).replaceAll(':', '-');
	const folder = resolve(RESULTS_DIR, 'profiles', stamp, name);
	mkdirSync(folder, { recursive: true });
	return ['--cpu-prof', `--cpu-prof-dir=${folder}`];
}
