import type { Server } from 'node:http';
import { UpgradeRouter } from './upgrade-router';

export type Realtime = { router: UpgradeRouter; close(): Promise<void> };

/**
 * Attaches the WebSocket side of the app to an HTTP server: the production server and the
 * Vite dev server share this wiring. In dev, upgrades no route claims belong to Vite's HMR.
 */
export function attachRealtime(server: Server, options: { dev: boolean }): Realtime {
	const router = new UpgradeRouter(server, { passThrough: options.dev });
	return { router, close: async () => {} };
}
