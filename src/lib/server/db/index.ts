import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { config } from '../config';
import * as schema from './schema';

export { schema };

/** A drizzle database over either driver; services take one of these. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Database = {
	db: Db;
	kind: 'pglite' | 'postgres';
	close(): Promise<void>;
};

export type OpenOptions = {
	/** postgres:// URL. Without it, embedded PGlite is used. */
	url?: string;
	/** Folder for PGlite's files; omit for an in-memory database. */
	dataDir?: string;
	migrationsDir?: string;
};

// Every process that runs migrations against one PostgreSQL takes this lock first.
const MIGRATION_LOCK = 727_001;

/** Opens a database and brings its schema up to date. */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
	const migrationsFolder = resolve(options.migrationsDir ?? config.migrationsDir);
	if (options.url) {
		const lockClient = postgres(options.url, { max: 1, onnotice: () => {} });
		try {
			await lockClient`select pg_advisory_lock(${MIGRATION_LOCK})`;
			await migratePostgres(drizzlePostgres(lockClient), { migrationsFolder });
			await lockClient`select pg_advisory_unlock(${MIGRATION_LOCK})`;
		} finally {
			await lockClient.end();
		}
		const client = postgres(options.url, { max: 10, onnotice: () => {} });
		return {
			db: drizzlePostgres(client, { schema }) as unknown as Db,
			kind: 'postgres',
			close: () => client.end({ timeout: 5 })
		};
	}
	let dataDir: string | undefined;
	if (options.dataDir) {
		// PGlite does not create parent folders.
		mkdirSync(options.dataDir, { recursive: true });
		dataDir = join(options.dataDir, 'pglite');
	}
	const client = await PGlite.create(dataDir);
	const db = drizzlePglite(client, { schema });
	await migratePglite(db, { migrationsFolder });
	return {
		db: db as unknown as Db,
		kind: 'pglite',
		close: () => client.close()
	};
}

// SvelteKit's bundle and the Node server in server/ each load their own copy of this
// module; the open database lives on globalThis so that both use one connection (PGlite
// allows one opener per data folder).
const GLOBAL = Symbol.for('mdt-workspace.database');
type Holder = { [GLOBAL]?: Promise<Database> };

/** Opens the app's database from configuration, once per process. */
export function appDatabase(): Promise<Database> {
	const holder = globalThis as Holder;
	holder[GLOBAL] ??= openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
	return holder[GLOBAL];
}

let opened: Db | undefined;

/** The app's database; `appDatabase()` must have finished first (the server's init hook). */
export function db(): Db {
	if (!opened) throw new Error('The database is not open yet: await appDatabase() first');
	return opened;
}

export async function initAppDatabase(): Promise<Database> {
	const database = await appDatabase();
	opened = database.db;
	return database;
}

/** For /healthz: a round trip to the database. */
export async function pingDatabase(database: Db): Promise<void> {
	await database.execute(sql`select 1`);
}
