import type { Server } from 'node:http';
import { Redis } from 'ioredis';
import { config } from '../src/lib/server/config';
import type { Db } from '../src/lib/server/db';
import { Projector } from '../src/lib/server/projection';
import { setRealtime } from '../src/lib/server/realtime-bridge';
import { CollabServer } from './collab/CollabServer';
import { DocumentRegistry } from './collab/DocumentRegistry';
import { RedisFanout } from './collab/RedisFanout';
import { UpdateLog } from './collab/UpdateLog';
import { attachMeetingChannel, type MeetingChannel } from './meeting-channel';
import { UpgradeRouter } from './upgrade-router';

export type Realtime = {
	router: UpgradeRouter;
	collab: CollabServer;
	registry: DocumentRegistry;
	meetingChannel: MeetingChannel;
	close(): Promise<void>;
};

export type RealtimeOptions = {
	db: Db;
	dev: boolean;
	redisUrl?: string;
	allowedOrigins?: string[];
	idleMs?: number;
	sessionCheckMs?: number;
};

/**
 * Attaches the live side of the app to an HTTP server: y-websocket documents at /collab and the
 * socket.io meeting channel. The production server and the Vite dev server share this wiring;
 * in dev, upgrades no route claims belong to Vite's HMR.
 */
export function attachRealtime(server: Server, options: RealtimeOptions): Realtime {
	const redisUrl = options.redisUrl ?? config.redisUrl;
	const redis = redisUrl
		? {
				pub: new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 }),
				sub: new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 })
			}
		: undefined;
	for (const client of redis ? [redis.pub, redis.sub] : []) {
		// ioredis reconnects by itself; without a listener an outage would crash the process.
		client.on('error', (error: Error) => console.error('redis:', error.message));
	}
	const log = new UpdateLog(options.db);
	const projector = new Projector(options.db);
	const registry = new DocumentRegistry({
		log,
		fanout: redis ? new RedisFanout(redis.pub, redis.sub) : undefined,
		idleMs: options.idleMs ?? 30_000,
		onUnload: (name) => projector.forget(name),
		hooks: { onChange: (document) => projector.schedule({ ...document, doc: document.doc }) }
	});
	const allowedOrigins = options.allowedOrigins ?? (config.origin ? [config.origin] : undefined);
	const collab = new CollabServer({
		db: options.db,
		registry,
		allowedOrigins,
		sessionCheckMs: options.sessionCheckMs ?? 30_000
	});
	const router = new UpgradeRouter(server, { passThrough: options.dev });
	router.route('/collab', collab.handleUpgrade);
	// socket.io answers its own upgrades (destroyUpgrade: false); the router must not refuse them.
	router.route('/socket.io', () => {});
	const meetingChannel = attachMeetingChannel(server, {
		db: options.db,
		allowedOrigins,
		redis: redis ? { pub: redis.pub.duplicate(), sub: redis.sub.duplicate() } : undefined
	});
	setRealtime({
		async withDocument(access, fn) {
			const document = await registry.open(access.name, access);
			try {
				await registry.loaded(access.name);
				return await fn(document.doc);
			} finally {
				registry.release(document);
			}
		},
		async applyServerUpdate(access, update, userId) {
			const document = await registry.open(access.name, access);
			try {
				await registry.loaded(access.name);
				await document.applyServerUpdate(update, userId);
			} finally {
				registry.release(document);
			}
		},
		endSessions(ids) {
			collab.endSessions(ids);
			meetingChannel.endSessions(ids);
		},
		notifyAction(event) {
			meetingChannel.notifyAction(event);
		}
	});

	let closed: Promise<void> | undefined;
	return {
		router,
		collab,
		registry,
		meetingChannel,
		close: () =>
			(closed ??= (async () => {
				await collab.close();
				await log.drain();
				await projector.flush();
				await meetingChannel.close();
				redis?.pub.disconnect();
				redis?.sub.disconnect();
			})())
	};
}
