import { error, json } from '@sveltejs/kit';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { decodeCursor, listCaseload, type CaseloadPage } from '$lib/server/patients';
import { PAGE_LIMIT_MESSAGE, pageLimit } from '$lib/server/validation';
import type { RequestHandler } from './$types';

export type PatientsResponse = Omit<CaseloadPage, 'total'> & { total: number };

/** GET /api/patients?limit=&cursor=&q= — the caller's caseload, a page at a time. */
export const GET: RequestHandler = async ({ url }) => {
	const user = authorise('patient:read');
	const limit = pageLimit(url.searchParams, 100);
	if (limit === null) error(400, PAGE_LIMIT_MESSAGE);
	const cursor = url.searchParams.get('cursor') ?? undefined;
	if (cursor !== undefined && !decodeCursor(cursor)) error(400, 'cursor is not valid');
	const search = url.searchParams.get('q')?.slice(0, 100);
	const page: PatientsResponse = await listCaseload(db(), user, { limit, cursor, search });
	return json(page);
};
