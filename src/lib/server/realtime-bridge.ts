import type * as Y from 'yjs';
import type { ActionNotice, MeetingEnded } from '../domain/meeting-channel';
import type { DocumentAccess } from './collab-access';

/** What the app (SvelteKit side) may ask of the live-document server in the same process. */
export type RealtimeBridge = {
	/** Runs `fn` against the live document, loading it if no one has it open. */
	withDocument<T>(access: DocumentAccess, fn: (doc: Y.Doc) => T | Promise<T>): Promise<T>;
	/**
	 * A server-made edit: stored (attributed to the user), then applied and broadcast. Refused
	 * with a FinalDocumentError when the document is final (a meeting that has ended); `final`
	 * marks the edit that ends it, after which nothing more is taken from anyone.
	 */
	applyServerUpdate(
		access: DocumentAccess,
		update: Uint8Array,
		userId: string,
		options?: { final?: boolean }
	): Promise<void>;
	/** Closes the live sockets of ended sessions at once (sign-out, deactivation). */
	endSessions(sessionIds: string[]): void;
	/** Tells a meeting room, and the assignee wherever they are, that an action changed. */
	notifyAction(event: ActionNotice): void;
	/** Tells everyone in a meeting's room that it has ended. */
	notifyMeetingEnded(event: MeetingEnded): void;
};

const FINAL = 'FinalDocumentError';

/** A server-made edit to a document that is final: a meeting that has ended. */
export class FinalDocumentError extends Error {
	constructor(name: string) {
		super(`${name} is final: the meeting has ended`);
		this.name = FINAL;
	}
}

/** By name, not instanceof: SvelteKit's bundle and server/ each load their own copy of the class. */
export function isFinalDocumentError(error: unknown): boolean {
	return error instanceof Error && error.name === FINAL;
}

// SvelteKit's bundle and server/ load separate copies of this module: share through globalThis.
const KEY = Symbol.for('mdt-workspace.realtime');
type Holder = { [KEY]?: RealtimeBridge };

export function setRealtime(bridge: RealtimeBridge): void {
	(globalThis as Holder)[KEY] = bridge;
}

/** The live-document server, or undefined when none runs in this process (e.g. unit tests). */
export function realtime(): RealtimeBridge | undefined {
	return (globalThis as Holder)[KEY];
}
