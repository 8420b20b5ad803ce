import { error, json } from '@sveltejs/kit';
import { authorise, clientIp } from '$lib/server/access';
import { getCarePlan } from '$lib/server/careplans';
import { db } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** GET /api/patients/:id/care-plan — the current personalised care and support plan. */
export const GET: RequestHandler = async ({ params }) => {
	const user = authorise('patient:read');
	const carePlan = await getCarePlan(db(), user, params.id, { ip: clientIp() });
	if (!carePlan) error(404, 'Patient not found');
	return json(carePlan);
};
