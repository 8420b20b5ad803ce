import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { patientTimeline } from '$lib/server/patient-timeline';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, parent }) => {
	const user = authorise('patient:read');
	await parent();
	return { events: await patientTimeline(db(), user, params.id) };
};
