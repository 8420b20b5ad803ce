/**
 * The caseload worklist's query, read from and written to the page's URL so that a filtered,
 * sorted view can be bookmarked and shared. Pure: the page, its links and the server share it.
 * Anything unknown in a URL falls back to the default rather than failing the page.
 */
import { RISK_REASONS, type RiskReason } from './caseload';
import { isUuid } from './uuid';

export const WORKLIST_SCOPES = ['mine', 'pcn'] as const;
export type WorklistScope = (typeof WORKLIST_SCOPES)[number];

/** open: on the caseload; off: not on it; closed: discharged, not back; none: never on it. */
export const EPISODE_FILTERS = ['open', 'off', 'closed', 'none', 'any'] as const;
export type EpisodeFilter = (typeof EPISODE_FILTERS)[number];

export const EPISODE_FILTER_LABELS: Record<EpisodeFilter, string> = {
	open: 'On the caseload',
	off: 'Not on the caseload',
	closed: 'Discharged',
	none: 'Never on the caseload',
	any: 'Anyone'
};

export const WORKLIST_SORTS = [
	'name',
	'age',
	'practice',
	'coordinator',
	'frailty',
	'since',
	'review',
	/** How many risk reasons: the most first when ascending (the most in need at the top). */
	'risks'
] as const;
export type WorklistSort = (typeof WORKLIST_SORTS)[number];

export type WorklistQuery = {
	scope: WorklistScope;
	episode: EpisodeFilter;
	practiceId: string | null;
	/** A coordinator's user id, or 'none' for people with no coordinator assigned. */
	coordinatorId: string | null;
	/** People with any of these reasons (none chosen: everyone). */
	risks: RiskReason[];
	/** Only people whose plan review is overdue or due within REVIEW_DUE_WITHIN_DAYS. */
	reviewDue: boolean;
	/** Only people with no contact (logged, or at triage) in this many days (1–365); null: any. */
	noContactDays: number | null;
	search: string;
	sort: WorklistSort;
	direction: 'asc' | 'desc';
	/** 1-based. */
	page: number;
};

export const WORKLIST_PAGE_SIZE = 50;

export function defaultWorklist(scope: WorklistScope): WorklistQuery {
	return {
		scope,
		episode: scope === 'mine' ? 'open' : 'any',
		practiceId: null,
		coordinatorId: null,
		risks: [],
		reviewDue: false,
		noContactDays: null,
		search: '',
		sort: 'name',
		direction: 'asc',
		page: 1
	};
}

const oneOf = <T extends string>(value: string | null, allowed: readonly T[]): T | null =>
	value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;

/** The query a worklist URL asks for; `defaultScope` when it names none. */
export function parseWorklistQuery(
	params: URLSearchParams,
	defaultScope: WorklistScope
): WorklistQuery {
	const scope = oneOf(params.get('scope'), WORKLIST_SCOPES) ?? defaultScope;
	const base = defaultWorklist(scope);
	const coordinator = params.get('coordinator');
	const practice = params.get('practice');
	const page = Number(params.get('page'));
	const noContact = Number(params.get('nocontact'));
	return {
		scope,
		episode: oneOf(params.get('episode'), EPISODE_FILTERS) ?? base.episode,
		practiceId: practice && isUuid(practice) ? practice : null,
		coordinatorId:
			coordinator === 'none' || (coordinator && isUuid(coordinator)) ? coordinator : null,
		risks: [
			...new Set(
				params.getAll('risk').filter((r): r is RiskReason => oneOf(r, RISK_REASONS) !== null)
			)
		],
		reviewDue: params.get('review') === 'due',
		noContactDays:
			Number.isInteger(noContact) && noContact >= 1 && noContact <= 365 ? noContact : null,
		search: (params.get('q') ?? '').trim().slice(0, 100),
		sort: oneOf(params.get('sort'), WORKLIST_SORTS) ?? base.sort,
		direction: params.get('dir') === 'desc' ? 'desc' : 'asc',
		page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1
	};
}

/** The URL search of a query, leaving out what is the default (short, readable links). */
export function worklistSearch(query: WorklistQuery, change: Partial<WorklistQuery> = {}): string {
	const q = { ...query, ...change };
	const base = defaultWorklist(q.scope);
	const params = new URLSearchParams();
	params.set('scope', q.scope);
	if (q.episode !== base.episode) params.set('episode', q.episode);
	if (q.practiceId) params.set('practice', q.practiceId);
	if (q.coordinatorId) params.set('coordinator', q.coordinatorId);
	for (const risk of q.risks) params.append('risk', risk);
	if (q.reviewDue) params.set('review', 'due');
	if (q.noContactDays) params.set('nocontact', String(q.noContactDays));
	if (q.search) params.set('q', q.search);
	if (q.sort !== base.sort) params.set('sort', q.sort);
	if (q.direction !== 'asc') params.set('dir', q.direction);
	if (q.page > 1) params.set('page', String(q.page));
	return `?${params}`;
}
