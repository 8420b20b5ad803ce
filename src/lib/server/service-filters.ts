/**
 * The services directory's filters as they travel in a URL (the page's GET form and the JSON
 * API): `category`, `area`, `q` (part of the name), `inactive=true`, `page`. A value not among
 * those allowed is dropped (page 1 for a page) and named in `problem`: the page shows the choice
 * without it (an old or mistyped link still opens, as the caseload's does), the API answers 400.
 */
import { SERVICE_CATEGORIES, type ServiceCategory } from '../domain/community-services';
import type { ServiceFilters } from './community-services';

export type ParsedServiceFilters = {
	filters: ServiceFilters;
	page: number;
	problem: string | null;
};

const MAX_TEXT = 200;

export function serviceFilters(params: URLSearchParams): ParsedServiceFilters {
	const category = params.get('category') || undefined;
	const area = params.get('area')?.trim() || undefined;
	const q = params.get('q')?.trim() || undefined;
	const inactive = params.get('inactive') || undefined;
	const rawPage = params.get('page');
	const page = rawPage === null || rawPage === '' ? 1 : Number(rawPage);
	const knownCategory =
		category !== undefined && (SERVICE_CATEGORIES as readonly string[]).includes(category);
	const pageOk = Number.isInteger(page) && page >= 1 && page <= 100_000;
	const fits = (text: string | undefined) => (text?.length ?? 0) <= MAX_TEXT;
	const problems = [
		category !== undefined && !knownCategory
			? `category must be one of ${SERVICE_CATEGORIES.join(', ')}`
			: null,
		!fits(area) || !fits(q) ? `area and q must be ${MAX_TEXT} characters or fewer` : null,
		inactive !== undefined && inactive !== 'true' && inactive !== 'false'
			? 'inactive must be true or false'
			: null,
		pageOk ? null : 'page must be a whole number from 1'
	];
	return {
		filters: {
			category: knownCategory ? (category as ServiceCategory) : undefined,
			area: fits(area) ? area : undefined,
			q: fits(q) ? q : undefined,
			inactive: inactive === 'true'
		},
		page: pageOk ? page : 1,
		problem: problems.find((p) => p !== null) ?? null
	};
}
