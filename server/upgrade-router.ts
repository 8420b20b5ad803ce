import type { IncomingMessage, Server } from 'node:http';
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
