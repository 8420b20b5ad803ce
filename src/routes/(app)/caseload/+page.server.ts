import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { listCaseload } from '$lib/server/patients';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const user = authorise('patient:read');
	const search = url.searchParams.get('q')?.slice(0, 100) ?? '';
	const cursor = url.searchParams.get('after') ?? undefined;
	const page = await listCaseload(db(), user, { search, cursor, limit: 100 });
	return { ...page, search, canAdd: user.role !== 'observer' && user.role !== 'admin' };
};
