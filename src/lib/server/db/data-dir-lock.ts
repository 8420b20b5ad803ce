import {
	linkSync,
	readFileSync,
	renameSync,
	statSync,
	unlinkSync,
	utimesSync,
	writeFileSync
} from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/** The lock file's name inside the data directory. */
export const LOCK_FILE = 'mdt-workspace.lock';

/** How often the holder touches its lock file (ms). */
const HEARTBEAT_MS = 10_000;
/**
 * A lock from another host (another container on a shared volume), whose pid this process cannot
 * see, counts as left behind once it has not been touched for this long (ms).
 */
export const STALE_MS = 30_000;

/** Who holds a lock: the process and the host (container) it runs on. */
type Holder = { pid: number; host: string };

/**
 * Another process holds the embedded database's data directory. PGlite keeps no lock of its own:
 * two processes on one directory each see only their own writes, and one loses them at restart.
 */
export class DataDirectoryLockedError extends Error {
	constructor(
		readonly directory: string,
		readonly holder: Holder
	) {
		super(
			`The data directory ${directory} is in use by another process (pid ${holder.pid} on ` +
				`${holder.host}). Stop that process first, or give this one its own DATA_DIR. If no ` +
				`such process is running, delete ${join(directory, LOCK_FILE)}.`
		);
		this.name = 'DataDirectoryLockedError';
	}
}

/** Whether a process with this pid is running here (signal 0 checks without signalling). */
function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: it exists but belongs to another user.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Whether a lock was left behind. On this host: its process is not running, or has this
 * process's pid (a container restarted: the pid is reused). From another host, where its pid
 * means nothing here: it has not been touched for STALE_MS (its holder touches it every
 * HEARTBEAT_MS while it runs).
 */
function isStale(holder: Holder, path: string): boolean {
	if (holder.host === hostname()) return holder.pid === process.pid || !isRunning(holder.pid);
	try {
		return Date.now() - statSync(path).mtimeMs > STALE_MS;
	} catch {
		return true;
	}
}

/**
 * Takes the data directory for this process, as PostgreSQL's postmaster.pid does: a lock file
 * naming the holder's pid and host, put in place whole and exclusively (a hard link fails if it
 * exists), and touched every 10 s while held. A lock left behind (see isStale) is taken over:
 * moved aside atomically first, so that of two processes taking over at once only one succeeds.
 * Returns the release function, which the database's close calls; the file is also removed when
 * the process exits.
 *
 * @throws DataDirectoryLockedError when a running process holds the directory.
 */
export function lockDataDirectory(directory: string): () => void {
	const path = join(resolve(directory), LOCK_FILE);
	const me: Holder = { pid: process.pid, host: hostname() };
	const draft = `${path}.${process.pid}`;
	writeFileSync(draft, JSON.stringify(me));
	try {
		for (let attempt = 0; attempt < 2; attempt++) {
			try {
				linkSync(draft, path);
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
				const holder = readHolder(path);
				if (holder && !isStale(holder, path)) {
					throw new DataDirectoryLockedError(resolve(directory), holder);
				}
				moveAsideIfStill(path, holder);
				continue;
			}
			return hold(path, me);
		}
		// Another process took it between our moving the stale lock aside and creating ours.
		throw new DataDirectoryLockedError(
			resolve(directory),
			readHolder(path) ?? { pid: 0, host: '?' }
		);
	} finally {
		unlinkQuietly(draft);
	}
}

/** Moves the stale lock aside, unless another process has replaced it meanwhile. */
function moveAsideIfStill(path: string, stale: Holder | null) {
	const aside = `${path}.stale.${process.pid}`;
	try {
		renameSync(path, aside);
	} catch {
		return; // Gone already.
	}
	const moved = readHolder(aside);
	if (moved && stale && (moved.pid !== stale.pid || moved.host !== stale.host)) {
		// A fresh lock of another process: put it back (fails if a third took the place).
		try {
			linkSync(aside, path);
		} catch {
			// Then that third process holds it.
		}
	}
	unlinkQuietly(aside);
}

/** The lock files this process holds, and their heartbeats; removed when it exits. */
const held = new Map<string, ReturnType<typeof setInterval>>();

function hold(path: string, me: Holder): () => void {
	const heartbeat = setInterval(() => {
		const now = new Date();
		try {
			if (isMine(path, me)) utimesSync(path, now, now);
		} catch {
			// Removed meanwhile: nothing to keep fresh.
		}
	}, HEARTBEAT_MS);
	heartbeat.unref();
	held.set(path, heartbeat);
	if (held.size === 1) process.on('exit', releaseAll);
	return () => {
		clearInterval(held.get(path));
		held.delete(path);
		if (held.size === 0) process.off('exit', releaseAll);
		if (isMine(path, me)) unlinkQuietly(path);
	};
}

function releaseAll() {
	const me: Holder = { pid: process.pid, host: hostname() };
	for (const path of held.keys()) if (isMine(path, me)) unlinkQuietly(path);
}

function isMine(path: string, me: Holder): boolean {
	const holder = readHolder(path);
	return holder?.pid === me.pid && holder.host === me.host;
}

/** The holder a lock file names; a bare pid (an earlier release's lock) is of this host. */
function readHolder(path: string): Holder | null {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch {
		return null;
	}
	try {
		const parsed = JSON.parse(text);
		if (Number.isInteger(parsed?.pid) && typeof parsed?.host === 'string') return parsed;
	} catch {
		// Not JSON: the earlier format.
	}
	const pid = Number.parseInt(text, 10);
	return Number.isInteger(pid) && pid > 0 ? { pid, host: hostname() } : null;
}

function unlinkQuietly(path: string) {
	try {
		unlinkSync(path);
	} catch {
		// Already gone.
	}
}
