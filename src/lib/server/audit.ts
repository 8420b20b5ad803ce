import { and, desc, eq } from 'drizzle-orm';
import type { Db } from './db';
import { auditEvent, user } from './db/schema';

export const AUDIT_ACTIONS = [
	'sign_in',
	'sign_in_failed',
	'sign_out',
	'view',
	'create',
	'update',
	'delete',
	'password_change'
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditEntry = {
	action: AuditAction;
	organisationId?: string | null;
	userId?: string | null;
	entityType?: string;
	entityId?: string;
	before?: unknown;
	after?: unknown;
	ip?: string | null;
	detail?: string;
};

/** Appends to the audit trail. Pass the transaction when the audited change is in one. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
	await db.insert(auditEvent).values({
		action: entry.action,
		organisationId: entry.organisationId ?? null,
		userId: entry.userId ?? null,
		entityType: entry.entityType ?? null,
		entityId: entry.entityId ?? null,
		before: entry.before ?? null,
		after: entry.after ?? null,
		ip: entry.ip ?? null,
		detail: entry.detail ?? null
	});
}

/**
 * Audits a change to one patient's record by `actor` (in the change's transaction): the
 * person's timeline is read from these rows (patient-timeline.ts), so `detail` says what kind of
 * change it was and `before`/`after` hold only what changed.
 */
export function recordOnPatient(
	db: Db,
	actor: { id: string; organisationId: string },
	patientId: string,
	entry: Pick<AuditEntry, 'action' | 'before' | 'after' | 'detail'>
): Promise<void> {
	return recordAudit(db, {
		...entry,
		organisationId: actor.organisationId,
		userId: actor.id,
		entityType: 'patient',
		entityId: patientId
	});
}

/** The newest audit events of the caller's organisation, with who did them. */
export function listAuditEvents(
	db: Db,
	organisationId: string,
	options: { limit?: number; action?: string } = {}
) {
	return db
		.select({
			id: auditEvent.id,
			at: auditEvent.at,
			action: auditEvent.action,
			entityType: auditEvent.entityType,
			entityId: auditEvent.entityId,
			before: auditEvent.before,
			after: auditEvent.after,
			ip: auditEvent.ip,
			detail: auditEvent.detail,
			userName: user.name,
			userEmail: user.email
		})
		.from(auditEvent)
		.leftJoin(user, eq(user.id, auditEvent.userId))
		.where(
			and(
				eq(auditEvent.organisationId, organisationId),
				options.action ? eq(auditEvent.action, options.action) : undefined
			)
		)
		.orderBy(desc(auditEvent.id))
		.limit(Math.min(options.limit ?? 200, 1000));
}
