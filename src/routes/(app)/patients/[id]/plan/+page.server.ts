import { can } from '$lib/domain/roles';
import { authorise } from '$lib/server/access';
import type { PageServerLoad } from './$types';

/**
 * The patient's care and support plan, co-edited live: the layout has read the patient (another
 * PCN's patient is a 404) and the plan's review date. Clinical roles edit; everyone else who may
 * read patients watches (the /collab server enforces the same rule on the socket).
 */
export const load: PageServerLoad = async ({ parent }) => {
	const user = authorise('patient:read');
	await parent();
	return { mayEditPlan: can(user.role, 'careplan:edit') };
};
