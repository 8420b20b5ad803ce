import { can, mayCoordinateCare } from '$lib/domain/roles';
import { parseWorklistQuery } from '$lib/domain/worklist';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { listCoordinators } from '$lib/server/patient-record';
import { listPractices } from '$lib/server/patients';
import { worklist } from '$lib/server/worklist';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const user = authorise('patient:read');
	// A care coordinator starts from the people they coordinate; everyone else from the PCN.
	const query = parseWorklistQuery(url.searchParams, mayCoordinateCare(user.role) ? 'mine' : 'pcn');
	const [page, practices, coordinators] = await Promise.all([
		worklist(db(), user, query),
		listPractices(db(), user),
		listCoordinators(db(), user)
	]);
	return {
		...page,
		query,
		practices,
		coordinators,
		canAdd: can(user.role, 'patient:write'),
		mayCoordinate: mayCoordinateCare(user.role)
	};
};
