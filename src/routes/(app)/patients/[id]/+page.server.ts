import { error } from '@sveltejs/kit';
import { authorise, clientIp } from '$lib/server/access';
import { db } from '$lib/server/db';
import { getPatient } from '$lib/server/patients';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const user = authorise('patient:read');
	const patient = await getPatient(db(), user, params.id, { ip: clientIp() });
	if (!patient) error(404, 'Patient not found');
	return { patient };
};
