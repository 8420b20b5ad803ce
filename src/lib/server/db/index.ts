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
import { runDocumentUpgrades } from '../document-upgrades';
import { lockDataDirectory } from './data-dir-lock';
import * as schema from './schema';

export { schema };
export { DataDirectoryLockedError } from './data-dir-lock';

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
	/** Upgrade stored live documents after migrating (default); off only to act an older release. */
	upgradeDocuments?: boolean;
};

// Every process that runs migrations against one PostgreSQL takes this lock first.
const MIGRATION_LOCK = 727_001;

/**
 * Opens a database and brings its schema, and the live documents it stores, up to date. An
 * embedded database's data directory is locked to this process until `close()`.
 *
 * @throws DataDirectoryLockedError when another running process holds `dataDir`.
 */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
	const migrationsFolder = resolve(options.migrationsDir ?? config.migrationsDir);
	if (options.url) {
		const lockClient = postgres(options.url, { max: 1, onnotice: () => {} });
		try {
			await lockClient`select pg_advisory_lock(${MIGRATION_LOCK})`;
			await migratePostgres(drizzlePostgres(lockClient), { migrationsFolder });
			if (options.upgradeDocuments !== false) {
				await runDocumentUpgrades(drizzlePostgres(lockClient, { schema }) as unknown as Db);
			}
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
	let release = () => {};
	if (options.dataDir) {
		// PGlite does not create parent folders.
		mkdirSync(options.dataDir, { recursive: true });
		release = lockDataDirectory(options.dataDir);
		dataDir = join(options.dataDir, 'pglite');
	}
	try {
		const client = await PGlite.create(dataDir);
		const db = drizzlePglite(client, { schema });
		await migratePglite(db, { migrationsFolder });
		if (options.upgradeDocuments !== false) await runDocumentUpgrades(db as unknown as Db);
		return {
			db: db as unknown as Db,
			kind: 'pglite',
			close: () => client.close().finally(release)
		};
	} catch (error) {
		release();
		throw error;
	}
}

// SvelteKit's bundle and the Node server in server/ each load their own copy of this
// module; the open database lives on globalThis so that both use one connection (PGlite
// allows one opener per data folder).
const GLOBAL = Symbol.for('mdt-workspace.database');
type Holder = { [GLOBAL]?: Promise<Database> };

/** Opens the app's database from configuration, once per process. */
function appDatabase(): Promise<Database> {
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

/** How long /healthz waits for the database before answering that it is down (ms). */
export const PING_TIMEOUT_MS = 800;

/**
 * For /healthz: a round trip to the database. A database that does not answer within
 * `timeoutMs` milliseconds (stopped, frozen, network gone silent) counts as down, so that a load
 * balancer hears so at once instead of waiting on a connection that may never answer.
 *
 * @throws Error when the query fails or has not answered within `timeoutMs`.
 */
export async function pingDatabase(database: Db, timeoutMs = PING_TIMEOUT_MS): Promise<void> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
	});
	try {
		await Promise.race([database.execute(sql`select 1`), late]);
	} finally {
		clearTimeout(timer);
	}
}
