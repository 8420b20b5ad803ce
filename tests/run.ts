/**
 * `npm test`: every stage runs and reports, whatever an earlier one did — type check, formatting,
 * the import rule, the module-size rule, unit and integration tests (PGlite always; PostgreSQL
 * and Redis when TEST_DATABASE_URL / TEST_REDIS_URL are set), a production build, then the
 * browser tests against the built server (skipped only when the build failed: they run on it).
 * Ends with a summary table and exits non-zero if any stage failed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBrowser } from './browser';

type Result = 'passed' | 'FAILED' | 'skipped';
interface Outcome {
	result: Result;
	counts: string;
	/** Tests counted by this stage, for the closing line. */
	tests?: { passed: number; failed: number; skipped: number };
}
interface Stage {
	name: string;
	run: () => Promise<Outcome>;
	/** Runs on the production build: skipped when the build failed. */
	needsBuild?: boolean;
}

const reports = mkdtempSync(join(tmpdir(), 'mdt-test-'));
const bin = (name: string) => join('node_modules', '.bin', name);

/**
 * Runs a command with its output streamed as it comes. With `capture`, the output is also kept
 * (colour codes removed) so that the stage can read its counts from it.
 */
function run(
	command: string,
	args: string[],
	options: { env?: NodeJS.ProcessEnv; capture?: boolean } = {}
): Promise<{ status: number; output: string }> {
	const env = { ...process.env, ...options.env };
	// A piped tool thinks it is not on a terminal; keep its colours when we are.
	if (options.capture && process.stdout.isTTY) env.FORCE_COLOR ??= '1';
	const child = spawn(command, args, {
		env,
		stdio: ['ignore', options.capture ? 'pipe' : 'inherit', options.capture ? 'pipe' : 'inherit']
	});
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => {
		process.stdout.write(chunk);
		output += chunk.toString();
	});
	child.stderr?.on('data', (chunk: Buffer) => {
		process.stderr.write(chunk);
		output += chunk.toString();
	});
	return new Promise((resolve) => {
		child.on('error', (error) => {
			console.error(`✖ could not start ${command}: ${error.message}`);
			resolve({ status: 1, output });
		});
		child.on('close', (code, signal) =>
			resolve({ status: code ?? (signal ? 1 : 0), output: output.replace(/\x1b\[[0-9;]*m/g, '') })
		);
	});
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
const verdict = (status: number): Result => (status === 0 ? 'passed' : 'FAILED');

function readJson(path: string): any {
	return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

function countsOf(tests: { passed: number; failed: number; skipped: number; flaky?: number }) {
	const parts = [`${tests.passed} passed`];
	if (tests.failed) parts.push(`${tests.failed} failed`);
	if (tests.flaky) parts.push(`${tests.flaky} flaky`);
	if (tests.skipped) parts.push(`${tests.skipped} skipped`);
	return parts.join(', ');
}

async function typeCheck(): Promise<Outcome> {
	const sync = await run(bin('svelte-kit'), ['sync']);
	if (sync.status !== 0) return { result: 'FAILED', counts: 'svelte-kit sync failed' };
	const check = await run(
		bin('svelte-check'),
		['--tsconfig', './tsconfig.json', '--fail-on-warnings', '--output', 'human'],
		{ capture: true }
	);
	const found = /svelte-check found (\d+) errors? and (\d+) warnings?/.exec(check.output);
	const counts = found
		? `${plural(Number(found[1]), 'error')}, ${plural(Number(found[2]), 'warning')}`
		: 'no result line';
	return { result: verdict(check.status), counts };
}

async function formatting(): Promise<Outcome> {
	const check = await run('npm', ['run', '--silent', 'check:format'], { capture: true });
	const lines = check.output.split('\n');
	const differ = lines.filter(
		(line) => /^\[warn\] \S/.test(line) && !line.startsWith('[warn] Code style issues')
	).length;
	const unparsable = lines.filter((line) => /^\[error\] \S+: /.test(line)).length;
	let counts = differ === 1 ? '1 file differs' : `${differ} files differ`;
	if (unparsable) counts += `, ${unparsable} could not be parsed`;
	return { result: verdict(check.status), counts };
}

async function imports(): Promise<Outcome> {
	const cruise = await run('npm', ['run', '--silent', 'check:imports'], { capture: true });
	const modules = /(\d+) modules/.exec(cruise.output)?.[1];
	const violations = /(\d+) dependency violations?/.exec(cruise.output)?.[1] ?? '0';
	const counts = modules
		? `${modules} modules, ${plural(Number(violations), 'violation')}`
		: 'no result line';
	return { result: verdict(cruise.status), counts };
}

async function moduleSize(): Promise<Outcome> {
	const check = await run('npm', ['run', '--silent', 'check:size'], { capture: true });
	const last = /[✔✖] (.+)\n?$/.exec(check.output.trimEnd())?.[1] ?? 'no result line';
	return { result: verdict(check.status), counts: last };
}

async function vitest(): Promise<Outcome> {
	const output = join(reports, 'vitest.json');
	const { status } = await run(bin('vitest'), [
		'run',
		'--reporter=default',
		'--reporter=json',
		`--outputFile.json=${output}`
	]);
	const report = readJson(output);
	if (!report) return { result: 'FAILED', counts: 'no report written' };
	const tests = {
		passed: report.numPassedTests,
		failed: report.numFailedTests,
		skipped: report.numPendingTests + report.numTodoTests
	};
	// A test file that fails to load has no tests of its own to count.
	const unloaded = (report.testResults ?? []).filter(
		(file: { status: string; assertionResults: unknown[] }) =>
			file.status === 'failed' && file.assertionResults.length === 0
	).length;
	let counts = countsOf(tests);
	if (unloaded) counts += `, ${plural(unloaded, 'file')} failed to load`;
	else if (status !== 0 && !tests.failed) counts += ', errors outside tests (see above)';
	return { result: verdict(status), counts, tests };
}

async function build(): Promise<Outcome> {
	const { status } = await run(bin('vite'), ['build', '--logLevel', 'warn']);
	return { result: verdict(status), counts: '' };
}

async function playwright(): Promise<Outcome> {
	if (!browser.found) return { result: 'FAILED', counts: browser.problem };
	const output = join(reports, 'playwright.json');
	const { status } = await run(bin('playwright'), ['test', '--reporter=list,json'], {
		env: {
			PLAYWRIGHT_CHROMIUM_PATH: browser.executablePath ?? '',
			PLAYWRIGHT_JSON_OUTPUT_NAME: output
		}
	});
	const stats = readJson(output)?.stats;
	if (!stats) return { result: 'FAILED', counts: 'no report written' };
	const tests = { passed: stats.expected, failed: stats.unexpected, skipped: stats.skipped };
	return { result: verdict(status), counts: countsOf({ ...tests, flaky: stats.flaky }), tests };
}

function discoverBrowser() {
	try {
		const found = findBrowser();
		console.log(`Browser for e2e: ${found.description}`);
		return { found: true as const, executablePath: found.executablePath };
	} catch (error) {
		console.error(`✖ ${(error as Error).message}`);
		return { found: false as const, problem: (error as Error).message };
	}
}

function duration(seconds: number): string {
	if (seconds < 60) return `${seconds.toFixed(1)}s`;
	const minutes = Math.floor(seconds / 60);
	return `${minutes}m ${String(Math.round(seconds - minutes * 60)).padStart(2, '0')}s`;
}

function printSummary(rows: { name: string; outcome: Outcome; seconds?: number }[]) {
	const table = [
		['Stage', 'Result', 'Counts', 'Time'],
		...rows.map(({ name, outcome, seconds }) => [
			name,
			outcome.result,
			outcome.counts,
			seconds === undefined ? '' : duration(seconds)
		])
	];
	const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
	const line = (row: string[]) =>
		row
			.map((cell, i) => cell.padEnd(widths[i]))
			.join('  ')
			.trimEnd();
	console.log(`\n${'─'.repeat(20)} Summary ${'─'.repeat(20)}`);
	console.log(line(table[0]));
	console.log(line(widths.map((width) => '─'.repeat(width))));
	for (const row of table.slice(1)) console.log(line(row));
}

// Say it at the start and again at the end, where nobody can miss it.
const missingServices = [
	['PostgreSQL', 'TEST_DATABASE_URL'],
	['Redis', 'TEST_REDIS_URL']
]
	.filter(([, variable]) => !process.env[variable])
	.map(
		([name, variable]) =>
			`⚠ ${variable} is not set: the ${name} tests will be SKIPPED (PGlite/in-process only).`
	);
for (const warning of missingServices) console.warn(warning);

const browser = discoverBrowser();

const stages: Stage[] = [
	{ name: 'Type check (svelte-check)', run: typeCheck },
	{ name: 'Formatting (prettier)', run: formatting },
	{ name: 'Imports from server/', run: imports },
	{ name: 'Module size', run: moduleSize },
	{ name: 'Unit + integration (vitest)', run: vitest },
	{ name: 'Production build', run: build },
	{ name: 'End-to-end (Playwright)', run: playwright, needsBuild: true }
];

const rows: { name: string; outcome: Outcome; seconds?: number }[] = [];
for (const stage of stages) {
	const buildFailed = rows.some(
		(row) => row.name === 'Production build' && row.outcome.result !== 'passed'
	);
	if (stage.needsBuild && buildFailed) {
		console.log(`\n▶ ${stage.name}: skipped, the build failed`);
		rows.push({ name: stage.name, outcome: { result: 'skipped', counts: 'no build to test' } });
		continue;
	}
	console.log(`\n▶ ${stage.name}`);
	const started = performance.now();
	let outcome: Outcome;
	try {
		outcome = await stage.run();
	} catch (error) {
		console.error(error);
		outcome = { result: 'FAILED', counts: `crashed: ${(error as Error).message}` };
	}
	const seconds = (performance.now() - started) / 1000;
	console.log(`${outcome.result === 'passed' ? '✔' : '✖'} ${stage.name}: ${outcome.result}`);
	rows.push({ name: stage.name, outcome, seconds });
}
rmSync(reports, { recursive: true, force: true });

printSummary(rows);
console.log();
// All on stdout from here, so the closing line stays last when both streams share a pipe.
for (const warning of missingServices) console.log(warning.replace('will be', 'were'));
const failed = rows.filter((row) => row.outcome.result === 'FAILED').map((row) => row.name);
if (failed.length)
	console.log(`✖ ${failed.length} of ${rows.length} stages FAILED: ${failed.join(', ')}`);
else console.log(`✔ All ${rows.length} stages passed`);
const total = { passed: 0, failed: 0, skipped: 0 };
for (const { outcome } of rows) {
	for (const key of ['passed', 'failed', 'skipped'] as const)
		total[key] += outcome.tests?.[key] ?? 0;
}
// The closing line in the plain form CI readers look for.
console.log(`Tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exitCode = failed.length ? 1 : 0;
