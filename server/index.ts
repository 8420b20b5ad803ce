/**
 * The production process: one HTTP server carrying the SvelteKit app (adapter-node's handler)
 * and, on the same port, the real-time endpoints.
 */
import { createServer, type RequestListener } from 'node:http';
import { config } from '../src/lib/server/config';
import { initAppDatabase } from '../src/lib/server/db';
import { exitIfDataDirectoryLocked } from './startup';
import { attachRealtime } from './realtime';
import { upgradeTimeouts } from './upgrade-router';

const database = await initAppDatabase().catch(exitIfDataDirectoryLocked);
// A path in a variable, so that the type checker does not wander into the build output.
const buildHandler = '../build/handler.js';
const { handler } = (await import(buildHandler)) as { handler: RequestListener };

const server = createServer(upgradeTimeouts(config.live.upgradeTimeoutMs), handler);
const realtime = attachRealtime(server, { db: database.db, dev: false });

server.listen(config.port, config.host, () => {
	const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
	console.log(
		`MDT workspace listening on http://${shown}:${config.port} (database: ${database.kind})`
	);
});

let stopping = false;
async function shutdown(signal: string) {
	if (stopping) return;
	stopping = true;
	console.log(`${signal}: closing`);
	server.close();
	await realtime.close();
	server.closeAllConnections();
	await database.close();
	process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
