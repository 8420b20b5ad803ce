/**
 * PostgreSQL and Redis processes of a test's own, to stop, freeze and restart: fault tests never
 * touch the shared ones. Each starter returns null (and says so once) when the binaries are not
 * on this machine, so that the test can skip loudly.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { within } from './wait';

/** A port nobody listens on now. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/** A binary on PATH or in Debian's PostgreSQL folders; null when there is none. */
function findBinary(name: string): string | null {
	const folders = [
		...(process.env.PATH ?? '').split(':'),
		...(existsSync('/usr/lib/postgresql')
			? readdirSync('/usr/lib/postgresql').map((v) => `/usr/lib/postgresql/${v}/bin`)
			: [])
	];
	for (const folder of folders) {
		if (folder && existsSync(join(folder, name))) return join(folder, name);
	}
	return null;
}

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user. */
function asPostgresUser(command: string, args: string[]): [string, string[]] {
	if (process.getuid?.() !== 0) return [command, args];
	return ['runuser', ['-u', 'postgres', '--', command, ...args]];
}

export type OwnPostgres = {
	url: string;
	/** Stops the server (fast shutdown: connections are closed). */
	stop(): Promise<void>;
	start(): Promise<void>;
	/** Freezes every process of the server (SIGSTOP): connections stay open, nothing answers. */
	freeze(): void;
	thaw(): void;
	/** Stops it for good and deletes its files. */
	destroy(): Promise<void>;
};

/** initdb + pg_ctl in a temporary folder, on a free port; null when PostgreSQL is not installed. */
export async function startOwnPostgres(): Promise<OwnPostgres | null> {
	const initdb = findBinary('initdb');
	const pgCtl = findBinary('pg_ctl');
	if (!initdb || !pgCtl) {
		console.warn('⚠ initdb/pg_ctl not found: tests with their own PostgreSQL are SKIPPED.');
		return null;
	}
	const dir = mkdtempSync(join(tmpdir(), 'mdt-own-pg-'));
	if (process.getuid?.() === 0) chownSync(dir, uid('postgres'), gid('postgres'));
	const data = join(dir, 'data');
	const port = await freePort();
	const run = (command: string, args: string[]) => {
		const [bin, argv] = asPostgresUser(command, args);
		execFileSync(bin, argv, { stdio: 'ignore' });
	};
	run(initdb, ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync']);
	const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
	const start = async () =>
		run(pgCtl, ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
	const stop = async () => run(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop']);
	const signalAll = (signal: 'SIGSTOP' | 'SIGCONT') => {
		const postmaster = execFileSync('head', ['-1', join(data, 'postmaster.pid')])
			.toString()
			.trim();
		const children = execFileSync('pgrep', ['-P', postmaster]).toString().split('\n');
		for (const pid of [postmaster, ...children].filter(Boolean)) {
			try {
				process.kill(Number(pid), signal);
			} catch (e) {
				// A backend that ended between the listing and the signal (its client went).
				if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
			}
		}
	};
	await start();
	return {
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		start,
		stop,
		freeze: () => signalAll('SIGSTOP'),
		thaw: () => signalAll('SIGCONT'),
		async destroy() {
			try {
				signalAll('SIGCONT');
				await stop();
			} catch {
				// Already stopped.
			}
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

function uid(user: string): number {
	return Number(execFileSync('id', ['-u', user]).toString());
}
function gid(user: string): number {
	return Number(execFileSync('id', ['-g', user]).toString());
}

export type OwnRedis = {
	url: string;
	stop(): Promise<void>;
	start(): Promise<void>;
	destroy(): Promise<void>;
};

/** redis-server on a free port, without persistence; null when Redis is not installed. */
export async function startOwnRedis(): Promise<OwnRedis | null> {
	const binary = findBinary('redis-server');
	if (!binary) {
		console.warn('⚠ redis-server not found: tests with their own Redis are SKIPPED.');
		return null;
	}
	const port = await freePort();
	let child: ChildProcess | null = null;
	const start = async () => {
		const process = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', ''], {
			stdio: ['ignore', 'pipe', 'ignore']
		});
		child = process;
		const ready = new Promise<void>((resolve) => {
			process.stdout!.on('data', (chunk: Buffer) => {
				if (chunk.toString().includes('Ready to accept connections')) resolve();
			});
		});
		await within(ready, 'our own redis-server to start');
	};
	const stop = async () => {
		const running = child;
		if (!running || running.exitCode !== null) return;
		const exited = new Promise((resolve) => running.once('exit', resolve));
		running.kill('SIGKILL');
		await exited;
		child = null;
	};
	await start();
	return { url: `redis://127.0.0.1:${port}`, start, stop, destroy: stop };
}
