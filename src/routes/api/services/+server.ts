import { error, json } from '@sveltejs/kit';
import { authorise, clientIp } from '$lib/server/access';
import { listServices, type ServicePage } from '$lib/server/community-services';
import { db } from '$lib/server/db';
import { serviceFilters } from '$lib/server/service-filters';
import { PAGE_LIMIT_MESSAGE, pageLimit } from '$lib/server/validation';
import type { RequestHandler } from './$types';

export type ServicesResponse = ServicePage;

/**
 * GET /api/services?category=&area=&q=&inactive=true&page=&limit= — the community services
 * directory of the caller's PCN, by name, a page at a time (`page` from 1, `limit` 1–500, default
 * 100). Active services only unless `inactive=true`. Audited as a view.
 */
export const GET: RequestHandler = async ({ url }) => {
	const user = authorise('patient:read');
	const parsed = serviceFilters(url.searchParams);
	if (parsed.problem) error(400, parsed.problem);
	const limit = pageLimit(url.searchParams, 100);
	if (limit === null) error(400, PAGE_LIMIT_MESSAGE);
	const page: ServicesResponse = await listServices(
		db(),
		user,
		{ ...parsed.filters, page: parsed.page, limit },
		{ ip: clientIp() }
	);
	return json(page);
};
