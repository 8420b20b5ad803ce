/**
 * Social prescribing: a person referred to a community service of the PCN's directory, and how it
 * went (its status and outcome, domain/service-referrals.ts). One transaction per change, audited
 * on the patient. Another PCN's person or referral is not found; another PCN's service, or one no
 * longer taking referrals, is refused with a message.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { ServiceCategory, ServiceReferralStatus } from '../domain/community-services';
import { OPEN_SERVICE_REFERRAL_STATUSES, statusChangeProblems } from '../domain/service-referrals';
import { isUuid } from '../domain/uuid';
import { recordOnPatient } from './audit';
import type { SessionUser } from './auth';
import { londonToday } from './caseload-episodes';
import { ServiceInputError } from './community-services';
import { diedMessage, diedOn } from './caseload-episodes';
import type { Db } from './db';
import { communityService, serviceReferral, user } from './db/schema';
import { requirePatient } from './patient-scope';

/** Not a referral of this person in the caller's PCN: callers answer 404. */
export class ServiceReferralNotFoundError extends Error {
	constructor() {
		super('Referral not found');
	}
}

export const UNKNOWN_SERVICE = 'Choose a service from your PCN’s directory';
export const INACTIVE_SERVICE =
	'This service is no longer taking referrals: choose another, or mark it active in the directory';
export const ALREADY_REFERRED =
	'They already have an open referral to this service: update that one instead';

export type ServiceReferralInput = {
	serviceId: string;
	/** `YYYY-MM-DD`, not after today. */
	sentOn: string;
	reason: string;
};

/**
 * Refers a patient of the caller's PCN to an active service of its directory. Audited on the
 * patient.
 * @returns the referral's id
 * @throws PatientNotFoundError; ServiceInputError (serviceId: unknown, another PCN's, inactive,
 * or already referred and still open; sentOn: in the future)
 */
export async function referToService(
	db: Db,
	actor: SessionUser,
	patientId: string,
	input: ServiceReferralInput
): Promise<string> {
	return db.transaction(async (tx) => {
		await requirePatient(tx, actor, patientId, { lock: true });
		const died = await diedOn(tx, patientId);
		if (died) throw new ServiceInputError({ serviceId: diedMessage(died) });
		const problems: Record<string, string> = {};
		const [service] = isUuid(input.serviceId)
			? await tx
					.select({ id: communityService.id, active: communityService.active })
					.from(communityService)
					.where(
						and(
							eq(communityService.id, input.serviceId),
							eq(communityService.organisationId, actor.organisationId)
						)
					)
			: [];
		if (!service) problems.serviceId = UNKNOWN_SERVICE;
		else if (!service.active) problems.serviceId = INACTIVE_SERVICE;
		else if (await openReferralTo(tx, patientId, service.id)) {
			problems.serviceId = ALREADY_REFERRED;
		}
		if (input.sentOn > londonToday()) problems.sentOn = 'The date sent cannot be in the future';
		if (Object.keys(problems).length > 0) throw new ServiceInputError(problems);

		const [created] = await tx
			.insert(serviceReferral)
			.values({
				organisationId: actor.organisationId,
				patientId,
				serviceId: input.serviceId,
				sentOn: input.sentOn,
				reason: input.reason,
				by: actor.id
			})
			.returning({ id: serviceReferral.id });
		await recordOnPatient(tx, actor, patientId, {
			action: 'update',
			after: {
				serviceReferral: {
					id: created.id,
					serviceId: input.serviceId,
					sentOn: input.sentOn,
					status: 'sent',
					reason: '(recorded)'
				}
			},
			detail: 'referred to a community service'
		});
		return created.id;
	});
}

async function openReferralTo(tx: Db, patientId: string, serviceId: string) {
	const [open] = await tx
		.select({ id: serviceReferral.id })
		.from(serviceReferral)
		.where(
			and(
				eq(serviceReferral.patientId, patientId),
				eq(serviceReferral.serviceId, serviceId),
				inArray(serviceReferral.status, [...OPEN_SERVICE_REFERRAL_STATUSES])
			)
		)
		.limit(1);
	return open ?? null;
}

export type ServiceReferralUpdate = {
	status: ServiceReferralStatus;
	/** The outcome, and what the person or the service said; null for none. Replaces the last. */
	outcome: string | null;
};

/**
 * Records where a person's referral to a service has got to, and its outcome. The status moves
 * as NEXT_SERVICE_REFERRAL_STATUSES allows (or stays, to add or correct the outcome); declining
 * and closing need an outcome. Audited on the patient with the status before and after.
 * @throws ServiceReferralNotFoundError (not this person's, or not the caller's PCN);
 * ServiceInputError (status: not a move it may make; outcome: needed)
 */
export async function updateServiceReferral(
	db: Db,
	actor: SessionUser,
	patientId: string,
	referralId: string,
	update: ServiceReferralUpdate
): Promise<void> {
	if (!isUuid(patientId) || !isUuid(referralId)) throw new ServiceReferralNotFoundError();
	await db.transaction(async (tx) => {
		const [current] = await tx
			.select()
			.from(serviceReferral)
			.where(
				and(
					eq(serviceReferral.id, referralId),
					eq(serviceReferral.patientId, patientId),
					eq(serviceReferral.organisationId, actor.organisationId)
				)
			)
			.for('update');
		if (!current) throw new ServiceReferralNotFoundError();
		const problems = statusChangeProblems(current.status, update.status, update.outcome);
		if (Object.keys(problems).length > 0) throw new ServiceInputError(problems);
		await tx
			.update(serviceReferral)
			.set({ status: update.status, outcome: update.outcome, updatedAt: new Date() })
			.where(eq(serviceReferral.id, referralId));
		await recordOnPatient(tx, actor, patientId, {
			action: 'update',
			before: { serviceReferral: { id: referralId, status: current.status } },
			after: {
				serviceReferral: {
					id: referralId,
					status: update.status,
					outcome: update.outcome ? '(recorded)' : null
				}
			},
			detail: 'community service referral updated'
		});
	});
}

export type PersonServiceReferral = {
	id: string;
	service: { id: string; name: string; category: ServiceCategory; active: boolean };
	sentOn: string;
	reason: string;
	status: ServiceReferralStatus;
	outcome: string | null;
	by: string;
	updatedAt: Date;
};

/**
 * A person's referrals to services, newest sent first (none for another PCN's person). The
 * caller has read the patient (and audited that view) already.
 */
export function serviceReferralsOf(
	db: Db,
	actor: SessionUser,
	patientId: string
): Promise<PersonServiceReferral[]> {
	if (!isUuid(patientId)) return Promise.resolve([]);
	return db
		.select({
			id: serviceReferral.id,
			service: {
				id: communityService.id,
				name: communityService.name,
				category: communityService.category,
				active: communityService.active
			},
			sentOn: serviceReferral.sentOn,
			reason: serviceReferral.reason,
			status: serviceReferral.status,
			outcome: serviceReferral.outcome,
			by: user.name,
			updatedAt: serviceReferral.updatedAt
		})
		.from(serviceReferral)
		.innerJoin(communityService, eq(communityService.id, serviceReferral.serviceId))
		.innerJoin(user, eq(user.id, serviceReferral.by))
		.where(
			and(
				eq(serviceReferral.patientId, patientId),
				eq(serviceReferral.organisationId, actor.organisationId)
			)
		)
		.orderBy(desc(serviceReferral.sentOn), desc(serviceReferral.createdAt));
}
