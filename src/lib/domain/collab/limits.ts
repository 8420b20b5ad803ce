/**
 * What the browser and the live-document server (server/collab) agree on beyond the stock
 * y-websocket protocol: how large a message may be, and how the server confirms that it stored
 * what a browser sent. Pure: no imports, so that both sides read the same numbers.
 */

/** The largest WebSocket message the server accepts; a larger one closes the socket with 1009. */
export const MAX_FRAME_BYTES = 2 * 1024 * 1024;

/**
 * The largest single edit (a paste, a drop) the browser lets into a document, measured as the
 * pasted content's JSON: half a frame, so that the edit's Yjs update and its envelope always fit.
 */
export const MAX_EDIT_BYTES = MAX_FRAME_BYTES / 2;

/**
 * How much unconfirmed editing a browser may hold. On reconnection every unconfirmed edit goes to
 * the server in one message (sync step 2), which must fit in a frame too.
 */
export const MAX_UNCONFIRMED_BYTES = (MAX_FRAME_BYTES * 3) / 4;

/**
 * Confirmations are opt-in, so that stock y-websocket clients never see a message type they do
 * not know: a browser asks for them with `?confirm=1` on the document's URL.
 */
export const CONFIRM_PARAM = 'confirm';

/**
 * The server's confirmation: this message type, then a count (varuint): how many update-bearing
 * messages (sync step 2 or update) received on this socket are now stored, in the order sent.
 * Like Hocuspocus's SyncStatus message (also 8), which y-websocket's own types (0–3) leave free.
 */
export const MESSAGE_CONFIRMED = 8;

/**
 * What the live server holds for one client, by default (each can be changed by environment
 * variables, see src/lib/server/config.ts and the README). A dead socket (a laptop lid closed)
 * answers no ping and is dropped; a client or a session opening socket after socket, or sending
 * more than people type, is refused before it can slow everyone else down.
 */
export const LIVE_LIMITS = {
	/** Every open live socket is pinged this often; one that has not answered the last is dropped. */
	heartbeatMs: 30_000,
	/** An upgrade (or its headers) not completed within this is cut off. */
	upgradeTimeoutMs: 10_000,
	/** Live sockets (documents and the meeting channel together) one signed-in session may hold. */
	connectionsPerSession: 20,
	/** Live sockets one client address may hold, or be opening (a practice behind one NAT). */
	connectionsPerAddress: 200,
	/** Bytes a document socket may send per second on average, */
	bytesPerSecond: 512 * 1024,
	/** and at once: a reconnection's whole backlog (one full frame) and a few large pastes. */
	byteBurst: 4 * MAX_FRAME_BYTES,
	/**
	 * Bytes of updates a document may hold that wait for updates it has never received. Yjs keeps
	 * them in memory until those arrive; a browser never sends one, so a socket that makes them grow
	 * past this is closed.
	 */
	maxPendingBytes: MAX_FRAME_BYTES / 2
} as const;

export type LiveLimits = { -readonly [K in keyof typeof LIVE_LIMITS]: number };
