import { io, type Socket } from 'socket.io-client';

export type Presence = {
	userId: string;
	name: string;
	role: string;
	since: string;
	handRaised: boolean;
};

export type MeetingState = {
	meetingId: string;
	currentItemId: string | null;
	timer: { itemId: string | null; startedAt: string | null; elapsedMs: number };
};

export type ActionChanged = {
	kind: 'created' | 'updated' | 'assigned';
	action: { id: string; description: string; assigneeId: string; dueDate: string | null; status: string };
};

type Answer<T = object> = ({ ok: true } & T) | { ok: false; error: string };

/** The socket.io side of a meeting: presence, the chair's current item, the timer, hands. */
export class MeetingRoom {
	readonly meetingId: string;
	readonly #socket: Socket;
	presence = $state<Presence[]>([]);
	state = $state<MeetingState | null>(null);
	connected = $state(false);
	error = $state<string | null>(null);
	/** The latest action assigned to the signed-in user, wherever it was agreed. */
	assignedToMe = $state<ActionChanged['action'] | null>(null);
	readonly #actionListeners = new Set<(event: ActionChanged) => void>();

	constructor(meetingId: string) {
		this.meetingId = meetingId;
		this.#socket = io({ path: '/socket.io', transports: ['websocket'] });
		this.#socket.on('connect', () => {
			this.connected = true;
			void this.#join();
		});
		this.#socket.on('disconnect', () => {
			this.connected = false;
		});
		this.#socket.on('connect_error', (error: Error) => {
			this.error = error.message === 'unauthorised' ? 'Your session has ended: sign in again.' : null;
		});
		this.#socket.on('meeting:presence', (event: { meetingId: string; presence: Presence[] }) => {
			if (event.meetingId === meetingId) this.presence = event.presence;
		});
		this.#socket.on('meeting:state', (state: MeetingState) => {
			if (state.meetingId === meetingId) this.state = state;
		});
		this.#socket.on('action:assigned', (event: ActionChanged) => {
			this.assignedToMe = event.action;
		});
		this.#socket.on('action:changed', (event: ActionChanged) => {
			for (const listener of this.#actionListeners) listener(event);
		});
	}

	async #join() {
		const answer = await this.#emit<{ state: MeetingState; presence: Presence[] }>('meeting:join', {
			meetingId: this.meetingId
		});
		if (answer.ok) {
			this.state = answer.state;
			this.presence = answer.presence;
			this.error = null;
		} else {
			this.error = answer.error;
		}
	}

	#emit<T>(event: string, payload: object): Promise<Answer<T>> {
		return this.#socket
			.timeout(5000)
			.emitWithAck(event, payload)
			.catch(() => ({ ok: false as const, error: 'no answer from the server' }));
	}

	async setCurrentItem(itemId: string): Promise<string | null> {
		const answer = await this.#emit<{ state: MeetingState }>('meeting:current-item', {
			meetingId: this.meetingId,
			itemId
		});
		if (answer.ok) this.state = answer.state;
		return answer.ok ? null : answer.error;
	}

	async timer(itemId: string, action: 'start' | 'stop'): Promise<string | null> {
		const answer = await this.#emit<{ state: MeetingState }>('meeting:timer', {
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

	onAction(listener: (event: ActionChanged) => void): () => void {
		this.#actionListeners.add(listener);
		return () => this.#actionListeners.delete(listener);
	}

	destroy(): void {
		this.#socket.emit('meeting:leave', { meetingId: this.meetingId });
		this.#socket.disconnect();
	}
}
