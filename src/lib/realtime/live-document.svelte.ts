import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export type Collaborator = { name: string; color: string };

// Dark enough for white caret labels to meet WCAG AA contrast.
const PALETTE = ['#005eb8', '#007f3b', '#330072', '#ae2573', '#8a1538', '#425563', '#7c2855', '#00401e'];

/** A stable colour per user, so that everyone sees the same person in the same colour. */
export function colourFor(userId: string): string {
	let hash = 0;
	for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	return PALETTE[hash % PALETTE.length];
}

/**
 * One live Yjs document in the browser: its provider, and the connection state people see.
 * Edits made while disconnected stay in the document and are sent when the socket returns.
 */
export class LiveDocument {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	readonly readOnly: boolean;
	state = $state<ConnectionState>('connecting');
	synced = $state(false);
	/** Local edits not yet confirmed sent while the connection was down. */
	unsentEdits = $state(0);
	/** Why the server last closed the socket, when it said. */
	closeReason = $state<string | null>(null);
	#everConnected = false;

	constructor(name: string, options: { readOnly: boolean; user: Collaborator }) {
		this.readOnly = options.readOnly;
		const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
		this.provider = new WebsocketProvider(`${protocol}//${location.host}/collab`, name, this.doc, {
			maxBackoffTime: 5000
		});
		this.provider.awareness.setLocalStateField('user', options.user);
		this.provider.on('status', ({ status }: { status: string }) => {
			if (status === 'connected') {
				this.#everConnected = true;
				this.state = 'connected';
				this.closeReason = null;
			} else if (!navigator.onLine) {
				this.state = 'offline';
			} else {
				this.state = this.#everConnected ? 'reconnecting' : 'connecting';
			}
		});
		this.provider.on('sync', (isSynced: boolean) => {
			this.synced = isSynced;
			if (isSynced) this.unsentEdits = 0;
		});
		this.provider.on('connection-close', (event: CloseEvent | null) => {
			if (event?.reason) this.closeReason = event.reason;
		});
		this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
			if (origin !== this.provider && this.state !== 'connected') this.unsentEdits += 1;
		});
		addEventListener('offline', this.#offline);
		addEventListener('online', this.#online);
		addEventListener('beforeunload', this.#beforeUnload);
	}

	#offline = () => {
		this.state = 'offline';
	};

	#online = () => {
		if (this.state === 'offline') this.state = 'reconnecting';
		this.provider.connect();
	};

	// Hazard "edits lost in a disconnect": warn before closing the page with unsent edits.
	#beforeUnload = (event: BeforeUnloadEvent) => {
		if (this.unsentEdits > 0) event.preventDefault();
	};

	destroy(): void {
		removeEventListener('offline', this.#offline);
		removeEventListener('online', this.#online);
		removeEventListener('beforeunload', this.#beforeUnload);
		this.provider.destroy();
		this.doc.destroy();
	}
}

/** A value read from a Yjs document, kept current as the document changes. */
export class DocView<T> {
	value = $state() as T;
	readonly #off: () => void;

	constructor(doc: Y.Doc, read: (doc: Y.Doc) => T) {
		this.value = read(doc);
		const update = () => {
			this.value = read(doc);
		};
		doc.on('update', update);
		this.#off = () => doc.off('update', update);
	}

	destroy(): void {
		this.#off();
	}
}
