/**
 * The one place configuration is read. Plain `process.env` (not `$env`) because the Node
 * server in server/ imports this module outside Vite.
 */
function integer(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
	return value;
}

export const config = {
	/** postgres:// URL; when unset the app runs on embedded PGlite in `dataDir`. */
	databaseUrl: process.env.DATABASE_URL || undefined,
	dataDir: process.env.DATA_DIR || './data',
	redisUrl: process.env.REDIS_URL || undefined,
	port: integer('PORT', 3000),
	host: process.env.HOST || '0.0.0.0',
	origin: process.env.ORIGIN || undefined,
	migrationsDir: process.env.MIGRATIONS_DIR || 'drizzle'
};
