/**
 * Safeguarding concerns: raised about a person to a named clinical contact, who acknowledges each
 * with an outcome. Each change is one transaction that also keeps `patient.safeguarding_concern`
 * (true while any concern of the person is open: the banner, the room and the worklist read it)
 * and audits the change on the person, without its details (the audit trail and the timeline are
 * read by people who may not read them). Reads are in safeguarding-reads.ts.
 */
import { and, asc, count, eq, inArray, isNull, ne } from 'drizzle-orm';
import { ROLES, can, mayAcknowledgeConcern, type Role } from '../domain/roles';
import type { SafeguardingCategory, SharingConsent } from '../domain/safeguarding';
import { isUuid } from '../domain/uuid';
import { recordOnPatient } from './audit';
import type { SessionUser } from './auth';
import type { Db } from './db';
import { membership, patient, safeguardingConcern, user } from './db/schema';
import { requirePatient } from './patient-scope';

export type ConcernInput = {
	category: SafeguardingCategory;
	description: string;
	/** The clinician it is raised to: an active member of the PCN who may read concerns. */
	namedContactId: string;
	consentToShare: SharingConsent;
	immediateRisk: boolean;
};

/** A refused concern: a message per form field (`namedContactId`). */
export class SafeguardingInputError extends Error {
	constructor(readonly errors: Record<string, string>) {
		super(Object.values(errors).join('; '));
	}
}

/** Not a concern of the caller's PCN (or of this patient): callers answer 404. */
export class ConcernNotFoundError extends Error {
	constructor() {
		super('Safeguarding concern not found');
	}
}

/** Acknowledging a concern raised to someone else: callers answer 403. */
export class NotNamedContactError extends Error {
	constructor(namedContact: string) {
		super(`Only ${namedContact}, the named contact this concern was raised to, can acknowledge it`);
	}
}

/** Acknowledging a concern a second time: callers answer 409. */
export class AlreadyAcknowledgedError extends Error {
	constructor() {
		super('This concern has already been acknowledged');
	}
}

/** The roles whose members may be named a concern's contact: those who may read its details. */
const CONTACT_ROLES: Role[] = ROLES.filter((role) => can(role, 'safeguarding:read'));

/**
 * Who a concern may be raised to: the active members of the caller's PCN who may read concerns'
 * details, by name, the caller left out (a concern is checked by someone other than who raised
 * it). `[{ id, name, role }]`.
 */
export function namedContactChoices(db: Db, actor: SessionUser) {
	return db
		.select({ id: user.id, name: user.name, role: membership.role })
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(
			and(
				eq(membership.organisationId, actor.organisationId),
				eq(user.active, true),
				inArray(membership.role, CONTACT_ROLES),
				ne(user.id, actor.id)
			)
		)
		.orderBy(asc(user.name));
}

/**
 * Raises a concern about a patient of the caller's PCN; sets the person's open-concern flag and
 * audits it, in one transaction. Returns the concern's id.
 * @throws PatientNotFoundError; SafeguardingInputError when the named contact is not one of
 * `namedContactChoices`
 */
export async function raiseConcern(
	db: Db,
	actor: SessionUser,
	patientId: string,
	input: ConcernInput
): Promise<string> {
	return db.transaction(async (tx) => {
		await requirePatient(tx, actor, patientId, { lock: true });
		const contact = isUuid(input.namedContactId)
			? (await namedContactChoices(tx, actor)).find((c) => c.id === input.namedContactId)
			: undefined;
		if (!contact) {
			throw new SafeguardingInputError({
				namedContactId:
					input.namedContactId === actor.id
						? 'Choose someone other than yourself: the named contact checks what you raise'
						: 'Choose a named clinical contact from the list'
			});
		}
		const [created] = await tx
			.insert(safeguardingConcern)
			.values({
				...input,
				organisationId: actor.organisationId,
				patientId,
				raisedBy: actor.id
			})
			.returning({ id: safeguardingConcern.id });
		await tx
			.update(patient)
			.set({ safeguardingConcern: true, updatedAt: new Date() })
			.where(eq(patient.id, patientId));
		await recordOnPatient(tx, actor, patientId, {
			action: 'create',
			after: { safeguardingConcern: { id: created.id, namedContact: contact.name } },
			detail: 'safeguarding concern raised'
		});
		return created.id;
	});
}

/**
 * Acknowledges a concern with its outcome: only its named contact may (mayAcknowledgeConcern),
 * and only once. Clears the person's open-concern flag when no other concern of theirs is open;
 * audited; one transaction. `patientId`, when given, must be the concern's patient.
 * @throws ConcernNotFoundError (another PCN's, another patient's, or none),
 * NotNamedContactError, AlreadyAcknowledgedError
 */
export async function acknowledgeConcern(
	db: Db,
	actor: SessionUser,
	concernId: string,
	outcome: string,
	options: { patientId?: string } = {}
): Promise<void> {
	if (!isUuid(concernId)) throw new ConcernNotFoundError();
	await db.transaction(async (tx) => {
		const scope = and(
			eq(safeguardingConcern.id, concernId),
			eq(safeguardingConcern.organisationId, actor.organisationId)
		);
		const [found] = await tx
			.select({ patientId: safeguardingConcern.patientId })
			.from(safeguardingConcern)
			.where(scope);
		if (!found || (options.patientId && found.patientId !== options.patientId)) {
			throw new ConcernNotFoundError();
		}
		// The person first, then the concern: the order raiseConcern takes them in.
		await requirePatient(tx, actor, found.patientId, { lock: true });
		const [concern] = await tx
			.select({
				namedContactId: safeguardingConcern.namedContactId,
				acknowledgedAt: safeguardingConcern.acknowledgedAt,
				namedContact: user.name
			})
			.from(safeguardingConcern)
			.innerJoin(user, eq(user.id, safeguardingConcern.namedContactId))
			.where(scope)
			.for('update', { of: safeguardingConcern });
		if (!mayAcknowledgeConcern(actor, concern)) {
			throw new NotNamedContactError(concern.namedContact);
		}
		if (concern.acknowledgedAt) throw new AlreadyAcknowledgedError();
		await tx
			.update(safeguardingConcern)
			.set({ acknowledgedAt: new Date(), acknowledgedBy: actor.id, outcome })
			.where(scope);
		const [{ open }] = await tx
			.select({ open: count() })
			.from(safeguardingConcern)
			.where(
				and(
					eq(safeguardingConcern.patientId, found.patientId),
					isNull(safeguardingConcern.acknowledgedAt)
				)
			);
		await tx
			.update(patient)
			.set({ safeguardingConcern: open > 0, updatedAt: new Date() })
			.where(eq(patient.id, found.patientId));
		await recordOnPatient(tx, actor, found.patientId, {
			action: 'update',
			before: { safeguardingConcern: { id: concernId, acknowledged: false } },
			after: { safeguardingConcern: { id: concernId, acknowledged: true } },
			detail: 'safeguarding concern acknowledged'
		});
	});
}
