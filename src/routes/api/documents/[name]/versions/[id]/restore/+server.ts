import { error, json } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { requireDocument, requireLive } from '$lib/server/documents-api';
import { restoreVersion } from '$lib/server/versions';
import type { RequestHandler } from './$types';

/** POST /api/documents/:name/versions/:id/restore — the version becomes a new live edit. */
export const POST: RequestHandler = async ({ params }) => {
	const { access, user } = await requireDocument(params.name, 'edit');
	const restored = await restoreVersion(db(), requireLive(), user, access, params.id);
	if (!restored) error(404, 'Version not found');
	return json({ restored: true });
};
