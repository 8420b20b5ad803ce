import type { Server } from 'node:http';
import { Redis } from 'ioredis';
import type { LiveLimits } from '../src/lib/domain/collab/limits';
import { config } from '../src/lib/server/config';
import type { Db } from '../src/lib/server/db';
import { Projector } from '../src/lib/server/projection';
import { onAccessChanged } from '../src/lib/server/access-changes';
import { setRealtime } from '../src/lib/server/realtime-bridge';
import { AccessRelay } from './access-relay';
import { CollabServer } from './collab/CollabServer';
import { DocumentRegistry } from './collab/DocumentRegistry';
import { RedisFanout } from './collab/RedisFanout';
import { UpdateLog } from './collab/UpdateLog';
import { ConnectionLimiter } from './connection-limiter';
import { attachMeetingChannel, type MeetingChannel } from './meeting-channel';
import { redisCopy } from './redis-connections';
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
	/** What live sockets may hold; each unset limit is the configured one (config.live). */
	live?: Partial<LiveLimits>;
	/** With Redis: how often processes compare each loaded document's state, in ms (15 s). */
	peerCheckMs?: number;
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
		peerCheckMs: options.peerCheckMs,
		onUnload: (name) => projector.forget(name),
		hooks: { onChange: (document) => projector.schedule({ ...document, doc: document.doc }) }
	});
	const allowedOrigins = options.allowedOrigins ?? (config.origin ? [config.origin] : undefined);
	const live = { ...config.live, ...options.live };
	// One count for both endpoints: a session's documents and meeting rooms share its cap.
	const limiter = new ConnectionLimiter({
		perSession: live.connectionsPerSession,
		perAddress: live.connectionsPerAddress
	});
	const address = { addressHeader: config.addressHeader, xffDepth: config.xffDepth };
	const collab = new CollabServer({
		db: options.db,
		registry,
		allowedOrigins,
		sessionCheckMs: options.sessionCheckMs ?? 30_000,
		heartbeatMs: live.heartbeatMs,
		upgradeTimeoutMs: live.upgradeTimeoutMs,
		maxPendingBytes: live.maxPendingBytes,
		limits: { bytesPerSecond: live.bytesPerSecond, byteBurst: live.byteBurst },
		limiter,
		address
	});
	const router = new UpgradeRouter(server, { passThrough: options.dev });
	router.route('/collab', collab.handleUpgrade);
	// socket.io answers its own upgrades (destroyUpgrade: false); the router must not refuse them.
	router.route('/socket.io', () => {});
	const meetingChannel = attachMeetingChannel(server, {
		db: options.db,
		allowedOrigins,
		redis,
		limiter,
		address,
		heartbeatMs: live.heartbeatMs
	});
	// An access change (src/lib/server/access-changes.ts) re-evaluates the person's sockets here at
	// once, and in every other process through Redis.
	const recheck = (userIds: readonly string[]) => {
		collab.recheckUsers(userIds).catch((error: unknown) => {
			console.error('collab: re-checking access failed:', error);
		});
		meetingChannel.recheckUsers(userIds);
	};
	const relay = redis
		? new AccessRelay({
				pub: redis.pub,
				sub: redisCopy(redis.sub, 'access changes', { subscriber: true }),
				heard: recheck
			})
		: undefined;
	const stopHearing = onAccessChanged((userIds) => {
		recheck(userIds);
		relay?.publish(userIds);
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
		async applyServerUpdate(access, update, userId, options) {
			const document = await registry.open(access.name, access);
			try {
				await registry.loaded(access.name);
				await document.applyServerUpdate(update, userId, options);
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
		},
		notifyMeetingEnded(event) {
			meetingChannel.notifyMeetingEnded(event);
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
				stopHearing();
				relay?.close();
				await collab.close();
				// After the unloads' compactions: it also stops the snapshot worker's thread.
				await log.close();
				await projector.flush();
				await meetingChannel.close();
				redis?.pub.disconnect();
				redis?.sub.disconnect();
			})())
	};
}
