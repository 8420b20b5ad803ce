import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';
import type { Carried } from './confirmations';
import { forgetLostTexts } from './lost-texts';

/** The browser's store of one user's copy of one live document. */
export function storeName(userId: string, docName: string): string {
	return `mdt:${userId}:${docName}`;
}

const COUNT_SUFFIX = ':unconfirmed';

/** Edits of this user's documents that this browser holds and the server has not confirmed. */
export function unconfirmedEditsOf(userId: string): number {
	let total = 0;
	for (const key of Object.keys(localStorage)) {
		if (!key.startsWith(storeName(userId, '')) || !key.endsWith(COUNT_SUFFIX)) continue;
		try {
			const count = JSON.parse(localStorage.getItem(key) ?? 'null')?.count;
			if (Number.isInteger(count)) total += count;
		} catch {
			// Unreadable: counts as nothing.
		}
	}
	return total;
}

/**
 * Deletes every copy of this user's documents kept in this browser, at sign-out: patient
 * information must not stay on a shared computer (hazard: "disclosure to the next user").
 */
export async function forgetDocumentsOf(userId: string): Promise<void> {
	const prefix = storeName(userId, '');
	forgetLostTexts(userId);
	for (const key of Object.keys(localStorage)) {
		if (key.startsWith(prefix)) localStorage.removeItem(key);
	}
	if (typeof indexedDB === 'undefined' || !indexedDB.databases) return;
	const databases = await indexedDB.databases();
	await Promise.all(
		databases
			.filter((database) => database.name?.startsWith(prefix))
			.map(
				(database) =>
					new Promise<void>((resolve) => {
						const request = indexedDB.deleteDatabase(database.name!);
						request.onsuccess = request.onerror = request.onblocked = () => resolve();
					})
			)
	);
}

/**
 * Where this browser's copy of a document stands: `writing` while an edit is on its way into
 * IndexedDB (closing the tab now would lose it), `kept` once every edit is written, `none`
 * where the browser keeps nothing (no IndexedDB, or it could not open).
 */
export type BrowserCopy = 'none' | 'writing' | 'kept';

/**
 * A live document kept in the browser's IndexedDB (y-indexeddb), so that edits made offline
 * survive a reload or a closed tab and are sent when the socket returns; beside it, in
 * localStorage, how many of those edits the server had not yet confirmed.
 */
export class BrowserStore {
	readonly #persistence: IndexeddbPersistence | null = null;
	readonly #countKey: string;
	/** Resolves once what the browser kept is in the document, or at once without a store. */
	readonly ready: Promise<void>;
	/** Called whenever `copy` changes. */
	onCopy: (copy: BrowserCopy) => void = () => {};
	#copy: BrowserCopy = 'none';
	/** Bumped by every edit, so that only the check after the latest one reports `kept`. */
	#generation = 0;
	/** A read is under way (see #checkWritten). */
	#reading = false;

	constructor(name: string, doc: Y.Doc) {
		this.#countKey = `${name}${COUNT_SUFFIX}`;
		if (typeof indexedDB === 'undefined') {
			this.ready = Promise.resolve();
			return;
		}
		const persistence = new IndexeddbPersistence(name, doc);
		this.#persistence = persistence;
		// A store that cannot open (private browsing in some browsers) must not keep the
		// document off the network: whenSynced would never resolve.
		this.ready = new Promise<void>((resolve) => {
			persistence.whenSynced.then(() => {
				this.#setCopy('kept');
				resolve();
			});
			persistence._db.catch(() => resolve());
		});
		// Registered after y-indexeddb's own listener, so the edit's write is already queued.
		doc.on('update', (_update: Uint8Array, origin: unknown) => {
			if (origin !== persistence) this.#checkWritten();
		});
	}

	/** Where this browser's copy stands (see BrowserCopy). */
	get copy(): BrowserCopy {
		return this.#copy;
	}

	#setCopy(copy: BrowserCopy) {
		if (copy === this.#copy) return;
		this.#copy = copy;
		this.onCopy(copy);
	}

	/**
	 * Reports `kept` once every edit so far is written. y-indexeddb gives no promise per write,
	 * but IndexedDB starts a read-only transaction only after every read-write transaction
	 * created before it on the same store has finished (IndexedDB 3.0, "transaction
	 * scheduling"), so the completion of an empty read is the moment the edits are on disk.
	 */
	#checkWritten() {
		const db = this.#persistence?.db;
		if (!db) return; // Not open yet: y-indexeddb writes the whole document once it is.
		this.#generation++;
		this.#setCopy('writing');
		// One read at a time: typing queues a write per keystroke, not a read as well. A read
		// started before the latest write does not cover it, so its end starts the next one.
		if (!this.#reading) this.#read(db);
	}

	#read(db: IDBDatabase) {
		const generation = this.#generation;
		try {
			const read = db.transaction(['updates'], 'readonly');
			read.objectStore('updates').count();
			this.#reading = true;
			read.oncomplete = () => {
				this.#reading = false;
				if (generation === this.#generation) this.#setCopy('kept');
				else this.#read(db);
			};
			read.onabort = () => (this.#reading = false);
		} catch {
			// The database is closing (sign-out, page leaving): nothing more will be written.
			this.#reading = false;
		}
	}

	/** Whether a change to the document came from this store (it is not a new edit). */
	isOrigin(origin: unknown): boolean {
		return origin !== null && origin === this.#persistence;
	}

	/** Edits an earlier page kept here that the server had not confirmed. */
	carried(): Carried {
		try {
			const value = JSON.parse(localStorage.getItem(this.#countKey) ?? 'null');
			if (Number.isInteger(value?.count) && Number.isInteger(value?.bytes)) return value;
		} catch {
			// Unreadable: nothing is known to be carried over.
		}
		return { count: 0, bytes: 0 };
	}

	carry(unconfirmed: Carried): void {
		try {
			if (unconfirmed.count === 0) localStorage.removeItem(this.#countKey);
			else localStorage.setItem(this.#countKey, JSON.stringify(unconfirmed));
		} catch {
			// Storage full or refused: the edits themselves are in IndexedDB all the same.
		}
	}

	/** Forgets what this browser kept of the document, and its count of unconfirmed edits. */
	async forget(): Promise<void> {
		try {
			localStorage.removeItem(this.#countKey);
		} catch {
			// Storage refused: nothing to remove.
		}
		await this.#persistence?.clearData();
	}

	destroy(): void {
		void this.#persistence?.destroy();
	}
}
