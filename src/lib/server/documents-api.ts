import { error } from '@sveltejs/kit';
import type { SessionUser } from './auth';
import { authoriseDocument, type DocumentAccess } from './collab-access';
import { db } from './db';
import { realtime, type RealtimeBridge } from './realtime-bridge';

/** For document endpoints: the (authorised) caller's access to the named document, or 404. */
export async function requireDocument(
	user: SessionUser,
	name: string,
	intent: 'read' | 'edit'
): Promise<DocumentAccess> {
	const access = await authoriseDocument(db(), user, name);
	if (!access) error(404, 'Document not found');
	if (intent === 'edit' && access.ended)
		error(409, 'This meeting has ended: its record is final. Add an amendment to the minutes.');
	if (intent === 'edit' && access.readOnly)
		error(403, 'Your role can read this document but not change it');
	return access;
}

export function requireLive(): RealtimeBridge {
	const live = realtime();
	if (!live) error(503, 'Live documents are not available right now');
	return live;
}
