/**
 * What a community service said about its capacity, a gap or how it is working, kept on the
 * service for service development (issue 10, item 5). Audited on the service.
 */
import { and, eq } from 'drizzle-orm';
import type { ServiceFeedbackKind } from '../domain/community-services';
import { isUuid } from '../domain/uuid';
import { recordAudit } from './audit';
import type { SessionUser } from './auth';
import { londonToday } from './caseload-episodes';
import { ServiceInputError, ServiceNotFoundError } from './community-services';
import type { Db } from './db';
import { communityService, serviceFeedback } from './db/schema';

export type ServiceFeedbackInput = {
	kind: ServiceFeedbackKind;
	note: string;
	/** `YYYY-MM-DD`, not after today. */
	recordedOn: string;
};

/**
 * Records what a service of the caller's PCN said about its capacity, a gap or how it is
 * working, for service development. Audited on the service.
 * @throws ServiceNotFoundError; ServiceInputError (recordedOn in the future)
 */
export async function recordServiceFeedback(
	db: Db,
	actor: SessionUser,
	serviceId: string,
	input: ServiceFeedbackInput
): Promise<void> {
	if (!isUuid(serviceId)) throw new ServiceNotFoundError();
	if (input.recordedOn > londonToday()) {
		throw new ServiceInputError({ recordedOn: 'The date cannot be in the future' });
	}
	await db.transaction(async (tx) => {
		const [service] = await tx
			.select({ id: communityService.id })
			.from(communityService)
			.where(
				and(
					eq(communityService.id, serviceId),
					eq(communityService.organisationId, actor.organisationId)
				)
			);
		if (!service) throw new ServiceNotFoundError();
		const [created] = await tx
			.insert(serviceFeedback)
			.values({ ...input, organisationId: actor.organisationId, serviceId, by: actor.id })
			.returning({ id: serviceFeedback.id });
		await recordAudit(tx, {
			action: 'update',
			organisationId: actor.organisationId,
			userId: actor.id,
			entityType: 'community_service',
			entityId: serviceId,
			after: { feedback: { id: created.id, ...input } },
			detail: 'service feedback recorded'
		});
	});
}
