/**
 * `npm run seed:large [-- --patients N] [-- --today YYYY-MM-DD]`: creates the synthetic "Large
 * PCN" (6 practices, users at large.test with the demo password) and two years of its service
 * history — 100,000 people and about a million events by default — in the app's database
 * (PostgreSQL with DATABASE_URL, else PGlite in DATA_DIR), then runs ANALYZE. Refuses to add a
 * second history when Large PCN has one. Prints each step and how long it took.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { config } from '../src/lib/server/config';
import { initAppDatabase } from '../src/lib/server/db';
import { DEMO_PASSWORD } from '../src/lib/server/demo/seed';
import { LARGE_PCN, largePcnPatients, seedLargePcn } from '../src/lib/server/demo/large-pcn';
import { exitIfDataDirectoryLocked } from './startup';

const { values } = parseArgs({
	options: { patients: { type: 'string', default: '100000' }, today: { type: 'string' } }
});
const patients = Number(values.patients);
if (!Number.isInteger(patients) || patients < 1) {
	console.error('--patients must be a whole number ≥ 1');
	process.exit(2);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const database = await initAppDatabase().catch(exitIfDataDirectoryLocked);
const where = database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL';
const existing = await largePcnPatients(database.db);
if (existing && existing.patients > 0) {
	console.log(
		`${LARGE_PCN.name} already has ${existing.patients.toLocaleString('en-GB')} patients on ${where}: nothing added.`
	);
	await database.close();
	process.exit(0);
}

console.log(
	`Seeding ${LARGE_PCN.name} with ${patients.toLocaleString('en-GB')} patients on ${where}…`
);
const started = performance.now();
const result = await seedLargePcn(database.db, {
	patients,
	today: values.today,
	onStep: (step) =>
		console.log(
			`  ${step.name.padEnd(32)} ${step.rows.toLocaleString('en-GB').padStart(10)} rows  ${seconds(step.ms).padStart(8)}`
		)
});
const analyseStarted = performance.now();
await database.db.execute(sql`analyze`);
console.log(
	`  ${'ANALYZE'.padEnd(32)} ${''.padStart(15)} ${seconds(performance.now() - analyseStarted).padStart(8)}`
);
console.log(
	`Done in ${seconds(performance.now() - started)}: ${result.patients.toLocaleString('en-GB')} patients and ` +
		`${result.events.toLocaleString('en-GB')} events (${(result.events / result.patients).toFixed(1)} a patient).`
);
console.log(
	`Sign in as ${LARGE_PCN.users.map((u) => u.email).join(', ')} (password: ${DEMO_PASSWORD}).`
);
await database.close();
