/**
 * The access-change bus. Whoever changes what a person may do — an admin changing their role or
 * deactivating them, a session ended by sign-out or a password change — calls `accessChanged`
 * once the change has committed. The live servers of this process listen (server/realtime.ts)
 * and re-evaluate that person's open sockets at once, by the same rules as a new connection;
 * with Redis, server/access-relay.ts carries the news to every other process.
 *
 * Without it, a GP changed to observer could go on storing edits and steering a meeting over
 * the sockets they already had open (issue 9, item 1): HTTP refused them at once, sockets not.
 */

/** Hears the ids of users whose access may have changed; it must not throw or block. */
export type AccessChangeListener = (userIds: readonly string[]) => void;

// SvelteKit's bundle and server/ load separate copies of this module: share through globalThis.
const KEY = Symbol.for('mdt-workspace.access-changes');
type Holder = { [KEY]?: Set<AccessChangeListener> };

function listeners(): Set<AccessChangeListener> {
	const holder = globalThis as Holder;
	return (holder[KEY] ??= new Set());
}

/**
 * Tells this process's live servers (and, through them, every other process) that these users'
 * role, membership or sessions have changed. Call it after the transaction that made the change
 * has committed, so that the re-evaluation reads the new state. Synchronous: by the time it
 * returns, this process's sockets of these users take nothing more under their old access.
 * Never throws (a failing listener is logged).
 */
export function accessChanged(userIds: string | readonly string[]): void {
	const ids = typeof userIds === 'string' ? [userIds] : [...new Set(userIds)];
	if (ids.length === 0) return;
	for (const listener of listeners()) {
		try {
			listener(ids);
		} catch (error) {
			console.error('access change: a listener failed:', error);
		}
	}
}

/** Listens for access changes made in this process; returns the function that stops it. */
export function onAccessChanged(listener: AccessChangeListener): () => void {
	listeners().add(listener);
	return () => listeners().delete(listener);
}
