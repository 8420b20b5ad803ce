import { can } from '$lib/domain/roles';
import { authorise, clientIp } from '$lib/server/access';
import { londonToday } from '$lib/server/caseload-episodes';
import { listServices } from '$lib/server/community-services';
import { db } from '$lib/server/db';
import { serviceFilters } from '$lib/server/service-filters';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const user = authorise('patient:read');
	// A value the directory does not know (an old or mistyped link) is left out, not refused.
	const parsed = serviceFilters(url.searchParams);
	const page = await listServices(
		db(),
		user,
		{ ...parsed.filters, page: parsed.page, limit: 50 },
		{ ip: clientIp() }
	);
	return {
		...page,
		services: page.services.map((s) => ({ ...s, checkDue: checkDue(s.lastCheckedOn) })),
		filters: parsed.filters,
		may: { edit: can(user.role, 'service:edit') }
	};
};

/** Details not checked for six months (or never) may be out of date: the directory says so. */
function checkDue(lastCheckedOn: string | null): boolean {
	const today = new Date(`${londonToday()}T00:00:00Z`);
	const cutoff = new Date(today.getTime() - 182 * 86_400_000).toISOString().slice(0, 10);
	return !lastCheckedOn || lastCheckedOn < cutoff;
}
