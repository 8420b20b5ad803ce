/** One server under the load of the generator processes, measured. */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { ClientKind, FromWorker, ToWorker, WorkerResult } from './load-worker';
import { log, profileArgs, type Options } from './options';
import {
	at,
	cpuSeconds,
	forkNode,
	machineBusySeconds,
	now,
	sleep,
	watchMemory,
	type Child
} from './processes';
import { percentile, type Metrics, type ServerName } from './report';
import type { OurDatabase } from './servers';

function send(worker: Child, message: ToWorker) {
	worker.process.send(message);
}

/** The next message of a kind from a worker; rejects on its error, its exit, or the timeout. */
function receive<T extends FromWorker['type']>(
	worker: Child,
	type: T,
	timeoutMs: number
): Promise<Extract<FromWorker, { type: T }>> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(
			() => done(new Error(`${worker.name}: no '${type}' after ${timeoutMs / 1000} s`)),
			timeoutMs
		);
		const onMessage = (message: FromWorker) => {
			if (message.type === type) done(undefined, message as Extract<FromWorker, { type: T }>);
			else if (message.type === 'error') done(new Error(`${worker.name}: ${message.message}`));
		};
		const onExit = () => done(new Error(`${worker.name} exited:\n${worker.tail(20)}`));
		function done(error?: Error, message?: Extract<FromWorker, { type: T }>) {
			clearTimeout(timer);
			worker.process.off('message', onMessage);
			worker.process.off('exit', onExit);
			if (error) reject(error);
			else resolve(message!);
		}
		worker.process.on('message', onMessage);
		worker.process.once('exit', onExit);
	});
}

export type Target = {
	name: ServerName;
	server: Child;
	kind: ClientKind;
	url: string;
	rooms: string[];
	tokens: string[];
	database?: OurDatabase;
	/** Where the server's preloaded loop-delay.mjs writes its event-loop delay on SIGUSR2. */
	loopDelayFile: string;
};

/** Every server writes to a top-level array its schema allows (an agenda item's notes). */
const ROOT = 'item.bench.notes';

/** The server's event-loop delay over the window, written when told so by a second SIGUSR2. */
async function readLoopDelay(file: string): Promise<Metrics['serverLoopDelayMs']> {
	for (let i = 0; i < 20 && !existsSync(file); i++) await sleep(50);
	if (!existsSync(file)) return undefined;
	const figures = JSON.parse(readFileSync(file, 'utf8')) as Metrics['serverLoopDelayMs'];
	rmSync(file, { force: true });
	return figures;
}

/** Drives one running server through connect, warm-up, the measured window and settle. */
export async function measure(target: Target, options: Options): Promise<Metrics> {
	const loadAverage = loadavg()[0];
	const memory = watchMemory(target.server.pid);
	const workers: Child[] = [];
	// A server that dies mid-run fails its row at once, rather than at the next timeout.
	const died = target.server.exited.then((code) => {
		const how = target.server.process.signalCode ?? `code ${code}`;
		throw new Error(`${target.name} died during the run (${how})\n${target.server.tail(20)}`);
	});
	const unlessDied = <T>(work: Promise<T>) => Promise.race([work, died]);
	died.catch(() => {});
	try {
		const count = Math.min(options.workers, target.rooms.length);
		for (let i = 0; i < count; i++) {
			workers.push(
				forkNode(`generator ${i + 1}`, 'tests/bench/load-worker.ts', {
					nodeArgs: profileArgs(options, `generators-${target.name}`),
					echo: options.verbose
				})
			);
		}
		const connectStart = now();
		const connected = workers.map((worker, i) => {
			const rooms = target.rooms.filter((_, r) => r % count === i);
			send(worker, {
				type: 'connect',
				kind: target.kind,
				mode: options.clientMode,
				root: ROOT,
				url: target.url,
				rooms,
				clientsPerRoom: options.clients,
				tokens: target.tokens,
				timeoutMs: options.connectTimeoutMs
			});
			return receive(worker, 'connected', options.connectTimeoutMs + 15_000);
		});
		const clients = (await unlessDied(Promise.all(connected))).reduce(
			(sum, c) => sum + c.clients,
			0
		);
		const connectMs = now() - connectStart;
		log(`${clients} clients connected and synced in ${(connectMs / 1000).toFixed(1)} s`);

		const warmupStart = now() + 500;
		const measureStart = warmupStart + options.warmup * 1000;
		const measureEnd = measureStart + options.seconds * 1000;
		const results = workers.map((worker) =>
			receive(worker, 'result', measureEnd - now() + options.settle * 1000 + 30_000)
		);
		// Awaited after the window; a worker failing before then must not count as unhandled.
		for (const result of results) result.catch(() => {});
		for (const worker of workers) {
			send(worker, {
				type: 'go',
				warmupStart,
				measureStart,
				measureEnd,
				rate: options.rate,
				settleMs: options.settle * 1000
			});
		}
		const backendsBefore = await target.database?.backends();
		await at(measureStart);
		const cpu = () => ({
			machine: machineBusySeconds(),
			server: cpuSeconds(target.server.pid) ?? NaN,
			workers: workers.map((w) => cpuSeconds(w.pid) ?? NaN),
			database: (backendsBefore ?? []).map((pid) => [pid, cpuSeconds(pid) ?? 0] as const)
		});
		rmSync(target.loopDelayFile, { force: true });
		target.server.process.kill('SIGUSR2');
		const before = cpu();
		const windowStart = now();
		log(`measuring for ${options.seconds} s`);
		await at(measureEnd);
		const after = cpu();
		const windowSeconds = (now() - windowStart) / 1000;
		target.server.process.kill('SIGUSR2');
		const serverLoopDelayMs = await readLoopDelay(target.loopDelayFile);
		let databaseCpu: number | undefined;
		if (target.database?.kind === 'postgres') {
			// Backends opened during the window count from zero; those before, from their start value.
			const start = new Map(before.database);
			const pids = new Set([...(await target.database.backends()), ...start.keys()]);
			databaseCpu = 0;
			for (const pid of pids) databaseCpu += (cpuSeconds(pid) ?? 0) - (start.get(pid) ?? 0);
		}
		log('settling');
		const parts: WorkerResult[] = (await unlessDied(Promise.all(results))).map((r) => r.result);
		const peakRssMb = memory.stop();

		const edits = parts.reduce((sum, p) => sum + p.measuredEdits, 0);
		const deliveries = parts.reduce((sum, p) => sum + p.deliveries, 0);
		const expectedDeliveries = parts.reduce((sum, p) => sum + p.expectedDeliveries, 0);
		const latencies = new Float64Array(parts.reduce((sum, p) => sum + p.latencies.length, 0));
		let offset = 0;
		for (const part of parts) {
			latencies.set(part.latencies, offset);
			offset += part.latencies.length;
		}
		latencies.sort();
		const cpuUsed = after.server - before.server;
		const generatorCpu = workers.map((_, i) => after.workers[i] - before.workers[i]);
		const othersCpu =
			after.machine -
			before.machine -
			cpuUsed -
			generatorCpu.reduce((sum, c) => sum + c, 0) -
			(databaseCpu ?? 0);
		return {
			latencyMs: {
				p50: percentile(latencies, 0.5),
				p95: percentile(latencies, 0.95),
				p99: percentile(latencies, 0.99),
				max: latencies.length ? latencies[latencies.length - 1] : NaN,
				samples: latencies.length
			},
			edits,
			deliveries,
			expectedDeliveries,
			deliveryRatio: expectedDeliveries ? deliveries / expectedDeliveries : NaN,
			rooms: parts.reduce((sum, p) => sum + p.rooms, 0),
			diverged: parts.reduce((sum, p) => sum + p.diverged, 0),
			disconnects: parts.reduce((sum, p) => sum + p.disconnects, 0),
			settleMs: Math.max(...parts.map((p) => p.settleMs)),
			settleLimitMs: options.settle * 1000,
			connectMs,
			windowSeconds,
			cpuSeconds: cpuUsed,
			cpuPer1kEdits: cpuUsed / (edits / 1000),
			serverCores: cpuUsed / windowSeconds,
			peakRssMb,
			databaseCpuPer1kEdits: databaseCpu === undefined ? undefined : databaseCpu / (edits / 1000),
			generator: {
				processes: workers.length,
				cores: generatorCpu.map((c) => c / windowSeconds),
				eventLoopUtilisation: parts.map((p) => p.eventLoopUtilisation),
				sendLagP99Ms: Math.max(...parts.map((p) => p.sendLagP99)),
				eventLoopDelayP99Ms: Math.max(...parts.map((p) => p.eventLoopDelayP99))
			},
			serverLoopDelayMs,
			loadAverage,
			otherCores: Math.max(0, othersCpu / windowSeconds)
		};
	} finally {
		memory.stop();
		for (const worker of workers) if (worker.process.connected) send(worker, { type: 'stop' });
		// Let them exit on their own first (a profile is written on a clean exit only).
		await Promise.all(
			workers.map((w) => Promise.race([w.exited, sleep(5000)]).then(() => w.stop(2000)))
		);
	}
}
