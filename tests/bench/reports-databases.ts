/**
 * The reports benchmark's databases: a PostgreSQL database beside the one configured
 * (`mdt_bench_reports`) and a PGlite data folder (data/bench-reports), each holding Large PCN,
 * seeded by the first run and reused by the next ones.
 */
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, type Database } from '../../src/lib/server/db';
import { largePcnPatients, seedLargePcn } from '../../src/lib/server/demo/large-pcn';

export type BenchTarget =
	| { kind: 'PostgreSQL'; url: string; label: string }
	| { kind: 'PGlite'; dataDir: string; label: string };

const DEFAULT_PATIENTS = 100_000;

/** The database's name (PostgreSQL) or folder's (PGlite): one per size of Large PCN. */
function nameFor(patients: number, separator: string): string {
	return `bench${separator}reports${patients === DEFAULT_PATIENTS ? '' : `${separator}${patients}`}`;
}

/** The PostgreSQL database beside `baseUrl`, created if missing. */
export async function postgresTarget(baseUrl: string, patients: number): Promise<BenchTarget> {
	const name = `mdt_${nameFor(patients, '_')}`;
	const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
	try {
		const found = await admin`select 1 from pg_database where datname = ${name}`;
		if (found.length === 0) await admin.unsafe(`create database ${name}`);
	} finally {
		await admin.end();
	}
	const url = new URL(baseUrl);
	url.pathname = `/${name}`;
	return { kind: 'PostgreSQL', url: url.toString(), label: `PostgreSQL (${name})` };
}

export function pgliteTarget(patients: number): BenchTarget {
	const dataDir = `data/${nameFor(patients, '-')}`;
	return { kind: 'PGlite', dataDir, label: `PGlite (${dataDir})` };
}

export function open(target: BenchTarget): Promise<Database> {
	return target.kind === 'PostgreSQL'
		? openDatabase({ url: target.url })
		: openDatabase({ dataDir: target.dataDir });
}

/**
 * Large PCN with `patients` people in the target, seeded (and analysed) when missing.
 * @returns the PCN's id
 */
export async function ensureLargePcn(
	target: BenchTarget,
	patients: number,
	today: string,
	log: (line: string) => void
): Promise<string> {
	const database = await open(target);
	try {
		const found = await largePcnPatients(database.db);
		if (found && found.patients === patients) return found.organisationId;
		if (found && found.patients > 0) {
			throw new Error(
				`${target.label} holds Large PCN with ${found.patients} patients, not ${patients}`
			);
		}
		log(`seeding Large PCN with ${patients.toLocaleString('en-GB')} patients in ${target.label}`);
		const started = performance.now();
		const result = await seedLargePcn(database.db, {
			patients,
			today,
			onStep: (step) =>
				log(
					`  ${step.name}: ${step.rows.toLocaleString('en-GB')} rows, ${(step.ms / 1000).toFixed(1)} s`
				)
		});
		await database.db.execute(sql`analyze`);
		log(
			`seeded ${result.events.toLocaleString('en-GB')} events in ` +
				`${((performance.now() - started) / 1000).toFixed(1)} s (ANALYZE included)`
		);
		return result.organisationId;
	} finally {
		await database.close();
	}
}
