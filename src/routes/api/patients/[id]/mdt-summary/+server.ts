import { error, json } from '@sveltejs/kit';
import { authorise, clientIp } from '$lib/server/access';
import { db } from '$lib/server/db';
import { mdtSummary } from '$lib/server/patient-summary';
import type { RequestHandler } from './$types';

/** GET /api/patients/:id/mdt-summary — the patient as the MDT room shows them. */
export const GET: RequestHandler = async ({ params }) => {
	const user = authorise('patient:read');
	const summary = await mdtSummary(db(), user, params.id, { ip: clientIp() });
	if (!summary) error(404, 'Patient not found');
	return json({ summary });
};
