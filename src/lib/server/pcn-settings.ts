/**
 * A PCN's own settings, read and changed by its admins. Today: its target for a referral's first
 * contact, in working days (England and Wales bank holidays counted, domain/working-days.ts).
 */
import { eq } from 'drizzle-orm';
import { DEFAULT_FIRST_CONTACT_TARGET_DAYS } from '../domain/referrals';
import { recordAudit } from './audit';
import type { SessionUser } from './auth';
import type { Db } from './db';
import { organisation } from './db/schema';

/** The range a first-contact target may take, in working days. */
export const FIRST_CONTACT_TARGET_RANGE = { min: 1, max: 30 } as const;

/** The caller's PCN's first-contact target, in working days (the default when none is set). */
export async function firstContactTargetOf(
	db: Db,
	actor: Pick<SessionUser, 'organisationId'>
): Promise<number> {
	const [row] = await db
		.select({ days: organisation.firstContactTargetDays })
		.from(organisation)
		.where(eq(organisation.id, actor.organisationId));
	return row?.days ?? DEFAULT_FIRST_CONTACT_TARGET_DAYS;
}

/**
 * Sets the caller's PCN's first-contact target, audited with before and after.
 * @param days whole working days within FIRST_CONTACT_TARGET_RANGE
 * @throws RangeError for a target outside the range
 */
export async function setFirstContactTarget(
	db: Db,
	actor: SessionUser,
	days: number
): Promise<void> {
	const { min, max } = FIRST_CONTACT_TARGET_RANGE;
	if (!Number.isInteger(days) || days < min || days > max) {
		throw new RangeError(`A first-contact target is ${min} to ${max} working days`);
	}
	await db.transaction(async (tx) => {
		const before = await firstContactTargetOf(tx, actor);
		if (before === days) return;
		await tx
			.update(organisation)
			.set({ firstContactTargetDays: days, updatedAt: new Date() })
			.where(eq(organisation.id, actor.organisationId));
		await recordAudit(tx, {
			action: 'update',
			organisationId: actor.organisationId,
			userId: actor.id,
			entityType: 'organisation',
			entityId: actor.organisationId,
			before: { firstContactTargetDays: before },
			after: { firstContactTargetDays: days },
			detail: 'first-contact target'
		});
	});
}
