import { error, json } from '@sveltejs/kit';
import { authorise, clientIp } from '$lib/server/access';
import { db } from '$lib/server/db';
import { getPatient, type PatientDetail } from '$lib/server/patients';
import type { RequestHandler } from './$types';

/** GET /api/patients/:id — one patient of the caller's organisation (404 for any other). */
export const GET: RequestHandler = async ({ params }) => {
	const user = authorise('patient:read');
	const patient: PatientDetail | null = await getPatient(db(), user, params.id, { ip: clientIp() });
	if (!patient) error(404, 'Patient not found');
	return json({ patient });
};
