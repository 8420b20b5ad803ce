import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { page } from '$app/state';
import { BrowserStore, storeName, type BrowserCopy } from './browser-store';
import { LiveConnection, type ConnectionState } from './live-connection';
import { keepTexts, takeKeptTexts, type LostText } from './lost-texts';

export type { BrowserCopy, ConnectionState, LostText };

export type Collaborator = { name: string; color: string };

// Dark enough for white caret labels to meet WCAG AA contrast.
const PALETTE = [
	'#005eb8',
	'#007f3b',
	'#330072',
	'#ae2573',
	'#8a1538',
	'#425563',
	'#7c2855',
	'#00401e'
];

/** A stable colour per user, so that everyone sees the same person in the same colour. */
export function colourFor(userId: string): string {
	let hash = 0;
	for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	return PALETTE[hash % PALETTE.length];
}

/**
 * One live Yjs document in the browser: its connection (live-connection.ts), the copy kept in
 * this browser, and the state people see. Once it has something to show (synced once, or kept
 * here from an earlier visit) it stays usable whatever the connection does: edits made meanwhile
 * are kept in the browser and sent when the socket returns, and count as unsent until the
 * server confirms that it stored them.
 */
export class LiveDocument {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	readonly readOnly: boolean;
	state = $state<ConnectionState>('connecting');
	/** The document has something to show: synced once, or kept in this browser. */
	loaded = $state(false);
	/** Synced with the server on the current socket. */
	synced = $state(false);
	/** Local edits the server has not yet confirmed storing (kept in this browser meanwhile). */
	unsentEdits = $state(0);
	/** Whether those edits are written to this browser yet (safe to close the tab). */
	browserCopy = $state<BrowserCopy>('none');
	/** Why the socket is down, or what became of a change the server would refuse. */
	closeReason = $state<string | null>(null);
	/** After edits were discarded (see #final): what the person had typed that was not stored. */
	lostTexts = $state<LostText[]>([]);
	readonly #connection: LiveConnection;
	readonly #store: BrowserStore | null;
	readonly #userId: string | undefined;
	/** Said once the page is back after edits were discarded (see #final). */
	readonly #notice: string | null;

	constructor(name: string, options: { readOnly: boolean; user: Collaborator }) {
		this.readOnly = options.readOnly;
		// Kept per signed-in user: on a shared computer, nobody sends another person's edits.
		const userId = (page.data as { user?: { id?: string } }).user?.id;
		this.#userId = userId;
		this.#store = userId ? new BrowserStore(storeName(userId, name), this.doc) : null;
		if (this.#store) this.#store.onCopy = (copy) => (this.browserCopy = copy);
		this.#notice = takeDiscardNotice(name) ?? takeAccessNotice(name, options.readOnly);
		let kept = userId ? takeKeptTexts(userId, name) : null;
		const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
		this.#connection = new LiveConnection({
			url: `${protocol}//${location.host}/collab`,
			name,
			doc: this.doc,
			readOnly: options.readOnly,
			WebSocket,
			store: this.#store,
			isOnline: () => navigator.onLine,
			onChange: (view) => {
				this.state = view.state;
				this.loaded = view.loaded;
				this.synced = view.synced;
				this.unsentEdits = view.unsentEdits;
				this.closeReason = view.reason ?? this.#notice;
				if (kept && view.synced) {
					this.lostTexts = kept(this.doc);
					kept = null;
				}
			},
			onFinal: (unconfirmed) => this.#final(name, unconfirmed),
			onAccessChanged: (unconfirmed) => this.#accessChanged(name, unconfirmed)
		});
		this.provider = this.#connection.provider;
		this.provider.awareness.setLocalStateField('user', options.user);
		addEventListener('offline', this.#offline);
		addEventListener('online', this.#online);
		addEventListener('beforeunload', this.#beforeUnload);
	}

	/** The size of the local edits not yet confirmed (see domain/collab/limits). */
	get unconfirmedBytes(): number {
		return this.#connection.unconfirmedBytes;
	}

	/**
	 * The meeting ended while this browser held edits the server had not stored (sent now, or kept
	 * from an earlier visit, read-only page or not): they never will be, and showing them would
	 * show words the minutes do not hold. The browser's copy is forgotten and the page reloads the
	 * final document, saying what happened and offering back what was typed (hazard: "a decision
	 * shown that is not in the record"). Once only: a page refused again right after its reload
	 * stops trying rather than loop.
	 */
	#final(name: string, unconfirmed: number): 'reloading' | 'stop' {
		const guard = `mdt:final-reload:${name}`;
		const last = Number(sessionStorage.getItem(guard));
		if (last && Date.now() - last < 60_000) return 'stop';
		sessionStorage.setItem(guard, String(Date.now()));
		if (this.#userId) keepTexts(this.#userId, name, this.doc);
		void (this.#store?.forget() ?? Promise.resolve()).then(() => {
			sessionStorage.setItem(discardKey(name), String(Math.max(unconfirmed, 1)));
			location.reload();
		});
		return 'reloading';
	}

	/**
	 * What this person may do here changed while the page was open (an admin changed their role):
	 * the page is loaded again, so that it shows what they may now do. Edits the server had not
	 * stored never will be (the socket closed before it read them): like edits after a meeting's
	 * end, the browser's copy of them is forgotten, and the reloaded page says how many were lost.
	 */
	#accessChanged(name: string, unconfirmed: number) {
		const lost = this.readOnly ? 0 : unconfirmed;
		if (lost > 0 && this.#userId) keepTexts(this.#userId, name, this.doc);
		const forgotten = lost > 0 ? (this.#store?.forget() ?? Promise.resolve()) : Promise.resolve();
		reloadAfter(forgotten.then(() => sessionStorage.setItem(accessKey(name), String(lost))));
	}

	#offline = () => this.#connection.offline();
	#online = () => this.#connection.online();

	// Hazard "edits lost in a disconnect": warn before closing the page with unconfirmed edits.
	#beforeUnload = (event: BeforeUnloadEvent) => {
		if (this.unsentEdits > 0) event.preventDefault();
	};

	destroy(): void {
		removeEventListener('offline', this.#offline);
		removeEventListener('online', this.#online);
		removeEventListener('beforeunload', this.#beforeUnload);
		this.#connection.destroy();
		this.#store?.destroy();
		this.doc.destroy();
	}
}

const discardKey = (name: string) => `mdt:discarded:${name}`;
const accessKey = (name: string) => `mdt:access-changed:${name}`;

/**
 * One reload for all the page's documents: each socket of the person closes with 4403, and each
 * document first forgets what it must (the room holds the meeting and a care plan).
 */
let reloading: Promise<unknown>[] | null = null;
function reloadAfter(work: Promise<unknown>) {
	if (reloading) return void reloading.push(work);
	const all = (reloading = [work]);
	// The other documents' sockets close at the same moment, not necessarily in the same task.
	setTimeout(() => void Promise.allSettled(all).then(() => location.reload()), 300);
}

/** The message for a change of access, once, after the reload. */
function takeAccessNotice(name: string, readOnly: boolean): string | null {
	const stored = sessionStorage.getItem(accessKey(name));
	if (stored === null) return null;
	sessionStorage.removeItem(accessKey(name));
	const lost = Number(stored);
	const now = readOnly
		? 'you can now read this page but not change it'
		: 'you can now make changes on this page';
	const unsaved =
		lost > 0
			? ` ${lost === 1 ? 'A change' : `${lost} changes`} you made had not been saved yet and could not be saved, so ${lost === 1 ? 'it was' : 'they were'} not added.`
			: '';
	return `An administrator changed your role: ${now}.${unsaved}`;
}

/** The message for edits discarded when the meeting ended, once, after the reload. */
function takeDiscardNotice(name: string): string | null {
	const count = Number(sessionStorage.getItem(discardKey(name)));
	if (!count) return null;
	sessionStorage.removeItem(discardKey(name));
	return `The meeting ended before ${count === 1 ? 'a change' : `${count} changes`} you made could be saved, so ${count === 1 ? 'it was' : 'they were'} not added. Add corrections as amendments to the minutes.`;
}

/**
 * A value read from a Yjs document, kept current as the document changes. Read lazily: only when
 * something shows it, once per change of the document or of the page state `read` uses (a
 * $state or $derived it reads), however often it is shown.
 */
export class DocView<T> {
	/** Counts the document's changes, so that `value` depends on them. */
	#revision = $state(0);
	readonly #off: () => void;
	readonly #value: () => T;

	constructor(doc: Y.Doc, read: (doc: Y.Doc) => T) {
		const derived = $derived.by(() => {
			void this.#revision;
			return read(doc);
		});
		this.#value = () => derived;
		const update = () => this.#revision++;
		doc.on('update', update);
		this.#off = () => doc.off('update', update);
	}

	get value(): T {
		return this.#value();
	}

	destroy(): void {
		this.#off();
	}
}
