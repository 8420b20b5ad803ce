/**
 * The PCN's directory of community services (VCSE and statutory): listed with filters, one
 * service with its referrals counted by status and the feedback it gave, added and edited.
 * Feedback is recorded in service-feedback.ts, referrals of people to these services in
 * service-referrals.ts. Every query is scoped by the caller's PCN: another PCN's
 * service is not found. Views and changes are audited (entityType 'community_service').
 */
import { and, asc, count, desc, eq, ilike, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type {
	ServiceCategory,
	ServiceFeedbackKind,
	ServiceReferralStatus
} from '../domain/community-services';
import { OPEN_SERVICE_REFERRAL_STATUSES } from '../domain/service-referrals';
import { isUuid } from '../domain/uuid';
import { recordAudit } from './audit';
import type { SessionUser } from './auth';
import { londonToday } from './caseload-episodes';
import type { Db } from './db';
import { communityService, serviceFeedback, serviceReferral, user } from './db/schema';

/** Not a service of the caller's PCN (or none at all): callers answer 404. */
export class ServiceNotFoundError extends Error {
	constructor() {
		super('Service not found');
	}
}

/** A change refused field by field (names as in the forms); nothing was saved. */
export class ServiceInputError extends Error {
	constructor(readonly errors: Record<string, string>) {
		super(Object.values(errors)[0] ?? 'The change was refused');
	}
}

export const DUPLICATE_SERVICE = 'A service with this name is already in your PCN’s directory';

/** A service's own fields, as the directory's form gives them. */
export type ServiceInput = {
	name: string;
	category: ServiceCategory;
	description: string;
	/** Phone, email or website, as the service gives them. */
	contact: string;
	area: string;
	eligibility: string;
	referralRoute: string;
	/** Capacity or waiting time, in words. */
	capacity: string;
	/** `YYYY-MM-DD`, not after today; null if never checked. */
	lastCheckedOn: string | null;
	active: boolean;
};

export type ServiceFilters = {
	category?: ServiceCategory;
	/** Part of the area served, any case. */
	area?: string;
	/** Part of the service's name, any case. */
	q?: string;
	/** Include services no longer taking referrals (inactive). Default false. */
	inactive?: boolean;
};

export type ServiceQuery = ServiceFilters & { page?: number; limit?: number };

/** A service as the directory and the JSON API list it. */
export type ServiceSummary = {
	id: string;
	name: string;
	category: ServiceCategory;
	description: string;
	contact: string;
	area: string;
	eligibility: string;
	referralRoute: string;
	capacity: string;
	lastCheckedOn: string | null;
	active: boolean;
	/** People referred and not yet seen or turned down (sent or accepted). */
	openReferrals: number;
};

export type ServicePage = {
	services: ServiceSummary[];
	total: number;
	/** 1-based. */
	page: number;
	pageCount: number;
};

/** `%` and `_` typed in a search are themselves, not wildcards. */
const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const openReferrals = sql<number>`(select count(*)::int from ${serviceReferral}
	where ${serviceReferral.serviceId} = ${communityService.id}
	and ${inArray(serviceReferral.status, [...OPEN_SERVICE_REFERRAL_STATUSES])})`;

const summaryColumns = {
	id: communityService.id,
	name: communityService.name,
	category: communityService.category,
	description: communityService.description,
	contact: communityService.contact,
	area: communityService.area,
	eligibility: communityService.eligibility,
	referralRoute: communityService.referralRoute,
	capacity: communityService.capacity,
	lastCheckedOn: communityService.lastCheckedOn,
	active: communityService.active,
	openReferrals
};

function filterConditions(actor: SessionUser, filters: ServiceFilters): (SQL | undefined)[] {
	return [
		eq(communityService.organisationId, actor.organisationId),
		filters.inactive ? undefined : eq(communityService.active, true),
		filters.category ? eq(communityService.category, filters.category) : undefined,
		filters.area ? ilike(communityService.area, contains(filters.area)) : undefined,
		filters.q ? ilike(communityService.name, contains(filters.q)) : undefined
	];
}

/**
 * The directory of the caller's PCN, by name, a page at a time (`page` from 1, `limit` 1–500,
 * default 50). Audited as a view of the list.
 */
export async function listServices(
	db: Db,
	actor: SessionUser,
	query: ServiceQuery = {},
	context: { ip?: string } = {}
): Promise<ServicePage> {
	const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
	const page = Math.max(query.page ?? 1, 1);
	const scope = and(...filterConditions(actor, query));
	const services = await db
		.select(summaryColumns)
		.from(communityService)
		.where(scope)
		.orderBy(asc(sql`lower(${communityService.name})`), asc(communityService.id))
		.limit(limit)
		.offset((page - 1) * limit);
	const [{ total }] = await db.select({ total: count() }).from(communityService).where(scope);
	await recordAudit(db, {
		action: 'view',
		organisationId: actor.organisationId,
		userId: actor.id,
		entityType: 'community_service',
		ip: context.ip,
		detail: 'services directory',
		after: { ...query, page, limit }
	});
	return { services, total, page, pageCount: Math.max(Math.ceil(total / limit), 1) };
}

/** The active services of the caller's PCN, by category then name: what a person may be referred to. */
export function referableServices(db: Db, actor: SessionUser) {
	return db
		.select({
			id: communityService.id,
			name: communityService.name,
			category: communityService.category,
			area: communityService.area
		})
		.from(communityService)
		.where(
			and(
				eq(communityService.organisationId, actor.organisationId),
				eq(communityService.active, true)
			)
		)
		.orderBy(asc(communityService.category), asc(sql`lower(${communityService.name})`));
}

export type ServiceFeedbackEntry = {
	id: string;
	recordedOn: string;
	kind: ServiceFeedbackKind;
	note: string;
	by: string;
};

export type ServiceDetail = Omit<ServiceSummary, 'openReferrals'> & {
	updatedAt: Date;
	/** Every referral of a person to it, counted by status (zero for none). */
	referralCounts: Record<ServiceReferralStatus, number>;
	/** Newest first. */
	feedback: ServiceFeedbackEntry[];
};

const NO_REFERRALS: Record<ServiceReferralStatus, number> = {
	sent: 0,
	accepted: 0,
	attended: 0,
	did_not_attend: 0,
	declined: 0,
	closed: 0
};

/** One service of the caller's PCN (null if none), with its counts and feedback. Audited. */
export async function getService(
	db: Db,
	actor: SessionUser,
	serviceId: string,
	context: { ip?: string } = {}
): Promise<ServiceDetail | null> {
	if (!isUuid(serviceId)) return null;
	const [row] = await db
		.select()
		.from(communityService)
		.where(
			and(
				eq(communityService.id, serviceId),
				eq(communityService.organisationId, actor.organisationId)
			)
		);
	if (!row) return null;
	const counts = await db
		.select({ status: serviceReferral.status, n: count() })
		.from(serviceReferral)
		.where(
			and(
				eq(serviceReferral.serviceId, serviceId),
				eq(serviceReferral.organisationId, actor.organisationId)
			)
		)
		.groupBy(serviceReferral.status);
	const feedback = await db
		.select({
			id: serviceFeedback.id,
			recordedOn: serviceFeedback.recordedOn,
			kind: serviceFeedback.kind,
			note: serviceFeedback.note,
			by: user.name
		})
		.from(serviceFeedback)
		.innerJoin(user, eq(user.id, serviceFeedback.by))
		.where(eq(serviceFeedback.serviceId, serviceId))
		.orderBy(desc(serviceFeedback.recordedOn), desc(serviceFeedback.createdAt));
	await recordAudit(db, {
		action: 'view',
		organisationId: actor.organisationId,
		userId: actor.id,
		entityType: 'community_service',
		entityId: serviceId,
		ip: context.ip
	});
	const { organisationId: _organisation, createdAt: _created, ...service } = row;
	return {
		...service,
		referralCounts: {
			...NO_REFERRALS,
			...Object.fromEntries(counts.map((c) => [c.status, c.n]))
		},
		feedback
	};
}

function checkServiceInput(input: ServiceInput): void {
	if (input.lastCheckedOn && input.lastCheckedOn > londonToday()) {
		throw new ServiceInputError({ lastCheckedOn: 'The date last checked cannot be in the future' });
	}
}

async function refuseDuplicateName(tx: Db, actor: SessionUser, name: string, except?: string) {
	const [same] = await tx
		.select({ id: communityService.id })
		.from(communityService)
		.where(
			and(
				eq(communityService.organisationId, actor.organisationId),
				sql`lower(${communityService.name}) = lower(${name})`,
				except ? ne(communityService.id, except) : undefined
			)
		)
		.limit(1);
	if (same) throw new ServiceInputError({ name: DUPLICATE_SERVICE });
}

/**
 * Adds a service to the caller's PCN's directory. Audited.
 * @returns the service's id
 * @throws ServiceInputError (name: already in the directory; lastCheckedOn: in the future)
 */
export async function createService(
	db: Db,
	actor: SessionUser,
	input: ServiceInput
): Promise<string> {
	checkServiceInput(input);
	return db.transaction(async (tx) => {
		await refuseDuplicateName(tx, actor, input.name);
		const [created] = await tx
			.insert(communityService)
			.values({ ...input, organisationId: actor.organisationId })
			.returning({ id: communityService.id });
		await recordAudit(tx, {
			action: 'create',
			organisationId: actor.organisationId,
			userId: actor.id,
			entityType: 'community_service',
			entityId: created.id,
			after: input
		});
		return created.id;
	});
}

/**
 * Changes a service of the caller's PCN: every field of the form, the active flag too. Audited
 * with what it was before.
 * @throws ServiceNotFoundError; ServiceInputError as createService
 */
export async function updateService(
	db: Db,
	actor: SessionUser,
	serviceId: string,
	input: ServiceInput
): Promise<void> {
	if (!isUuid(serviceId)) throw new ServiceNotFoundError();
	checkServiceInput(input);
	await db.transaction(async (tx) => {
		const [current] = await tx
			.select()
			.from(communityService)
			.where(
				and(
					eq(communityService.id, serviceId),
					eq(communityService.organisationId, actor.organisationId)
				)
			)
			.for('update');
		if (!current) throw new ServiceNotFoundError();
		await refuseDuplicateName(tx, actor, input.name, serviceId);
		await tx
			.update(communityService)
			.set({ ...input, updatedAt: new Date() })
			.where(eq(communityService.id, serviceId));
		const before = Object.fromEntries(
			(Object.keys(input) as (keyof ServiceInput)[]).map((key) => [key, current[key]])
		);
		await recordAudit(tx, {
			action: 'update',
			organisationId: actor.organisationId,
			userId: actor.id,
			entityType: 'community_service',
			entityId: serviceId,
			before,
			after: input
		});
	});
}
