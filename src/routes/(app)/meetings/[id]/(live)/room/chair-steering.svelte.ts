import type * as Y from 'yjs';
import {
	updateAgendaItem,
	type AgendaItemSettingsJson,
	type AgendaItemStatus
} from '$lib/domain/collab/meeting';
import type { MeetingRoom } from '$lib/realtime/meeting-room.svelte';

type Options = {
	room: MeetingRoom;
	/** The meeting's live document, where an item left behind is marked discussed. */
	doc: Y.Doc;
	agenda: () => AgendaItemSettingsJson[];
	/** The position of the item the meeting is on (-1 before it starts). */
	currentIndex: () => number;
	/** Called once the meeting has moved, so that everyone follows the chair again. */
	onMoved: () => void;
};

/**
 * How the chair steers the meeting: from item to item, with the item timer. Kept out of the
 * buttons so that the keyboard shortcuts work wherever the chair's focus is.
 */
export class ChairSteering {
	/** Why the last move was refused, as the meeting channel said. */
	error = $state<string | null>(null);
	readonly #options: Options;

	constructor(options: Options) {
		this.#options = options;
	}

	get canGoBack(): boolean {
		return this.#options.currentIndex() > 0;
	}

	get canGoForward(): boolean {
		return this.#options.currentIndex() < this.#options.agenda().length - 1;
	}

	/** Whether the timer is running on this item. */
	running(itemId: string): boolean {
		const timer = this.#options.room.state?.timer;
		return !!timer?.startedAt && timer.itemId === itemId;
	}

	/**
	 * Starts the meeting: the server stores its first item not yet discussed as current, and
	 * that item's timer starts.
	 */
	async start(): Promise<void> {
		const { room } = this.#options;
		this.error = await room.start();
		const first = room.state?.currentItemId;
		if (!this.error && first) this.error = await room.timer(first, 'start');
		this.#options.onMoved();
	}

	/** The chair records an item as not yet discussed, discussed or deferred. */
	setStatus(itemId: string, status: AgendaItemStatus): void {
		updateAgendaItem(this.#options.doc, itemId, { status });
	}

	/** Moves to an item and starts its timer; moving on marks the item left as discussed. */
	async goTo(index: number): Promise<void> {
		const { room, doc, agenda, currentIndex } = this.#options;
		const target = agenda()[index];
		if (!target) return;
		const from = currentIndex();
		const leaving = agenda()[from];
		if (leaving && index > from) {
			updateAgendaItem(doc, leaving.id, { status: 'discussed' });
			if (room.state?.timer.startedAt) await room.timer(leaving.id, 'stop');
		}
		this.error = await room.setCurrentItem(target.id);
		if (!this.error) this.error = await room.timer(target.id, 'start');
		this.#options.onMoved();
	}

	next(): Promise<void> {
		return this.goTo(this.#options.currentIndex() + 1);
	}

	previous(): Promise<void> {
		return this.goTo(this.#options.currentIndex() - 1);
	}

	toggleTimer(itemId: string): void {
		void this.#options.room.timer(itemId, this.running(itemId) ? 'stop' : 'start');
	}

	/** Alt + Shift + N: next item; Alt + Shift + P: previous item. */
	shortcut(event: KeyboardEvent): void {
		if (!event.altKey || !event.shiftKey) return;
		if (event.code === 'KeyN') {
			event.preventDefault();
			void this.next();
		} else if (event.code === 'KeyP') {
			event.preventDefault();
			void this.previous();
		}
	}
}
