/** The servers the benchmark drives, each started in a process of its own, and what they need. */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { docName } from '../../src/lib/domain/collab/documents';
import { measure } from './measure';
import { log, profileArgs, type Options } from './options';
import {
	freePort,
	onCleanup,
	runToEnd,
	startCommand,
	startNode,
	waitForPort,
	type Child
} from './processes';
import type { Metrics } from './report';

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

export type OurDatabase = {
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

/** Preloaded into every server: its event-loop delay over the measured window (loop-delay.mjs). */
const LOOP_DELAY_ARGS = ['--import', './tests/bench/loop-delay.mjs'];

function loopDelayFile(name: string): string {
	return join(tmpdir(), `mdt-bench-loop-${process.pid}-${name}.json`);
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
		// Every simulated client comes from this machine, over a handful of sessions: the caps that
		// guard a real server (200 sockets an address, 20 a session) would refuse most of them.
		LIVE_CONNECTIONS_PER_ADDRESS: '1000000',
		LIVE_CONNECTIONS_PER_SESSION: '1000000',
		...extra
	};
}

/** Ours on PostgreSQL (`ours`, a fresh database under options.databaseUrl) or on PGlite. */
export async function runOurs(name: 'ours' | 'ours-pglite', options: Options): Promise<Metrics> {
	await ensureBuild();
	const database = await createOurDatabase(name === 'ours' ? options.databaseUrl : undefined);
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
		const loopDelay = loopDelayFile(name);
		server = startNode(name, options.oursEntry, {
			env: serverEnv(port, { ...database.env, BENCH_LOOP_DELAY_FILE: loopDelay }),
			nodeArgs: [...LOOP_DELAY_ARGS, ...profileArgs(options, name)],
			echo: options.verbose
		});
		await waitForPort(server, port, 90_000);
		return await measure(
			{
				name,
				server,
				kind: 'y-websocket',
				url: `ws://127.0.0.1:${port}/collab`,
				rooms: documents,
				tokens,
				database,
				loopDelayFile: loopDelay
			},
			options
		);
	} finally {
		// SIGTERM: the server stores what is pending and, with --profile, writes its profile.
		await server?.stop(20_000);
		await database.drop();
	}
}

export async function runInMemory(
	name: 'reference' | 'hocuspocus',
	options: Options
): Promise<Metrics> {
	const port = await freePort();
	const loopDelay = loopDelayFile(name);
	const server = startNode(name, `tests/bench/${name}-server.ts`, {
		env: serverEnv(port, { BENCH_LOOP_DELAY_FILE: loopDelay }),
		nodeArgs: [...LOOP_DELAY_ARGS, ...profileArgs(options, name)],
		echo: options.verbose
	});
	try {
		await waitForPort(server, port, 60_000);
		// The same kind of names as ours; an in-memory server knows nothing of meetings.
		const rooms = Array.from({ length: options.rooms }, () => docName('meeting', randomUUID()));
		return await measure(
			{
				name,
				server,
				kind: name === 'reference' ? 'y-websocket' : 'hocuspocus',
				url: `ws://127.0.0.1:${port}`,
				rooms,
				tokens: [],
				loopDelayFile: loopDelay
			},
			options
		);
	} finally {
		await server.stop(10_000);
	}
}
