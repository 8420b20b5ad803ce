/**
 * The services directory's filters as they travel in a URL (the page's GET form and the JSON
 * API): `category`, `area`, `q` (part of the name), `inactive=true`, `page`. Anything else in
 * those parameters is refused with a message rather than ignored.
 */
import { SERVICE_CATEGORIES, type ServiceCategory } from '../domain/community-services';
import type { ServiceFilters } from './community-services';

export function serviceFilters(
	params: URLSearchParams
): { ok: true; filters: ServiceFilters; page: number } | { ok: false; message: string } {
	const category = params.get('category') || undefined;
	const area = params.get('area')?.trim() || undefined;
	const q = params.get('q')?.trim() || undefined;
	const inactive = params.get('inactive') || undefined;
	const rawPage = params.get('page');
	const page = rawPage === null || rawPage === '' ? 1 : Number(rawPage);
	if (category !== undefined && !(SERVICE_CATEGORIES as readonly string[]).includes(category)) {
		return { ok: false, message: `category must be one of ${SERVICE_CATEGORIES.join(', ')}` };
	}
	if ((area?.length ?? 0) > 200 || (q?.length ?? 0) > 200) {
		return { ok: false, message: 'area and q must be 200 characters or fewer' };
	}
	if (inactive !== undefined && inactive !== 'true' && inactive !== 'false') {
		return { ok: false, message: 'inactive must be true or false' };
	}
	if (!Number.isInteger(page) || page < 1 || page > 100_000) {
		return { ok: false, message: 'page must be a whole number from 1' };
	}
	return {
		ok: true,
		filters: {
			category: category as ServiceCategory | undefined,
			area,
			q,
			inactive: inactive === 'true'
		},
		page
	};
}
