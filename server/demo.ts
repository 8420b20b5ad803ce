/**
 * `npm run demo`: builds the app if the build is missing or older than the source, seeds the
 * synthetic Riverside and Hillside PCNs (idempotently), then starts the production server.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { config } from '../src/lib/server/config';
import { initAppDatabase } from '../src/lib/server/db';
import { exitIfDataDirectoryLocked } from './startup';
import { DEMO_PASSWORD, DEMO_PCNS, seedDemo } from '../src/lib/server/demo/seed';
import { seedDemoHistory } from '../src/lib/server/demo/history';
import { organisation } from '../src/lib/server/db/schema';
import { eq } from 'drizzle-orm';

function newestChange(path: string): number {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(
		stat.mtimeMs,
		...readdirSync(path).map((entry) => newestChange(join(path, entry)))
	);
}

function buildIfStale() {
	const output = 'build/handler.js';
	const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];
	const stale =
		!existsSync(output) ||
		sources.some((s) => existsSync(s) && newestChange(s) > statSync(output).mtimeMs);
	if (!stale) return;
	console.log('Building the app…');
	const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

buildIfStale();
const database = await initAppDatabase().catch(exitIfDataDirectoryLocked);
const seeded = await seedDemo(database.db);
if (config.demoHistory) {
	const [riverside] = await database.db
		.select({ id: organisation.id })
		.from(organisation)
		.where(eq(organisation.odsCode, DEMO_PCNS[0].odsCode));
	const history = await seedDemoHistory(database.db, riverside.id);
	if (!history.skipped) {
		console.log(
			`Service history for the reports: ${history.patients} people and ${history.events} events in ${DEMO_PCNS[0].name}.`
		);
	}
}
console.log(
	`Demo data ready on ${database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL'}` +
		` (${seeded.patients} patients and ${seeded.users} users added this time).`
);
const url = `http://localhost:${config.port}`;
console.log(`\nMDT workspace demo: ${url}\nDemo accounts (password: ${DEMO_PASSWORD}):`);
for (const pcn of DEMO_PCNS) {
	for (const u of pcn.users)
		console.log(`  ${u.email.padEnd(30)} ${u.role.padEnd(32)} ${pcn.name}`);
}
console.log('');
await import('./index');
