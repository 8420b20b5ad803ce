/**
 * The close codes of the live-document socket (/collab), each with its reason: the server closes
 * with them (server/collab/) and the browser reads them (src/lib/realtime/reconnection.ts). As
 * y-websocket's convention has it, 4400–4499 are the server's deliberate decisions, which
 * reconnecting as before cannot change.
 */

/** Close codes a client may see, each with a reason string. */
export const CLOSE = {
	goingAway: { code: 1001, reason: 'server shutting down' },
	tooBig: { code: 1009, reason: 'message too big' },
	/** The document could not be read from the database: the client tries again later. */
	loadFailed: { code: 1011, reason: 'document could not be loaded' },
	/** An edit could not be stored (the database refused or is down): the client sends it again. */
	storeFailed: { code: 1013, reason: 'edit could not be stored' },
	/** An edit sent while the meeting's end is being stored: sent again, it is judged once it is. */
	meetingEnding: { code: 1013, reason: 'meeting ending' },
	badMessage: { code: 4400, reason: 'malformed message' },
	sessionEnded: { code: 4401, reason: 'session ended' },
	/**
	 * What the socket may do changed (its user's role): the browser reloads the page, read-only or
	 * not, and says which unsaved edits could not be saved.
	 */
	accessChanged: { code: 4403, reason: 'access changed' },
	/** An edit sent to a meeting that has ended: its record is final. */
	meetingEnded: { code: 4410, reason: 'meeting ended' },
	/** An update adding what the document's schema does not have, or what only the server writes. */
	outsideSchema: { code: 4422, reason: 'change outside the document schema' },
	slowClient: { code: 4408, reason: 'client too slow' },
	rateLimited: { code: 4429, reason: 'too many messages' },
	/** More bytes than the connection's budget: rate limited too (the browser pauses, then retries). */
	tooMuchData: { code: 4429, reason: 'too much data' },
	/** The session already holds as many live sockets as it may (connection caps). */
	tooManyConnections: { code: 4430, reason: 'too many connections for this session' },
	/** Updates that wait for updates the server never received, past the bound (never a browser's). */
	missingDependencies: { code: 4424, reason: 'too many updates missing what they depend on' }
} as const;
