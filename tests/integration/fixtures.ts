import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe } from 'vitest';
import { createSession, validateSessionToken } from '../../src/lib/server/auth';
import { openDatabase, schema, type Database, type Db } from '../../src/lib/server/db';

const POSTGRES_URL = process.env.TEST_DATABASE_URL;

if (!POSTGRES_URL) {
	console.warn('⚠ TEST_DATABASE_URL is not set: PostgreSQL integration tests are SKIPPED.');
}

/** A new, empty PostgreSQL database beside the one at `url`, and a way to drop it. */
export async function createPostgresDatabase(url: string) {
	const name = `mdt_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(url, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	await admin.end();
	const target = new URL(url);
	target.pathname = `/${name}`;
	return {
		url: target.toString(),
		async drop() {
			const cleanup = postgres(url, { max: 1, onnotice: () => {} });
			await cleanup.unsafe(`drop database if exists ${name} with (force)`);
			await cleanup.end();
		}
	};
}

/** A new, empty PostgreSQL database for one test file's block, opened, and dropped on close. */
async function freshPostgres(url: string): Promise<Database> {
	const created = await createPostgresDatabase(url);
	const database = await openDatabase({ url: created.url });
	return {
		...database,
		async close() {
			await database.close();
			await created.drop();
		}
	};
}

export type DatabaseKind = 'PGlite' | 'PostgreSQL';

/**
 * Runs a block of tests once on a fresh in-memory PGlite and once on a fresh PostgreSQL
 * database (when TEST_DATABASE_URL is set; otherwise that run is reported as skipped).
 */
export function describeEachDatabase(
	title: string,
	body: (db: () => Db, kind: DatabaseKind) => void
): void {
	for (const kind of ['PGlite', 'PostgreSQL'] as const) {
		const skip = kind === 'PostgreSQL' && !POSTGRES_URL;
		const block = skip ? describe.skip : describe;
		block(`${title} [${kind}${skip ? ': TEST_DATABASE_URL not set' : ''}]`, () => {
			let database: Database | undefined;
			beforeAll(async () => {
				database = kind === 'PGlite' ? await openDatabase() : await freshPostgres(POSTGRES_URL!);
			});
			afterAll(async () => {
				await database?.close();
			});
			body(() => {
				if (!database) throw new Error('database not open');
				return database.db;
			}, kind);
		});
	}
}

/** Signs a demo user in directly (no limiter) and returns who the app thinks they are. */
export async function signedInAs(db: Db, email: string) {
	const [row] = await db
		.select({ userId: schema.user.id, organisationId: schema.membership.organisationId })
		.from(schema.user)
		.innerJoin(schema.membership, eq(schema.membership.userId, schema.user.id))
		.where(eq(schema.user.email, email));
	if (!row) throw new Error(`no such user: ${email}`);
	const { token } = await createSession(db, row.userId, row.organisationId);
	const valid = await validateSessionToken(db, token);
	if (!valid) throw new Error('session did not validate');
	return { token, user: valid.user, session: valid.session };
}

/**
 * `db`, except that `meanwhile` runs, on `db` itself, just before each transaction this one
 * opens: a competing change raced into the moment between a service's checks and its writes.
 */
export function changedBeforeEachTransaction(db: Db, meanwhile: () => Promise<unknown>): Db {
	return new Proxy(db, {
		get(target, key) {
			const value = Reflect.get(target, key);
			if (key !== 'transaction') return typeof value === 'function' ? value.bind(target) : value;
			return async (...args: Parameters<Db['transaction']>) => {
				await meanwhile();
				return target.transaction(...args);
			};
		}
	});
}
