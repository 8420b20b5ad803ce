import { error, json } from '@sveltejs/kit';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { requireDocument } from '$lib/server/documents-api';
import { getVersion } from '$lib/server/versions';
import type { RequestHandler } from './$types';

/** GET /api/documents/:name/versions/:id — one version, read-only, with its content as JSON. */
export const GET: RequestHandler = async ({ params }) => {
	const user = authorise('patient:read');
	const access = await requireDocument(user, params.name, 'read');
	const version = await getVersion(db(), access, params.id);
	if (!version) error(404, 'Version not found');
	return json({ version });
};
