import { and, eq } from 'drizzle-orm';
import { docName, parseDocName, type DocKind } from '../domain/collab/documents';
import { can, documentEditPermission } from '../domain/roles';
import type { SessionUser } from './auth';
import type { Db } from './db';
import { meeting, patient } from './db/schema';

export type DocumentAccess = {
	name: string;
	kind: DocKind;
	id: string;
	organisationId: string;
	readOnly: boolean;
	/** A meeting that has ended: its document is final, read-only for everyone. */
	ended?: boolean;
};

/**
 * May this user open this live document? Null for a malformed name, a document of another
 * organisation, or one that does not exist — the caller cannot tell these apart. An ended
 * meeting's document opens read-only for everyone: its minutes are final.
 */
export async function authoriseDocument(
	db: Db,
	user: SessionUser,
	name: string
): Promise<DocumentAccess | null> {
	const parsed = parseDocName(name);
	if (!parsed || !can(user.role, 'patient:read')) return null;
	let ended = false;
	if (parsed.kind === 'careplan') {
		const [row] = await db
			.select({ id: patient.id })
			.from(patient)
			.where(and(eq(patient.id, parsed.id), eq(patient.organisationId, user.organisationId)));
		if (!row) return null;
	} else {
		const [row] = await db
			.select({ status: meeting.status })
			.from(meeting)
			.where(and(eq(meeting.id, parsed.id), eq(meeting.organisationId, user.organisationId)));
		if (!row) return null;
		ended = row.status === 'ended';
	}
	const id = parsed.id.toLowerCase();
	return {
		name: docName(parsed.kind, id),
		kind: parsed.kind,
		id,
		organisationId: user.organisationId,
		readOnly: ended || !can(user.role, documentEditPermission(parsed.kind)),
		...(parsed.kind === 'meeting' ? { ended } : {})
	};
}

/** The server's own access to a meeting's document, for edits the server makes itself. */
export function meetingDocument(organisationId: string, meetingId: string): DocumentAccess {
	return {
		name: docName('meeting', meetingId),
		kind: 'meeting',
		id: meetingId,
		organisationId,
		readOnly: false
	};
}
