/**
 * The one place configuration is read. Plain `process.env` (not `$env`) because the Node
 * server in server/ imports this module outside Vite.
 */
import { LIVE_LIMITS, type LiveLimits } from '../domain/collab/limits';

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
	migrationsDir: process.env.MIGRATIONS_DIR || 'drizzle',
	/**
	 * `npm run demo` also seeds two years of service history for Riverside PCN (1,500 more people)
	 * so that its reports have figures to show; `DEMO_HISTORY=off` leaves it out (the browser
	 * tests do, since they count the demo's people).
	 */
	demoHistory: process.env.DEMO_HISTORY !== 'off',
	/**
	 * The header a trusted proxy puts the client's address in, and how many proxies stand in front
	 * (adapter-node's settings, read here for the live sockets, which do not pass through it).
	 */
	addressHeader: process.env.ADDRESS_HEADER?.toLowerCase() || undefined,
	xffDepth: integer('XFF_DEPTH', 1),
	/** What the live sockets may hold (defaults in domain/collab/limits). */
	live: {
		heartbeatMs: integer('LIVE_HEARTBEAT_MS', LIVE_LIMITS.heartbeatMs),
		upgradeTimeoutMs: integer('LIVE_UPGRADE_TIMEOUT_MS', LIVE_LIMITS.upgradeTimeoutMs),
		connectionsPerSession: integer(
			'LIVE_CONNECTIONS_PER_SESSION',
			LIVE_LIMITS.connectionsPerSession
		),
		connectionsPerAddress: integer(
			'LIVE_CONNECTIONS_PER_ADDRESS',
			LIVE_LIMITS.connectionsPerAddress
		),
		bytesPerSecond: integer('COLLAB_BYTES_PER_SECOND', LIVE_LIMITS.bytesPerSecond),
		byteBurst: integer('COLLAB_BYTE_BURST', LIVE_LIMITS.byteBurst),
		maxPendingBytes: integer('COLLAB_MAX_PENDING_BYTES', LIVE_LIMITS.maxPendingBytes)
	} satisfies LiveLimits
};
