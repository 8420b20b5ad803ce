import type { IncomingMessage, Server, ServerOptions } from 'node:http';
import type { Duplex } from 'node:stream';

export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * One listener for every WebSocket upgrade on the HTTP server, dispatching by path prefix.
 * Paths no route claims are left alone when `passThrough` is set (Vite's HMR socket in dev)
 * and refused otherwise.
 */
export class UpgradeRouter {
	readonly #routes = new Map<string, UpgradeHandler>();

	constructor(server: Server, options: { passThrough?: boolean } = {}) {
		server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
			const path = new URL(request.url ?? '/', 'http://localhost').pathname;
			for (const [prefix, handle] of this.#routes) {
				if (path === prefix || path.startsWith(prefix + '/')) return handle(request, socket, head);
			}
			if (!options.passThrough) {
				socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
			}
		});
	}

	route(prefix: string, handle: UpgradeHandler): void {
		this.#routes.set(prefix, handle);
	}
}

/**
 * Options for the HTTP server that carries the live endpoints: a request (an upgrade is one)
 * whose headers have not all arrived within `ms` is answered 408 and closed. Node checks at
 * `connectionsCheckingInterval` (30 s by default, which would let a slow client hold a socket for
 * twice as long). What follows the headers is the upgrade handlers' to time out (CollabServer).
 */
export function upgradeTimeouts(ms: number): ServerOptions {
	return {
		headersTimeout: ms,
		connectionsCheckingInterval: Math.min(Math.max(Math.round(ms / 5), 100), 5_000)
	};
}
