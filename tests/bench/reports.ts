/**
 * `npm run bench:reports`: how fast the service reports (issue 12) answer for Large PCN — 100,000
 * people and about a million events (`npm run seed:large`) — on PostgreSQL and on PGlite. Target:
 * each table's query p95 < 300 ms on PostgreSQL, the dashboard page in < 1 s.
 *
 * For each database: every table of REPORT_TABLES cold (the first query on a connection just
 * opened: see reports-measure.ts for what that does and does not empty) and warm (`--runs`
 * times per breakdown, after one not counted); the whole dashboard (`loadDashboard`) cold and
 * warm; and GET /reports from the production build (`--page`, on by default when a build exists).
 * The period is the default one (the twelve months to today). Prints a Markdown table; with
 * `--explain FILE` writes EXPLAIN ANALYZE of the slowest tables' queries on PostgreSQL there.
 *
 * Databases: PostgreSQL `mdt_bench_reports` beside BENCH_DATABASE_URL, TEST_DATABASE_URL or
 * DATABASE_URL (skipped when none is set), PGlite in data/bench-reports; Large PCN is seeded
 * into either by the first run and reused.
 *
 * Options: --patients N (100000), --runs N (20), --breakdowns a,b (all), --only postgres|pglite,
 * --page / --no-page, --build (build the app first, under the e2e lock), --explain FILE.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { londonToday } from '../../src/lib/domain/london-time';
import { BREAKDOWNS, defaultPeriod, type Breakdown } from '../../src/lib/domain/reports';
import { REPORT_TABLES } from '../../src/lib/server/reports';
import {
	ensureLargePcn,
	open,
	pgliteTarget,
	postgresTarget,
	type BenchTarget
} from './reports-databases';
import { coldTables, explainTable, warmDashboards, warmTables } from './reports-measure';
import { printResults, slowest, type DatabaseResult } from './reports-report';

const { values } = parseArgs({
	options: {
		patients: { type: 'string', default: '100000' },
		runs: { type: 'string', default: '20' },
		breakdowns: { type: 'string', default: BREAKDOWNS.join(',') },
		only: { type: 'string' },
		page: { type: 'boolean' },
		'no-page': { type: 'boolean' },
		build: { type: 'boolean', default: false },
		explain: { type: 'string' }
	}
});
const patients = Number(values.patients);
const runs = Number(values.runs);
const breakdowns = values.breakdowns!.split(',') as Breakdown[];
if (!Number.isInteger(patients) || patients < 1) throw new Error('--patients must be ≥ 1');
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be ≥ 1');
for (const b of breakdowns) {
	if (!(BREAKDOWNS as readonly string[]).includes(b)) throw new Error(`--breakdowns: unknown ${b}`);
}
const log = (line: string) => console.error(`bench: ${line}`);
const today = londonToday();
const period = defaultPeriod(today);
const LOCK = '/tmp/mdt-e2e.lock';

if (values.build) {
	log('building the app (under the e2e lock)…');
	const built = spawnSync('flock', [LOCK, 'npx', 'vite', 'build', '--logLevel', 'warn'], {
		stdio: 'inherit'
	});
	if (built.status !== 0) throw new Error('the build failed');
}
const page = !values['no-page'] && (values.page || existsSync('build/handler.js'));
if (page) copyBuild();

const baseUrl =
	process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
const targets: BenchTarget[] = [];
if (values.only !== 'pglite') {
	if (baseUrl) targets.push(await postgresTarget(baseUrl, patients));
	else log('no BENCH_DATABASE_URL, TEST_DATABASE_URL or DATABASE_URL: PostgreSQL skipped');
}
if (values.only !== 'postgres') targets.push(pgliteTarget(patients));

const results: DatabaseResult[] = [];
for (const target of targets) {
	const organisationId = await ensureLargePcn(target, patients, today, log);
	const loadAtStart = loadavg()[0];
	log(`${target.label}: cold runs`);
	const cold = await coldTables(target, organisationId, period, 'practice');
	const database = await open(target);
	let result: DatabaseResult;
	try {
		log(
			`${target.label}: ${runs} warm runs of ${REPORT_TABLES.length} tables × ${breakdowns.length} breakdowns`
		);
		const warm = await warmTables(database.db, organisationId, period, breakdowns, runs);
		log(`${target.label}: the whole dashboard`);
		const dashboards = await warmDashboards(database.db, organisationId, period, breakdowns, runs);
		result = { target, cold, warm, dashboards, load: [loadAtStart, 0] };
		if (values.explain && target.kind === 'PostgreSQL') {
			result.explained = await explainSlowest(database.db, organisationId, result);
		}
	} finally {
		await database.close();
	}
	if (page) result.page = pageTimings(target, breakdowns, runs);
	result.load[1] = loadavg()[0];
	results.push(result);
}

printResults(results, { patients, runs, breakdowns, period });
if (values.explain) writeExplanations(values.explain, results);
const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '-');
mkdirSync('tests/bench/results', { recursive: true });
writeFileSync(
	`tests/bench/results/reports-${stamp}.json`,
	JSON.stringify(results, (_, v) => (v instanceof Map ? Object.fromEntries(v) : v), 2)
);

/** The build copied aside, under the e2e lock, when the copy is missing or older. */
function copyBuild() {
	const copy = 'data/bench-build/handler.js';
	if (existsSync(copy) && statSync(copy).mtimeMs >= statSync('build/handler.js').mtimeMs) return;
	log('copying build/ to data/bench-build (under the e2e lock)');
	const copied = spawnSync(
		'flock',
		[LOCK, 'sh', '-c', 'rm -rf data/bench-build && mkdir -p data && cp -r build data/bench-build'],
		{ stdio: 'inherit' }
	);
	if (copied.status !== 0) throw new Error('could not copy the build');
}

/** GET /reports in a process of its own (PGlite allows one process per data folder). */
function pageTimings(target: BenchTarget, breakdowns: Breakdown[], runs: number) {
	log(`${target.label}: GET /reports`);
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PAGE_RUNS: String(runs),
		PAGE_BREAKDOWNS: breakdowns.join(',')
	};
	delete env.DATABASE_URL;
	delete env.DATA_DIR;
	if (target.kind === 'PostgreSQL') env.DATABASE_URL = target.url;
	else env.DATA_DIR = target.dataDir;
	const child = spawnSync('node', ['--import', 'tsx', 'tests/bench/reports-page.ts'], {
		env,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
		maxBuffer: 16 * 1024 * 1024
	});
	const line = child.stdout.trim().split('\n').at(-1) ?? '';
	if (child.status !== 0 || !line.startsWith('{')) {
		log(`GET /reports failed on ${target.label} (exit ${child.status})`);
		return undefined;
	}
	return JSON.parse(line) as { first: number; runs: Record<string, number[]> };
}

/** EXPLAIN ANALYZE of the three slowest tables (by p95), each with its slowest breakdown. */
async function explainSlowest(
	db: Awaited<ReturnType<typeof open>>['db'],
	organisationId: string,
	result: DatabaseResult
) {
	const explained: { table: string; breakdown: Breakdown; plans: string[] }[] = [];
	for (const { table, breakdown } of slowest(result, 3)) {
		log(`EXPLAIN ANALYZE ${table} by ${breakdown}`);
		explained.push({
			table,
			breakdown,
			plans: await explainTable(db, organisationId, period, breakdown, table)
		});
	}
	return explained;
}

function writeExplanations(file: string, results: DatabaseResult[]) {
	const sections = results.flatMap((r) =>
		(r.explained ?? []).map(
			(e) =>
				`## ${e.table}, by ${e.breakdown} (${r.target.label}, ${patients} patients, ${period.from} to ${period.to})\n\n` +
				e.plans.map((plan) => '```\n' + plan + '\n```').join('\n\n')
		)
	);
	writeFileSync(
		file,
		`# EXPLAIN ANALYZE of the slowest report queries\n\n${sections.join('\n\n')}\n`
	);
	log(`plans written to ${file}`);
}
