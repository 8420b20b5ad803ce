import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { AGREED_LABEL_KEPT, isAgreedLabel } from '$lib/domain/collab/careplan/agreement';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { parseJson } from '$lib/server/forms';
import { requireDocument, requireLive } from '$lib/server/documents-api';
import { createVersion, listVersions } from '$lib/server/versions';
import type { RequestHandler } from './$types';

const NewVersion = z.object({
	label: z
		.string()
		.trim()
		.min(1, 'Give the version a label')
		.max(200)
		.refine((label) => !isAgreedLabel(label), AGREED_LABEL_KEPT)
});

/** GET /api/documents/:name/versions — named versions of a live document, newest first. */
export const GET: RequestHandler = async ({ params }) => {
	const user = authorise('patient:read');
	const access = await requireDocument(user, params.name, 'read');
	return json({ versions: await listVersions(db(), access) });
};

/**
 * POST /api/documents/:name/versions { label } — saves the current state as a named version. The
 * label of an agreed plan is refused (400): only Mark as agreed saves one, with how and when.
 */
export const POST: RequestHandler = async ({ params, request }) => {
	const user = authorise('patient:read');
	const access = await requireDocument(user, params.name, 'edit');
	const body = await parseJson(NewVersion, request);
	if (!body.success) error(400, body.error.issues[0]?.message ?? 'Send { "label": "…" }');
	const version = await createVersion(db(), requireLive(), user, access, body.data.label);
	return json({ version }, { status: 201 });
};
