import { error, json } from '@sveltejs/kit';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { decodeCursor, listCaseload, type CaseloadPage } from '$lib/server/patients';
import type { RequestHandler } from './$types';

export type PatientsResponse = Omit<CaseloadPage, 'total'> & { total: number };

/** GET /api/patients?limit=&cursor=&q= — the caller's caseload, a page at a time. */
export const GET: RequestHandler = async ({ url }) => {
	const user = authorise('patient:read');
	const rawLimit = url.searchParams.get('limit');
	const limit = rawLimit === null ? 100 : Number(rawLimit);
	if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
		error(400, 'limit must be a whole number from 1 to 500');
	}
	const cursor = url.searchParams.get('cursor') ?? undefined;
	if (cursor !== undefined && !decodeCursor(cursor)) error(400, 'cursor is not valid');
	const search = url.searchParams.get('q')?.slice(0, 100);
	const page: PatientsResponse = await listCaseload(db(), user, { limit, cursor, search });
	return json(page);
};
