/**
 * Everything that happened to a person, newest first: changes to their record (from the audit
 * trail), actions agreed for them, the MDT meetings they were on the agenda of, and outcome
 * measures recorded. Views of the record are access, not events: the audit trail keeps them.
 */
import { and, desc, eq, inArray, isNull, ne, notInArray, or } from 'drizzle-orm';
import { AGENDA_ITEM_STATUS_LABELS, type AgendaItemStatus } from '../domain/collab/meeting';
import { EPISODE_CLOSE_REASON_LABELS, EPISODE_OPEN_REASON_LABELS } from '../domain/caseload';
import {
	APPOINTMENT_KIND_LABELS,
	APPOINTMENT_STATUS_LABELS,
	CONTACT_KIND_LABELS,
	type AppointmentKind,
	type AppointmentStatus,
	type ContactKind
} from '../domain/contact-log';
import { measureActivity, type ActivityRecord } from '../domain/activity-record';
import { formatLondonDateTime } from '../domain/london-time';
import {
	SERVICE_REFERRAL_STATUS_LABELS,
	type ServiceReferralStatus
} from '../domain/community-services';
import { RECORD_FIELD_LABELS } from '../domain/patients';
import {
	CONTACT_MODE_LABELS,
	REFERRAL_SOURCE_LABELS,
	TRIAGE_OUTCOME_LABELS
} from '../domain/referrals';
import type { SessionUser } from './auth';
import type { Db } from './db';
import {
	agendaItem,
	auditEvent,
	communityService,
	contactAttempt,
	meeting,
	mdtAction,
	outcomeMeasure,
	referral,
	serviceReferral,
	user
} from './db/schema';

export type TimelineKind = 'record' | 'referral' | 'action' | 'meeting' | 'measure';

export type TimelineEvent = {
	/** ISO 8601 instant, or a date (`YYYY-MM-DD`) for what is recorded by day. */
	at: string;
	kind: TimelineKind;
	title: string;
	detail: string | null;
	by: string | null;
	href: string | null;
	/** What "Copy to clinical record" is built from, for the activities that offer it. */
	record?: ActivityRecord | null;
};

export const TIMELINE_KINDS: readonly TimelineKind[] = [
	'record',
	'referral',
	'action',
	'meeting',
	'measure'
];

/**
 * The newest `limit` events (default 200, at most 500) of one patient, of the `kinds` asked
 * (default all). The caller has checked that the patient is in their PCN; every row read here
 * is of their PCN too.
 */
export async function patientTimeline(
	db: Db,
	actor: SessionUser,
	patientId: string,
	options: { limit?: number; kinds?: readonly TimelineKind[] } = {}
): Promise<TimelineEvent[]> {
	const limit = Math.min(Math.max(options.limit ?? 200, 1), 500);
	const org = actor.organisationId;
	const kinds = options.kinds ?? TIMELINE_KINDS;
	const when = <T>(kind: TimelineKind, query: () => Promise<T[]>) =>
		kinds.includes(kind) ? query() : Promise.resolve([] as T[]);
	const [changes, actions, agenda, measures, referralsIn, referralsOut, attempts] =
		await Promise.all([
			when('record', () =>
				db
					.select({
						at: auditEvent.at,
						action: auditEvent.action,
						before: auditEvent.before,
						after: auditEvent.after,
						detail: auditEvent.detail,
						by: user.name
					})
					.from(auditEvent)
					.leftJoin(user, eq(user.id, auditEvent.userId))
					.where(
						and(
							eq(auditEvent.organisationId, org),
							eq(auditEvent.entityType, 'patient'),
							eq(auditEvent.entityId, patientId),
							inArray(auditEvent.action, ['create', 'update']),
							// Told from their own tables (the referral and measure kinds), with the
							// service's name, the score and level.
							or(
								isNull(auditEvent.detail),
								notInArray(auditEvent.detail, [
									'referred to a community service',
									'PAM score recorded',
									'ONS4 personal wellbeing recorded'
								])
							)
						)
					)
					.orderBy(desc(auditEvent.id))
					.limit(limit)
			),
			when('action', () =>
				db
					.select({
						at: mdtAction.createdAt,
						description: mdtAction.description,
						status: mdtAction.status,
						meetingId: mdtAction.meetingId,
						assignee: user.name
					})
					.from(mdtAction)
					.innerJoin(user, eq(user.id, mdtAction.assigneeId))
					.where(and(eq(mdtAction.organisationId, org), eq(mdtAction.patientId, patientId)))
					.orderBy(desc(mdtAction.createdAt))
					.limit(limit)
			),
			when('meeting', () =>
				db
					.select({
						at: meeting.startsAt,
						meetingId: meeting.id,
						title: meeting.title,
						meetingStatus: meeting.status,
						status: agendaItem.status
					})
					.from(agendaItem)
					.innerJoin(meeting, eq(meeting.id, agendaItem.meetingId))
					.where(
						and(
							eq(agendaItem.organisationId, org),
							eq(agendaItem.patientId, patientId),
							ne(meeting.status, 'cancelled')
						)
					)
					.orderBy(desc(meeting.startsAt))
					.limit(limit)
			),
			when('measure', () =>
				db
					.select({
						at: outcomeMeasure.recordedOn,
						kind: outcomeMeasure.kind,
						pamScore: outcomeMeasure.pamScore,
						pamLevel: outcomeMeasure.pamLevel,
						ons4: outcomeMeasure.ons4,
						by: user.name
					})
					.from(outcomeMeasure)
					.leftJoin(user, eq(user.id, outcomeMeasure.recordedBy))
					.where(
						and(eq(outcomeMeasure.organisationId, org), eq(outcomeMeasure.patientId, patientId))
					)
					.orderBy(desc(outcomeMeasure.recordedOn))
					.limit(limit)
			),
			when('referral', () =>
				db
					.select({
						at: referral.receivedOn,
						id: referral.id,
						source: referral.source,
						outcome: referral.outcome,
						referrer: referral.referrer,
						urgency: referral.urgency,
						reason: referral.reason
					})
					.from(referral)
					.where(and(eq(referral.organisationId, org), eq(referral.patientId, patientId)))
					.orderBy(desc(referral.receivedOn))
					.limit(limit)
			),
			when('referral', () =>
				db
					.select({
						at: serviceReferral.sentOn,
						service: communityService.name,
						status: serviceReferral.status,
						outcome: serviceReferral.outcome,
						reason: serviceReferral.reason,
						by: user.name
					})
					.from(serviceReferral)
					.innerJoin(communityService, eq(communityService.id, serviceReferral.serviceId))
					.innerJoin(user, eq(user.id, serviceReferral.by))
					.where(
						and(eq(serviceReferral.organisationId, org), eq(serviceReferral.patientId, patientId))
					)
					.orderBy(desc(serviceReferral.sentOn))
					.limit(limit)
			),
			// Each try at a referral's first contact: the coordinator's calls belong to the story.
			when('referral', () =>
				db
					.select({
						at: contactAttempt.attemptedAt,
						referralId: contactAttempt.referralId,
						mode: contactAttempt.mode,
						succeeded: contactAttempt.succeeded,
						note: contactAttempt.note,
						by: user.name
					})
					.from(contactAttempt)
					.innerJoin(referral, eq(referral.id, contactAttempt.referralId))
					.innerJoin(user, eq(user.id, contactAttempt.by))
					.where(and(eq(contactAttempt.organisationId, org), eq(referral.patientId, patientId)))
					.orderBy(desc(contactAttempt.attemptedAt))
					.limit(limit)
			)
		]);
	const events: TimelineEvent[] = [
		...changes.map((row) => ({
			at: row.at.toISOString(),
			kind: 'record' as const,
			...describeChange(row.action, row.before, row.after, row.detail),
			by: row.by,
			href: null
		})),
		...actions.map((row) => ({
			at: row.at.toISOString(),
			kind: 'action' as const,
			title: `Action: ${row.description}`,
			detail: `Assigned to ${row.assignee}; now ${row.status.replace('_', ' ')}`,
			by: null,
			href: row.meetingId ? `/meetings/${row.meetingId}/minutes` : null
		})),
		...agenda.map((row) => ({
			at: row.at.toISOString(),
			kind: 'meeting' as const,
			title: `On the agenda of ${row.title}`,
			detail:
				row.meetingStatus === 'ended'
					? (AGENDA_ITEM_STATUS_LABELS[row.status as AgendaItemStatus] ?? row.status)
					: 'Meeting not yet held',
			by: null,
			href:
				row.meetingStatus === 'ended'
					? `/meetings/${row.meetingId}/minutes`
					: `/meetings/${row.meetingId}`
		})),
		...measures.map((row) => ({
			at: row.at,
			kind: 'measure' as const,
			title:
				row.kind === 'pam'
					? `PAM score ${row.pamScore ?? '—'} (level ${row.pamLevel ?? '—'})`
					: 'ONS4 personal wellbeing recorded',
			detail: null,
			by: row.by,
			href: null,
			record: measureActivity(row)
		})),
		...referralsIn.map((row) => ({
			at: row.at,
			kind: 'referral' as const,
			title: `Referral received: ${REFERRAL_SOURCE_LABELS[row.source]}`,
			detail: row.outcome ? TRIAGE_OUTCOME_LABELS[row.outcome] : 'Not yet triaged',
			by: null,
			href: `/referrals/${row.id}`,
			record: { kind: 'referral' as const, receivedOn: row.at, ...row }
		})),
		...referralsOut.map((row) => ({
			at: row.at,
			kind: 'referral' as const,
			title: `Referred to ${row.service}`,
			detail: [SERVICE_REFERRAL_STATUS_LABELS[row.status], row.outcome].filter(Boolean).join(': '),
			by: null,
			href: `/patients/${patientId}/social-prescribing`,
			record: { kind: 'social_prescribing_referral' as const, sentOn: row.at, ...row }
		})),
		...attempts.map((row) => ({
			at: row.at.toISOString(),
			kind: 'referral' as const,
			title: `${row.succeeded ? 'First contact made' : 'Contact attempt, no contact'}: ${CONTACT_MODE_LABELS[row.mode]}`,
			detail: row.note,
			by: row.by,
			href: `/referrals/${row.referralId}`
		}))
	];
	// What is recorded by day (a referral's date, a measure's) was done some time that day: it
	// sorts as at its end, above the day's timed events, rather than below all of them.
	const sortKey = (at: string) => (at.length === 10 ? `${at}T23:59:59.999Z` : at);
	return events.sort((a, b) => sortKey(b.at).localeCompare(sortKey(a.at))).slice(0, limit);
}

/** Why an episode opened or closed, in words, from its audited `{ reason }`. */
function episodeReason(episode: unknown): string | null {
	const reason = (episode as { reason?: string } | undefined)?.reason ?? '';
	const labels: Record<string, string> = {
		...EPISODE_OPEN_REASON_LABELS,
		...EPISODE_CLOSE_REASON_LABELS
	};
	return labels[reason] ?? null;
}

/** A record change in words: what was added, or which fields changed. */
function describeChange(
	action: string,
	before: unknown,
	after: unknown,
	detail: string | null
): { title: string; detail: string | null } {
	const fieldsOf = (value: unknown) =>
		value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
	const changed = fieldsOf(after);
	if (action === 'create' && detail === null) return { title: 'Record created', detail: null };
	switch (detail) {
		case 'caseload episode opened':
			return { title: 'On the caseload', detail: episodeReason(changed.episode) };
		case 'caseload episode closed':
			return { title: 'Discharged from the caseload', detail: episodeReason(changed.episode) };
		case 'contact added':
		case 'contact changed':
		case 'contact removed': {
			const contact = (changed.contact ?? fieldsOf(before).contact) as
				{ name?: string; relationship?: string } | undefined;
			const title = detail.charAt(0).toUpperCase() + detail.slice(1);
			return {
				title: contact ? `${title}: ${contact.name} (${contact.relationship})` : title,
				detail: null
			};
		}
		case 'contact logged': {
			const logged = fieldsOf(changed.contactLog);
			const how = CONTACT_KIND_LABELS[logged.kind as ContactKind] ?? 'Contact';
			return {
				title: `${how} with ${String(logged.withWhom ?? '')}`,
				detail: typeof logged.summary === 'string' ? logged.summary : null
			};
		}
		case 'appointment arranged': {
			const booked = fieldsOf(changed.appointment);
			const when =
				typeof booked.startsAt === 'string' ? formatLondonDateTime(new Date(booked.startsAt)) : '';
			return {
				title: `${APPOINTMENT_KIND_LABELS[booked.kind as AppointmentKind] ?? 'Appointment'} arranged with ${String(booked.withWhom ?? '')}`,
				detail: when || null
			};
		}
		case 'community service referral updated': {
			const status = fieldsOf(changed.serviceReferral).status as ServiceReferralStatus | undefined;
			return {
				title: 'Social prescribing referral updated',
				detail: status ? SERVICE_REFERRAL_STATUS_LABELS[status] : null
			};
		}
		// Who it was raised to, never its details: the timeline is read by every role.
		case 'safeguarding concern raised': {
			const raisedTo = fieldsOf(changed.safeguardingConcern).namedContact;
			return {
				title: 'Safeguarding concern raised',
				detail: typeof raisedTo === 'string' ? `Raised to ${raisedTo}` : null
			};
		}
		case 'safeguarding concern acknowledged':
			return { title: 'Safeguarding concern acknowledged', detail: null };
		case 'appointment updated': {
			const status = fieldsOf(changed.appointment).status as AppointmentStatus | undefined;
			return {
				title: 'Appointment updated',
				detail: status ? APPOINTMENT_STATUS_LABELS[status] : null
			};
		}
	}
	// Anything else audited on the person with a description says it in its own words.
	if (detail) return { title: detail.charAt(0).toUpperCase() + detail.slice(1), detail: null };
	const fields = Object.keys(changed).map(
		(key) => RECORD_FIELD_LABELS[key as keyof typeof RECORD_FIELD_LABELS] ?? key
	);
	return { title: 'Record changed', detail: fields.length ? fields.join(', ') : null };
}
