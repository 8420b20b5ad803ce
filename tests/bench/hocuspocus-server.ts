/**
 * The benchmark's other comparison: a Hocuspocus 4 server, in memory, with its defaults (no
 * extensions, so no authentication and no storage). PORT and HOST from the environment.
 */
import { Server } from '@hocuspocus/server';

const server = new Server({
	port: Number(process.env.PORT ?? 1234),
	address: process.env.HOST ?? '127.0.0.1',
	quiet: true,
	stopOnSignals: false
});

await server.listen();
console.log(`hocuspocus server listening on ${server.httpURL}`);

process.on('SIGTERM', () => {
	setTimeout(() => process.exit(0), 3000).unref();
	void server.destroy().finally(() => process.exit(0));
});
