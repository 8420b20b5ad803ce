import { can } from '$lib/domain/roles';
import { parseCarersQuery } from '$lib/domain/carers';
import { authorise } from '$lib/server/access';
import { carersRegister } from '$lib/server/carers';
import { db } from '$lib/server/db';
import { listPractices } from '$lib/server/patients';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const user = authorise('patient:read');
	const query = parseCarersQuery(url.searchParams);
	const [carers, practices] = await Promise.all([
		carersRegister(db(), user, query),
		listPractices(db(), user)
	]);
	return { carers, practices, query, mayRecord: can(user.role, 'carers:record') };
};
