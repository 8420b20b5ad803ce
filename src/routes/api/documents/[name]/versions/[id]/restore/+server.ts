import { error, json } from '@sveltejs/kit';
import { documentRestorePermission } from '$lib/domain/roles';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { requireDocument, requireLive } from '$lib/server/documents-api';
import { isFinalDocumentError } from '$lib/server/realtime-bridge';
import { restoreVersion } from '$lib/server/versions';
import type { RequestHandler } from './$types';

/** POST /api/documents/:name/versions/:id/restore — the version becomes a new live edit. */
export const POST: RequestHandler = async ({ params }) => {
	const user = authorise('patient:read');
	const access = await requireDocument(user, params.name, 'edit');
	authorise(documentRestorePermission(access.kind));
	const restored = await restoreVersion(db(), requireLive(), user, access, params.id).catch(
		(e: unknown) => {
			// Ended since the check above: the record is final.
			if (isFinalDocumentError(e)) error(409, 'This meeting has ended: its record is final.');
			throw e;
		}
	);
	if (!restored) error(404, 'Version not found');
	return json({ restored: true });
};
