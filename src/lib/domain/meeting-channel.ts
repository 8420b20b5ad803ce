/**
 * The contract of the meeting channel (socket.io at `/socket.io`): event names, the payload each
 * client event must match (zod schemas in ./meeting-channel-payloads.ts), what each answers, and
 * what the server pushes. The server (server/meeting-channel.ts) validates with the schemas and
 * the browser (src/lib/realtime/meeting-room.svelte.ts) is typed by them, so the two cannot drift
 * apart. This module has no runtime imports, so the browser bundle carries no zod.
 */
import type { z } from 'zod';
import type { ActionPriority, ActionStatus } from './actions';
import type { CLIENT_EVENTS } from './meeting-channel-payloads';
import type { MeetingStatus } from './meetings';
import type { Role } from './roles';

export const MEETING_CHANNEL_PATH = '/socket.io';

export type ClientEventName = keyof typeof CLIENT_EVENTS;
/** What a client event must carry (its zod schema's output). */
export type ClientPayload<E extends ClientEventName> = z.infer<(typeof CLIENT_EVENTS)[E]>;

/** The live state of a meeting room, the same in every server process (kept in the database). */
export type MeetingState = {
	meetingId: string;
	/** Scheduled until the chair starts it; ended once the chair ends it. */
	status: MeetingStatus;
	/** The item the meeting is on: none until the chair starts the meeting. */
	currentItemId: string | null;
	timer: { itemId: string | null; startedAt: string | null; elapsedMs: number };
};

/** One person in the room (several tabs of one user are one entry). */
export type PresenceEntry = {
	userId: string;
	name: string;
	role: Role;
	since: string;
	handRaised: boolean;
};

/** Why the server refused an event, as a short code (see refusalMessage for people). */
export type Refusal = { ok: false; error: string };

const REFUSAL_MESSAGES: Record<string, string> = {
	'read only': 'Your role can follow the meeting but not steer it.',
	forbidden: 'Only the chair can do this.',
	'not found': 'This meeting could not be found.',
	'not joined': 'Rejoining the meeting: try again in a moment.',
	'not started': 'The meeting has not started yet.',
	'already started': 'The meeting has already started.',
	'meeting ended': 'This meeting has ended.',
	'meeting cancelled': 'This meeting was cancelled.',
	'not on the agenda': 'That item is no longer on the agenda.',
	'rate limited': 'Too many changes at once: wait a moment and try again.',
	'too many meetings': 'You have too many meetings open: close one and try again.',
	'no answer from the server': 'The server did not answer: check the connection and try again.',
	disconnected: 'The connection dropped: try again once it is back.',
	'server error': 'Something went wrong on the server: try again in a moment.'
};

/** The sentence shown for a refusal's code; an unknown code is said plainly, as it is. */
export function refusalMessage(error: string): string {
	return (
		REFUSAL_MESSAGES[error] ??
		`The server could not do this (${error}). Try again, or reload the page.`
	);
}

/** What each client event answers through its acknowledgement, when it succeeds. */
export type ClientEventAnswers = {
	'meeting:join': { state: MeetingState; presence: PresenceEntry[] };
	'meeting:leave': object;
	'meeting:start': { state: MeetingState };
	'meeting:current-item': { state: MeetingState };
	'meeting:timer': { state: MeetingState };
	'meeting:hand': { presence: PresenceEntry[] };
};

export type Answer<E extends ClientEventName> = ({ ok: true } & ClientEventAnswers[E]) | Refusal;

/** A follow-up action as the meeting and its assignee hear of it. */
export type ActionNotice = {
	kind: 'created' | 'updated' | 'assigned';
	meetingId: string | null;
	organisationId: string;
	assigneeId: string;
	/** Whom the action was assigned to before a reassignment: their banner must follow it. */
	previousAssigneeId?: string;
	action: {
		id: string;
		description: string;
		assigneeId: string;
		dueDate: string | null;
		priority: ActionPriority;
		status: ActionStatus;
		patientId: string | null;
	};
};

export type ActionEvent = Pick<ActionNotice, 'kind' | 'action'>;

/** A meeting has ended (ISO timestamp), told to everyone in its room. */
export type MeetingEnded = { meetingId: string; endedAt: string };

export type ClientToServerEvents = {
	[E in ClientEventName]: (payload: ClientPayload<E>, ack: (answer: Answer<E>) => void) => void;
};

export type ServerToClientEvents = {
	'meeting:state': (state: MeetingState) => void;
	'meeting:presence': (event: { meetingId: string; presence: PresenceEntry[] }) => void;
	/** The chair ended the meeting: its record is final, and the room becomes read-only. */
	'meeting:ended': (event: MeetingEnded) => void;
	/** An action of a meeting the socket has joined was created, updated or reassigned. */
	'action:changed': (event: ActionEvent) => void;
	/** An action was assigned to this user, wherever it was agreed. */
	'action:assigned': (event: ActionEvent) => void;
};
