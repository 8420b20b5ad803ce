/**
 * Reading safeguarding concerns. Their details (category, description, consent, immediate risk,
 * outcome) are for those who may read them (safeguarding:read); everyone else who may read the
 * person learns only that a concern is open or closed, when, and who it was raised to. Every read
 * that shows details is audited as a view of the person (hazard: safeguarding details seen by
 * someone who should not have seen them, unnoticed).
 */
import { and, count, desc, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { can, mayAcknowledgeConcern } from '../domain/roles';
import type { SafeguardingCategory, SharingConsent } from '../domain/safeguarding';
import { recordAudit } from './audit';
import type { SessionUser } from './auth';
import type { Db } from './db';
import { patient, safeguardingConcern, user } from './db/schema';
import { requirePatient } from './patient-scope';

/** What anyone who may read the person sees of a concern. Instants are ISO 8601. */
export type ConcernSummary = {
	id: string;
	open: boolean;
	raisedAt: string;
	acknowledgedAt: string | null;
	namedContact: string;
};

/** A concern with its details, for those who may read them. */
export type ConcernDetail = ConcernSummary & {
	category: SafeguardingCategory;
	description: string;
	consentToShare: SharingConsent;
	immediateRisk: boolean;
	raisedBy: string;
	acknowledgedBy: string | null;
	outcome: string | null;
	/** Whether the reader is its named contact and it is open (mayAcknowledgeConcern). */
	mayAcknowledge: boolean;
};

export type PatientConcerns =
	{ details: true; concerns: ConcernDetail[] } | { details: false; concerns: ConcernSummary[] };

const raiser = alias(user, 'raiser');
const contact = alias(user, 'named_contact');
const acknowledger = alias(user, 'acknowledger');

const columns = {
	id: safeguardingConcern.id,
	patientId: safeguardingConcern.patientId,
	category: safeguardingConcern.category,
	description: safeguardingConcern.description,
	consentToShare: safeguardingConcern.consentToShare,
	immediateRisk: safeguardingConcern.immediateRisk,
	raisedAt: safeguardingConcern.raisedAt,
	raisedBy: raiser.name,
	raisedById: safeguardingConcern.raisedBy,
	namedContactId: safeguardingConcern.namedContactId,
	namedContact: contact.name,
	acknowledgedAt: safeguardingConcern.acknowledgedAt,
	acknowledgedBy: acknowledger.name,
	outcome: safeguardingConcern.outcome
};

/** The concerns matching `where` (of the caller's PCN), open first, then newest raised first. */
function selectConcerns(db: Db, actor: SessionUser, where: ReturnType<typeof and>, limit = 200) {
	return db
		.select(columns)
		.from(safeguardingConcern)
		.innerJoin(raiser, eq(raiser.id, safeguardingConcern.raisedBy))
		.innerJoin(contact, eq(contact.id, safeguardingConcern.namedContactId))
		.leftJoin(acknowledger, eq(acknowledger.id, safeguardingConcern.acknowledgedBy))
		.where(and(eq(safeguardingConcern.organisationId, actor.organisationId), where))
		.orderBy(
			sql`${safeguardingConcern.acknowledgedAt} is not null`,
			desc(safeguardingConcern.raisedAt)
		)
		.limit(limit);
}

type Row = Awaited<ReturnType<typeof selectConcerns>>[number];

function toSummary(row: Row): ConcernSummary {
	return {
		id: row.id,
		open: row.acknowledgedAt === null,
		raisedAt: row.raisedAt.toISOString(),
		acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
		namedContact: row.namedContact
	};
}

function toDetail(row: Row, actor: SessionUser): ConcernDetail {
	return {
		...toSummary(row),
		category: row.category,
		description: row.description,
		consentToShare: row.consentToShare,
		immediateRisk: row.immediateRisk,
		raisedBy: row.raisedBy,
		acknowledgedBy: row.acknowledgedBy,
		outcome: row.outcome,
		mayAcknowledge: row.acknowledgedAt === null && mayAcknowledgeConcern(actor, row)
	};
}

/** Audits that `actor` was shown the details of these concerns of one person. */
function auditView(
	db: Db,
	actor: SessionUser,
	patientId: string,
	concernIds: string[],
	ip?: string
) {
	return recordAudit(db, {
		action: 'view',
		organisationId: actor.organisationId,
		userId: actor.id,
		entityType: 'patient',
		entityId: patientId,
		after: { safeguardingConcerns: concernIds },
		ip,
		detail: 'safeguarding concerns viewed'
	});
}

/**
 * One person's concerns, open first: with details (and one audited view, when there are any) for
 * those who may read them, else summaries only.
 * @throws PatientNotFoundError for another PCN's patient
 */
export async function concernsOf(
	db: Db,
	actor: SessionUser,
	patientId: string,
	context: { ip?: string } = {}
): Promise<PatientConcerns> {
	await requirePatient(db, actor, patientId);
	const rows = await selectConcerns(db, actor, eq(safeguardingConcern.patientId, patientId));
	if (!can(actor.role, 'safeguarding:read')) {
		return { details: false, concerns: rows.map(toSummary) };
	}
	if (rows.length > 0) {
		await auditView(
			db,
			actor,
			patientId,
			rows.map((r) => r.id),
			context.ip
		);
	}
	return { details: true, concerns: rows.map((row) => toDetail(row, actor)) };
}

/** A concern as the safeguarding list shows it: with the person it is about. */
export type ListedConcern = ConcernDetail & {
	patient: { id: string; name: string; nhsNumber: string };
};

export type SafeguardingLists = {
	/** Open concerns raised to the reader: they stay here until acknowledged. */
	toAcknowledge: ListedConcern[];
	/** Open concerns the reader raised, waiting for their named contact. */
	raisedByYou: ListedConcern[];
	/** Concerns raised to or by the reader, acknowledged in the last `days` days. */
	recentlyAcknowledged: ListedConcern[];
};

/**
 * The reader's safeguarding lists (for those who may read concerns; else empty lists). Audited as
 * one view per person whose concerns are shown.
 */
export async function safeguardingLists(
	db: Db,
	actor: SessionUser,
	options: { ip?: string; days?: number; now?: Date } = {}
): Promise<SafeguardingLists> {
	if (!can(actor.role, 'safeguarding:read')) {
		return { toAcknowledge: [], raisedByYou: [], recentlyAcknowledged: [] };
	}
	const since = new Date((options.now ?? new Date()).getTime() - (options.days ?? 30) * 86_400_000);
	const mine = or(
		eq(safeguardingConcern.namedContactId, actor.id),
		eq(safeguardingConcern.raisedBy, actor.id)
	);
	const rows = await selectConcerns(
		db,
		actor,
		and(
			mine,
			or(isNull(safeguardingConcern.acknowledgedAt), gte(safeguardingConcern.acknowledgedAt, since))
		),
		500
	);
	const patientIds = [...new Set(rows.map((row) => row.patientId))];
	const people = patientIds.length
		? await db
				.select({
					id: patient.id,
					givenName: patient.givenName,
					familyName: patient.familyName,
					nhsNumber: patient.nhsNumber
				})
				.from(patient)
				.where(
					and(eq(patient.organisationId, actor.organisationId), inArray(patient.id, patientIds))
				)
		: [];
	const byId = new Map(people.map((p) => [p.id, p]));
	const listed = rows.map((row) => {
		const person = byId.get(row.patientId)!;
		return {
			row,
			concern: {
				...toDetail(row, actor),
				patient: {
					id: person.id,
					name: `${person.familyName.toUpperCase()}, ${person.givenName}`,
					nhsNumber: person.nhsNumber
				}
			} satisfies ListedConcern
		};
	});
	await Promise.all(
		patientIds.map((patientId) =>
			auditView(
				db,
				actor,
				patientId,
				rows.filter((row) => row.patientId === patientId).map((row) => row.id),
				options.ip
			)
		)
	);
	const where = (test: (row: Row) => boolean) =>
		listed.filter(({ row }) => test(row)).map(({ concern }) => concern);
	return {
		toAcknowledge: where((row) => !row.acknowledgedAt && row.namedContactId === actor.id),
		raisedByYou: where((row) => !row.acknowledgedAt && row.raisedById === actor.id),
		recentlyAcknowledged: where((row) => row.acknowledgedAt !== null)
	};
}

/**
 * How many open concerns wait for the reader's acknowledgement: the app's notice of them. Zero
 * for a role that may not read concerns (it could not acknowledge them).
 */
export async function concernsToAcknowledge(db: Db, actor: SessionUser): Promise<number> {
	if (!can(actor.role, 'safeguarding:read')) return 0;
	const [{ n }] = await db
		.select({ n: count() })
		.from(safeguardingConcern)
		.where(
			and(
				eq(safeguardingConcern.organisationId, actor.organisationId),
				eq(safeguardingConcern.namedContactId, actor.id),
				isNull(safeguardingConcern.acknowledgedAt)
			)
		);
	return n;
}
