import type { Server } from 'node:http';
import type { Plugin } from 'vite';

/**
 * Gives `vite dev` the same real-time wiring as server/index.ts. The wiring is loaded through
 * Vite's SSR module graph, so it shares module instances (and the database) with SvelteKit.
 */
export function mdtRealtime(): Plugin {
	return {
		name: 'mdt-realtime',
		apply: 'serve',
		configureServer(vite) {
			const httpServer = vite.httpServer as Server | null;
			if (!httpServer) return; // vitest and middleware mode have no HTTP server
			return async () => {
				const { initAppDatabase } = await vite.ssrLoadModule('/src/lib/server/db/index.ts');
				const { attachRealtime } = await vite.ssrLoadModule('/server/realtime.ts');
				const database = await initAppDatabase();
				attachRealtime(httpServer, { db: database.db, dev: true });
			};
		}
	};
}
