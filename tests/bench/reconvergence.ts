/**
 * `npm run bench:reconvergence`: how soon two processes sharing live documents through Redis
 * hold the same documents again after a Redis outage (issue 9, fault 2; target: ≤ 5 s after
 * Redis is back). Tests prove that they re-converge (collab-redis-reconvergence.test.ts); this
 * measures how long it takes.
 *
 * Setting (reconvergence-setting.ts): a redis-server of the benchmark's own on a free port (the
 * shared one is never touched), and two real-time servers on one database holding the demo —
 * PostgreSQL, a fresh database beside BENCH_DATABASE_URL or TEST_DATABASE_URL, dropped at the
 * end, each server a process of its own; else an in-memory PGlite, both servers in this process.
 * Each server has --clients stock y-websocket clients (the clients live in this process), spread
 * over --documents documents (care plans and meetings in turn), so every document is open on
 * both servers.
 *
 * Each run: every client in sync; Redis killed; every client types (one paragraph every 100 ms)
 * for --outage seconds, which each server stores and relays only to its own clients; once each
 * server's clients of a document agree, Redis is started again. Measured: the time from Redis
 * accepting connections ("Ready to accept connections") to every client of every document, on
 * both servers, holding the same Yjs state vector. Nobody types after the outage, so only the
 * servers' catch-up (server/collab/PeerConvergence.ts) can bring them together. Then every client
 * is checked to hold every paragraph typed.
 * The runs are made twice, on new servers: with the periodic state check between processes at
 * its default interval (15 s), and effectively off (10 min), which leaves the catch-up when the
 * Redis connection is back on its own.
 *
 * Options: --clients N (4 per server), --outage S (2 s), --runs N (5 per periodic-check
 * setting), --documents N (2), --timeout S (30: a run not converged by then fails, and ends that
 * setting's runs), --check default|off (both), --pglite (PGlite even when a database URL is
 * set), --verbose (the servers' own log lines, hidden otherwise).
 * Prints a Markdown table (stdout) with the median and max of each setting and whether the 5 s
 * target is met; progress goes to stderr.
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { appendParagraph } from '../../src/lib/domain/collab/documents';
import { startOwnRedis, type OwnRedis } from '../integration/own-services';
import { fail, onCleanup, sleep } from './processes';
import {
	connectClient,
	openSetting,
	type BenchClient,
	type BenchDocument,
	type Setting
} from './reconvergence-setting';

const TARGET_MS = 5_000;
const TYPING_EVERY_MS = 100;
/** "Effectively off": no periodic check falls within a run. */
const CHECK_OFF_MS = 10 * 60_000;
const CHECKS = {
	default: { label: 'default (15 s)', peerCheckMs: undefined },
	off: { label: 'off (10 min)', peerCheckMs: CHECK_OFF_MS }
} as const;
type CheckName = keyof typeof CHECKS;

const { values } = parseArgs({
	options: {
		clients: { type: 'string', default: '4' },
		outage: { type: 'string', default: '2' },
		runs: { type: 'string', default: '5' },
		documents: { type: 'string', default: '2' },
		timeout: { type: 'string', default: '30' },
		check: { type: 'string' },
		pglite: { type: 'boolean', default: false },
		verbose: { type: 'boolean', default: false }
	}
});
function positive(name: 'clients' | 'outage' | 'runs' | 'documents' | 'timeout', integer = true) {
	const value = Number(values[name]);
	if (!(value > 0) || (integer && !Number.isInteger(value))) {
		throw new Error(`--${name} must be a ${integer ? 'whole ' : ''}number > 0`);
	}
	return value;
}
const options = {
	clients: positive('clients'),
	outageMs: positive('outage', false) * 1000,
	runs: positive('runs'),
	documents: positive('documents'),
	timeoutMs: positive('timeout', false) * 1000,
	checks: (values.check ? [values.check] : Object.keys(CHECKS)) as CheckName[]
};
for (const check of options.checks) {
	if (!(check in CHECKS)) throw new Error(`--check must be one of ${Object.keys(CHECKS)}`);
}
const databaseUrl = values.pglite
	? undefined
	: process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
const log = (line: string) => console.error(`bench: ${line}`);

/**
 * The servers' own log lines (every failed Redis reconnection, every lost publish) would bury
 * the progress; hidden and counted unless --verbose. Only lines the server writes (`redis…`,
 * `collab…`) are hidden.
 */
let hiddenLines = 0;
if (!values.verbose) {
	for (const level of ['error', 'warn'] as const) {
		const write = console[level].bind(console);
		console[level] = (...args: unknown[]) => {
			if (typeof args[0] === 'string' && /^(redis|collab)\b/.test(args[0])) hiddenLines++;
			else write(...args);
		};
	}
}

type Run = { check: CheckName; run: number; edits: number; ms: number | null };

const vector = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc));

/**
 * Resolves with the time (performance.now()) at which every group's documents first hold the
 * same state vector, re-checked on every change; null if that has not happened within `ms`.
 */
function agreement(groups: Y.Doc[][], ms: number): Promise<number | null> {
	const agrees = (group: Y.Doc[]) => group.every((doc) => vector(doc).equals(vector(group[0])));
	return new Promise((resolve) => {
		const docs = groups.flat();
		const finish = (at: number | null) => {
			clearTimeout(timer);
			for (const doc of docs) doc.off('update', check);
			resolve(at);
		};
		const check = () => {
			if (groups.every(agrees)) finish(performance.now());
		};
		const timer = setTimeout(() => finish(null), ms);
		for (const doc of docs) doc.on('update', check);
		check();
	});
}

/** The clients' documents grouped by live document, and by server too when `byServer`. */
function groupsOf(clients: BenchClient[], byServer: boolean): Y.Doc[][] {
	const groups = new Map<string, Y.Doc[]>();
	for (const client of clients) {
		const key = `${client.document.name}${byServer ? `@${client.server}` : ''}`;
		groups.set(key, [...(groups.get(key) ?? []), client.doc]);
	}
	return [...groups.values()];
}

async function measureCheck(setting: Setting, redis: OwnRedis, check: CheckName): Promise<Run[]> {
	const servers = await setting.startServers(
		redis.url,
		CHECKS[check].peerCheckMs,
		values.verbose ?? false
	);
	const clients: BenchClient[] = [];
	try {
		for (const [server, url] of servers.urls.entries()) {
			for (let i = 0; i < options.clients; i++) {
				const document = setting.documents[i % setting.documents.length];
				clients.push(connectClient(url, server, document, setting.tokens[i % 2]));
			}
		}
		const everyone = groupsOf(clients, false);
		const written = new Map<BenchDocument, string[]>(setting.documents.map((d) => [d, []]));
		const type = (text: string) => {
			for (const [i, client] of clients.entries()) {
				// The full stop: no paragraph's text is then part of another's ("client 1" of "client 10").
				const paragraph = `${text}, client ${i}.`;
				appendParagraph(client.document.text(client.doc), paragraph);
				written.get(client.document)!.push(paragraph);
			}
		};
		const allSynced = Promise.all(clients.map((c) => c.synced));
		if ((await Promise.race([allSynced.then(() => true), sleep(options.timeoutMs)])) !== true) {
			throw new Error('the clients did not sync');
		}
		// Through Redis, before any outage: both servers hear each other.
		type(`Check ${check}, before the outages`);
		if ((await agreement(everyone, options.timeoutMs)) === null) {
			throw new Error('the clients did not converge before the first outage');
		}

		const runs: Run[] = [];
		for (let run = 1; run <= options.runs; run++) {
			await redis.stop();
			let edits = 0;
			const typingEnds = performance.now() + options.outageMs;
			for (let n = 0; performance.now() < typingEnds; n++) {
				type(`Check ${check}, run ${run}, edit ${n}`);
				edits += clients.length;
				await sleep(TYPING_EVERY_MS);
			}
			// What was typed has reached each server (it relays only what it stored).
			if ((await agreement(groupsOf(clients, true), options.timeoutMs)) === null) {
				throw new Error("each server's clients did not agree while Redis was away");
			}
			if (groupsOf(clients, true).some((group) => group.length < 2)) await sleep(500);
			await redis.start();
			const back = performance.now();
			const at = await agreement(everyone, options.timeoutMs);
			runs.push({ check, run, edits, ms: at === null ? null : at - back });
			log(
				`periodic check ${check}, run ${run}: ${edits} edits during the outage, ` +
					(at === null
						? `not converged after ${options.timeoutMs} ms`
						: `${Math.round(at - back)} ms`)
			);
			if (at === null) break;
			for (const client of clients) {
				const text = client.document.text(client.doc).toString();
				const missing = written.get(client.document)!.filter((t) => !text.includes(t));
				if (missing.length > 0) {
					throw new Error(`a client lacks ${missing.length} paragraphs, first "${missing[0]}"`);
				}
			}
			await sleep(1_000);
		}
		return runs;
	} finally {
		for (const client of clients) client.destroy();
		await servers.stop();
	}
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function printTable(setting: Setting, runs: Run[]) {
	const ms = (value: number | null) =>
		value === null ? 'not converged' : String(Math.round(value));
	const lines = [
		`Re-convergence after a ${options.outageMs / 1000} s Redis outage: ${setting.label}, ` +
			`${options.clients} clients per server on ${options.documents} documents ` +
			`(${availableParallelism()} CPUs, load ${loadavg()[0].toFixed(2)})`,
		'',
		'| periodic check | run | edits during the outage | re-converged in (ms) |',
		'|---|--:|--:|--:|'
	];
	for (const run of runs) {
		lines.push(`| ${CHECKS[run.check].label} | ${run.run} | ${run.edits} | ${ms(run.ms)} |`);
	}
	const verdicts: string[] = [];
	for (const check of options.checks) {
		const mine = runs.filter((r) => r.check === check);
		const times = mine.flatMap((r) => (r.ms === null ? [] : [r.ms]));
		const failed = mine.length < options.runs || times.length < mine.length;
		const max = failed ? null : Math.max(...times);
		const label = CHECKS[check].label;
		lines.push(`| ${label} | **median** | | ${times.length ? ms(median(times)) : '–'} |`);
		lines.push(`| ${label} | **max** | | ${ms(max)} |`);
		const met = max !== null && max <= TARGET_MS;
		verdicts.push(`periodic check ${label}: target ≤ ${TARGET_MS} ms ${met ? 'met' : 'NOT met'}`);
	}
	console.log([...lines, '', ...verdicts].join('\n'));
}

const redis = await startOwnRedis();
if (!redis) {
	await fail('redis-server is not installed');
	process.exit(1);
}
onCleanup('stop our redis-server', () => redis.destroy());
log(`our redis-server at ${redis.url}; opening ${databaseUrl ? 'PostgreSQL' : 'PGlite'}`);
const setting = await openSetting(databaseUrl, options.documents);
log(setting.label);
const runs: Run[] = [];
for (const check of options.checks) {
	log(`periodic check ${CHECKS[check].label}: ${options.runs} runs`);
	runs.push(...(await measureCheck(setting, redis, check)));
}
await setting.close();
await redis.destroy();
if (hiddenLines > 0) log(`${hiddenLines} log lines of the servers hidden (--verbose shows them)`);
const args = process.argv.slice(2).join(' ');
console.log(`\n$ npm run bench:reconvergence${args ? ` -- ${args}` : ''}`);
printTable(setting, runs);
process.exit(0);
