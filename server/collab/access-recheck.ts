import { validateSessionToken } from '../../src/lib/server/auth';
import { authoriseDocument } from '../../src/lib/server/collab-access';
import type { Db } from '../../src/lib/server/db';
import type { Connection } from './Connection';

/**
 * What becomes of an open socket once its access is read again: kept as it is, closed because
 * its session has ended (4401), or closed because what it may do has changed (4403: it may no
 * longer write, may now write, or may no longer open the document at all).
 */
export type Verdict = 'keep' | 'session ended' | 'access changed';

/** An open socket and the document it is on. */
export type OpenSocket = { connection: Connection; name: string };

/**
 * Reads the access of open document sockets again, by the rules a new connection meets: the
 * session as the handshake validates it (src/lib/server/auth.ts), then the document as the
 * upgrade authorises it (src/lib/server/collab-access.ts, which reads src/lib/domain/roles.ts).
 * One session check per session. With `always` false (the periodic backstop) the document is
 * authorised again only when the session's role differs from the socket's; an access change
 * (`always`) authorises every socket. A meeting that has ended is left to its own refusal
 * (4410). A socket whose session cannot be checked (database down) is kept; the failure is
 * logged.
 */
export async function recheckAccess(
	db: Db,
	sockets: readonly OpenSocket[],
	options: { always: boolean }
): Promise<Map<Connection, Verdict>> {
	const verdicts = new Map<Connection, Verdict>();
	const bySession = new Map<string, OpenSocket[]>();
	for (const socket of sockets) {
		const list = bySession.get(socket.connection.sessionId) ?? [];
		list.push(socket);
		bySession.set(socket.connection.sessionId, list);
	}
	for (const [, list] of bySession) {
		try {
			const valid = await validateSessionToken(db, list[0].connection.token);
			for (const { connection, name } of list) {
				if (!valid) {
					verdicts.set(connection, 'session ended');
				} else if (!options.always && valid.user.role === connection.user.role) {
					verdicts.set(connection, 'keep');
				} else {
					const access = await authoriseDocument(db, valid.user, name);
					const changed = !access || (!access.ended && access.readOnly !== connection.readOnly);
					verdicts.set(connection, changed ? 'access changed' : 'keep');
				}
			}
		} catch (error) {
			console.error('collab: checking access failed:', error);
			for (const { connection } of list) verdicts.set(connection, 'keep');
		}
	}
	return verdicts;
}
