import { io, type Socket } from 'socket.io-client';
import {
	MEETING_CHANNEL_PATH,
	refusalMessage,
	type ActionEvent,
	type Answer,
	type ClientEventName,
	type ClientPayload,
	type ClientToServerEvents,
	type MeetingState,
	type PresenceEntry,
	type Refusal,
	type ServerToClientEvents
} from '$lib/domain/meeting-channel';
import { Backoff, RATE_LIMITED_PAUSE_MS, TOO_MANY_PAGES } from './reconnection';

export type { ActionEvent, MeetingState, PresenceEntry };

/**
 * The socket.io side of a meeting: presence, whether it has started or ended, the chair's current
 * item, the timer, hands, and actions assigned to the signed-in user.
 */
export class MeetingRoom {
	readonly meetingId: string;
	readonly #userId: string;
	readonly #socket: Socket<ServerToClientEvents, ClientToServerEvents>;
	presence = $state<PresenceEntry[]>([]);
	state = $state<MeetingState | null>(null);
	connected = $state(false);
	error = $state<string | null>(null);
	/** The latest action assigned to the signed-in user, wherever it was agreed, while it is theirs. */
	assignedToMe = $state<ActionEvent['action'] | null>(null);
	/** When the meeting ended (ISO timestamp), as the server told everyone in the room. */
	endedAt = $state<string | null>(null);
	readonly #actionListeners = new Set<(event: ActionEvent) => void>();
	readonly #backoff = new Backoff({ minMs: 1000, maxMs: 30_000 });
	#retry: ReturnType<typeof setTimeout> | undefined;
	#destroyed = false;

	constructor(meetingId: string, userId: string) {
		this.meetingId = meetingId;
		this.#userId = userId;
		this.#socket = io({
			path: MEETING_CHANNEL_PATH,
			transports: ['websocket'],
			autoConnect: false
		});
		this.#socket.on('connect', () => {
			this.connected = true;
			this.#backoff.reset();
			void this.#join();
		});
		this.#socket.on('disconnect', (reason) => {
			this.connected = false;
			// socket.io reconnects by itself after a network loss, but not when the server closed
			// the socket (a restart, a session re-checked): then this page asks again.
			if (reason === 'io server disconnect') this.#reconnectAfter(this.#backoff.next());
		});
		this.#socket.on('connect_error', (error: Error) => {
			if (error.message === 'unauthorised') {
				this.error = 'Your session has ended: sign in again.';
				return;
			}
			const crowded = error.message === 'too many connections';
			this.error = crowded ? TOO_MANY_PAGES : null;
			// A refusal by the server's checks (crowded, the database unavailable, shutting down)
			// ends socket.io's own retries: this page tries again after a pause.
			if (!this.#socket.active) {
				this.#reconnectAfter(crowded ? RATE_LIMITED_PAUSE_MS : this.#backoff.next());
			}
		});
		this.#socket.on('meeting:presence', (event) => {
			if (event.meetingId === meetingId) this.presence = event.presence;
		});
		this.#socket.on('meeting:state', (state) => {
			if (state.meetingId === meetingId) this.state = state;
		});
		this.#socket.on('meeting:ended', (event) => {
			if (event.meetingId !== meetingId) return;
			this.endedAt = event.endedAt;
			if (this.state) this.state = { ...this.state, status: 'ended' };
		});
		this.#socket.on('action:assigned', (event) => {
			this.assignedToMe = event.action;
		});
		this.#socket.on('action:changed', (event) => {
			this.#follow(event.action);
			for (const listener of this.#actionListeners) listener(event);
		});
		addEventListener('offline', this.#offline);
		addEventListener('online', this.#online);
		if (navigator.onLine) this.#socket.connect();
		else this.#offline();
	}

	/**
	 * The device lost its network: socket.io's own reconnection attempts stop, and this page's,
	 * until it is back (each attempt would fail, and a page left offline would knock all day).
	 */
	#offline = () => {
		clearTimeout(this.#retry);
		this.#socket.io.reconnection(false);
		this.#socket.disconnect();
	};

	/** The device is back online: reconnection is on again, and the room connects now. */
	#online = () => {
		if (this.#destroyed) return;
		this.#socket.io.reconnection(true);
		this.#backoff.reset();
		if (!this.#socket.connected) this.#socket.connect();
	};

	/** The banner follows its action: updated while it is still ours, gone once reassigned. */
	#follow(action: ActionEvent['action']) {
		if (this.assignedToMe?.id !== action.id) return;
		this.assignedToMe = action.assigneeId === this.#userId ? action : null;
	}

	/** Whether the meeting has ended, as the server says (on joining, or told since). */
	get ended(): boolean {
		return this.endedAt !== null || this.state?.status === 'ended';
	}

	async #join() {
		const answer = await this.#emit('meeting:join', { meetingId: this.meetingId });
		if (answer.ok) {
			this.state = answer.state;
			this.presence = answer.presence;
			this.error = null;
		} else {
			this.error = answer.error;
		}
	}

	#emit<E extends ClientEventName>(event: E, payload: ClientPayload<E>): Promise<Answer<E>> {
		// socket.io's typed emitWithAck cannot follow a generic event name: the contract types it.
		const timed = this.#socket.timeout(5000) as unknown as {
			emitWithAck(event: E, payload: ClientPayload<E>): Promise<Answer<E>>;
		};
		return timed
			.emitWithAck(event, payload)
			.catch((): Refusal => ({ ok: false, error: 'no answer from the server' }))
			.then((answer) => (answer.ok ? answer : { ok: false, error: refusalMessage(answer.error) }));
	}

	/** The chair starts the meeting; the server stores the first item not yet discussed. */
	async start(): Promise<string | null> {
		const answer = await this.#emit('meeting:start', { meetingId: this.meetingId });
		if (answer.ok) this.state = answer.state;
		return answer.ok ? null : answer.error;
	}

	async setCurrentItem(itemId: string): Promise<string | null> {
		const answer = await this.#emit('meeting:current-item', { meetingId: this.meetingId, itemId });
		if (answer.ok) this.state = answer.state;
		return answer.ok ? null : answer.error;
	}

	async timer(itemId: string, action: 'start' | 'stop'): Promise<string | null> {
		const answer = await this.#emit('meeting:timer', {
			meetingId: this.meetingId,
			itemId,
			action
		});
		if (answer.ok) this.state = answer.state;
		return answer.ok ? null : answer.error;
	}

	async raiseHand(raised: boolean): Promise<string | null> {
		const answer = await this.#emit('meeting:hand', { meetingId: this.meetingId, raised });
		return answer.ok ? null : answer.error;
	}

	onAction(listener: (event: ActionEvent) => void): () => void {
		this.#actionListeners.add(listener);
		return () => this.#actionListeners.delete(listener);
	}

	#reconnectAfter(ms: number) {
		clearTimeout(this.#retry);
		this.#retry = setTimeout(() => {
			if (!this.#destroyed && !this.#socket.connected && navigator.onLine) this.#socket.connect();
		}, ms);
	}

	destroy(): void {
		this.#destroyed = true;
		removeEventListener('offline', this.#offline);
		removeEventListener('online', this.#online);
		clearTimeout(this.#retry);
		this.#socket.emit('meeting:leave', { meetingId: this.meetingId }, () => {});
		this.#socket.disconnect();
	}
}
