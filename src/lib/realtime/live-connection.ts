import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { CONFIRM_PARAM, MESSAGE_CONFIRMED } from '../domain/collab/limits';
import { Confirmations, type Carried } from './confirmations';
import { Backoff, closingOf, RATE_LIMITED_PAUSE_MS } from './reconnection';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused';

/** What people are shown of a live document's connection. */
export type ConnectionView = {
	state: ConnectionState;
	/** The document has something to show: synced once, or kept in this browser. */
	loaded: boolean;
	/** Synced with the server on the current socket. */
	synced: boolean;
	/** Local edits the server has not yet confirmed storing. */
	unsentEdits: number;
	/** Why the socket is down, or what became of a change the server would refuse. */
	reason: string | null;
};

/** Where a document is kept between visits (see BrowserStore). */
export type LocalStore = {
	ready: Promise<void>;
	isOrigin(origin: unknown): boolean;
	carried(): Carried;
	carry(unconfirmed: Carried): void;
};

export type LiveConnectionOptions = {
	/** The collab endpoint, e.g. `wss://host/collab`. */
	url: string;
	name: string;
	doc: Y.Doc;
	readOnly: boolean;
	WebSocket: typeof globalThis.WebSocket;
	store?: LocalStore | null;
	/** Whether the device has a network (`navigator.onLine` in a browser). */
	isOnline?: () => boolean;
	/** After every change of the view. */
	onChange?: (view: ConnectionView) => void;
	/**
	 * The server closed with 4410: the document is final (its meeting ended), and `unconfirmed`
	 * local edits will never be stored. 'reloading': the page forgets them and reloads (no retry
	 * meanwhile); 'stop': give up (refused); otherwise the connection reads it again, read-only.
	 */
	onFinal?: (unconfirmed: number) => 'reloading' | 'stop' | void;
	/**
	 * The server closed with 4403: what this person may do here changed (their role), and the
	 * `unconfirmed` local edits were not stored. The page is loaded again; without this, the
	 * connection reconnects with the access the server now gives.
	 */
	onAccessChanged?: (unconfirmed: number) => void;
};

/**
 * A live document's connection: the y-websocket provider, which local edits the server has
 * confirmed, and when to connect again. Every close comes here and is answered by its code
 * (reconnection.ts): the network's after a backoff, or at once when the device is back online;
 * a message too large is taken out of the document, never sent again as it was; a refusal ends
 * the attempts. Plain TypeScript, so that it runs on Node against the real server (tests).
 */
export class LiveConnection {
	readonly provider: WebsocketProvider;
	readonly view: ConnectionView = {
		state: 'connecting',
		loaded: false,
		synced: false,
		unsentEdits: 0,
		reason: null
	};
	readonly #options: LiveConnectionOptions;
	readonly #confirmations: Confirmations;
	readonly #backoff = new Backoff({ minMs: 250, maxMs: 30_000 });
	readonly #isOnline: () => boolean;
	#everSynced = false;
	/** The server refused this page for good (a malformed message, a session ended…). */
	#refused = false;
	/** The reason shown goes once the socket syncs again. */
	#reasonPasses = false;
	#retry: ReturnType<typeof setTimeout> | undefined;
	#destroyed = false;

	constructor(options: LiveConnectionOptions) {
		this.#options = options;
		this.#isOnline = options.isOnline ?? (() => true);
		const { doc, store } = options;
		// Before the provider, so that each edit is counted before the provider sends it.
		this.#confirmations = new Confirmations(doc, {
			isLocal: (origin) => origin !== this.provider && !store?.isOrigin(origin),
			carried: store?.carried()
		});
		this.#confirmations.onChange = () => {
			this.view.unsentEdits = options.readOnly ? 0 : this.#confirmations.count;
			store?.carry({ count: this.view.unsentEdits, bytes: this.#confirmations.bytes });
			this.#changed();
		};
		this.#confirmations.onOversized = () => this.#tooBig();
		this.view.unsentEdits = options.readOnly ? 0 : this.#confirmations.count;
		this.provider = new WebsocketProvider(options.url, options.name, doc, {
			connect: false,
			// Read-only sockets' edits are not stored, so there is nothing to confirm.
			params: options.readOnly ? {} : { [CONFIRM_PARAM]: '1' },
			WebSocketPolyfill: this.#confirmations.socketClass(options.WebSocket),
			// Tabs meet through the server, which confirms what it stored: an edit relayed by
			// another tab would be neither counted nor confirmed here.
			disableBc: true,
			// Every close by the server or the network comes to #closed, which decides.
			shouldReconnect: () => false
		});
		this.provider.messageHandlers[MESSAGE_CONFIRMED] = (_encoder, decoder) =>
			this.#confirmations.confirmed(decoding.readVarUint(decoder));
		this.provider.on('status', () => this.#changed());
		this.provider.on('sync', (isSynced: boolean) => {
			this.view.synced = isSynced;
			if (isSynced) {
				this.#everSynced = true;
				this.view.loaded = true;
				this.#backoff.reset();
				if (this.#reasonPasses) this.view.reason = null;
			}
			this.#changed();
		});
		this.provider.on('closed', ({ code, reason }: { code: number; reason: string }) =>
			this.#closed(code, reason)
		);
		// What the store kept goes into the document first, so that the first sync step 2
		// carries it, and the page can show it while the server is out of reach.
		void (store?.ready ?? Promise.resolve()).then(() => {
			if (doc.store.clients.size > 0) this.view.loaded = true;
			this.#connect();
		});
		this.#changed();
	}

	/** The size of the local edits not yet confirmed (see domain/collab/limits). */
	get unconfirmedBytes(): number {
		return this.#confirmations.bytes;
	}

	#changed() {
		const { provider } = this;
		this.view.state = this.#refused
			? 'refused'
			: !this.#isOnline()
				? 'offline'
				: provider.wsconnected && provider.synced
					? 'connected'
					: this.#everSynced
						? 'reconnecting'
						: 'connecting';
		this.#options.onChange?.(this.view);
	}

	#connect() {
		clearTimeout(this.#retry);
		if (this.#refused || this.#destroyed) return;
		this.provider.connect();
	}

	/** Tries again after `ms`; while the device is offline, when it is back online instead. */
	#retryAfter(ms: number) {
		clearTimeout(this.#retry);
		if (this.#isOnline()) this.#retry = setTimeout(() => this.#connect(), ms);
	}

	#closed(code: number, reason: string) {
		const closing = closingOf(code, reason);
		if (closing.kind === 'transient') {
			this.#say(reason || null, true);
			this.#retryAfter(this.#backoff.next());
		} else if (closing.kind === 'rate-limited') {
			this.#say(closing.message, true);
			this.#retryAfter(RATE_LIMITED_PAUSE_MS);
		} else if (closing.kind === 'too-big') {
			this.#tooBig();
		} else if (closing.kind === 'final') {
			// The server will not store anything more: what is unconfirmed never will be.
			this.#say(closing.message, false);
			const answer = this.#options.onFinal?.(this.#confirmations.count);
			// Sent again as is, the same refusal would come back: no retry until the page has
			// forgotten what was refused (it reloads), or never (it did, and still holds some).
			if (answer === 'stop') this.#refuse(closing.message);
			else if (answer !== 'reloading') this.#retryAfter(this.#backoff.next());
		} else if (closing.kind === 'access-changed') {
			this.#say(closing.message, false);
			if (this.#options.onAccessChanged) this.#options.onAccessChanged(this.#confirmations.count);
			else this.#retryAfter(this.#backoff.next());
		} else {
			this.#refuse(closing.message);
		}
		this.#changed();
	}

	/**
	 * A message was, or would be, too large for the server: sent again, it would be refused
	 * again. The oversized edits are taken out, and a new socket sends what remains.
	 */
	#tooBig() {
		if (this.#confirmations.takeBackOversized() === 0) {
			return this.#refuse('Changes kept in this browser are too large to share.');
		}
		this.#say('A change was too large to share, so it was taken out.', false);
		this.provider.disconnect();
		this.#connect();
		this.#changed();
	}

	#refuse(message: string) {
		this.#refused = true;
		this.#say(message, false);
		clearTimeout(this.#retry);
		this.provider.disconnect();
		this.#changed();
	}

	#say(message: string | null, passes: boolean) {
		this.view.reason = message;
		this.#reasonPasses = passes;
	}

	/** The device lost its network: no attempts until it is back. */
	offline(): void {
		clearTimeout(this.#retry);
		this.#changed();
	}

	/** The device is back online: connect now (an open socket is kept). */
	online(): void {
		this.#backoff.reset();
		if (!this.provider.ws) this.#connect();
		this.#changed();
	}

	destroy(): void {
		this.#destroyed = true;
		clearTimeout(this.#retry);
		this.provider.destroy();
		this.#confirmations.destroy();
	}
}
