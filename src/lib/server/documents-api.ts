import { error } from '@sveltejs/kit';
import { authorise } from './access';
import { authoriseDocument, type DocumentAccess } from './collab-access';
import { db } from './db';
import { realtime, type RealtimeBridge } from './realtime-bridge';

/** For document endpoints: the caller's access to the named document, or 404. */
export async function requireDocument(
	name: string,
	intent: 'read' | 'edit'
): Promise<{ access: DocumentAccess; user: ReturnType<typeof authorise> }> {
	const user = authorise('patient:read');
	const access = await authoriseDocument(db(), user, name);
	if (!access) error(404, 'Document not found');
	if (intent === 'edit' && access.readOnly) error(403, 'Your role can read this document but not change it');
	return { access, user };
}

export function requireLive(): RealtimeBridge {
	const live = realtime();
	if (!live) error(503, 'Live documents are not available right now');
	return live;
}
