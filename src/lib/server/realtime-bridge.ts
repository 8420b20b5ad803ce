import type * as Y from 'yjs';
import type { DocumentAccess } from './collab-access';

/** What the app (SvelteKit side) may ask of the live-document server in the same process. */
export type RealtimeBridge = {
	/** Runs `fn` against the live document, loading it if no one has it open. */
	withDocument<T>(access: DocumentAccess, fn: (doc: Y.Doc) => T | Promise<T>): Promise<T>;
	/** A server-made edit: stored (attributed to the user), then applied and broadcast. */
	applyServerUpdate(access: DocumentAccess, update: Uint8Array, userId: string): Promise<void>;
	/** Closes the live sockets of ended sessions at once (sign-out, deactivation). */
	endSessions(sessionIds: string[]): void;
	/** Tells a meeting room, and the assignee wherever they are, that an action changed. */
	notifyAction(event: ActionNotice): void;
};

export type ActionNotice = {
	kind: 'created' | 'updated' | 'assigned';
	meetingId: string | null;
	organisationId: string;
	assigneeId: string;
	action: {
		id: string;
		description: string;
		assigneeId: string;
		dueDate: string | null;
		priority: string;
		status: string;
		patientId: string | null;
	};
};

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
