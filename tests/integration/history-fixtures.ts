/** PCNs for the synthetic history's tests, and a fingerprint of a history to compare two by. */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db';
import { schema } from '../../src/lib/server/db';
import type { HistoryOptions } from '../../src/lib/server/demo/history';
import { rows } from '../../src/lib/server/demo/history-sql';

const STAFF = [
	{ email: 'coordinator@history.test', name: 'Cara Coordinator', role: 'care_coordinator' },
	{ email: 'gp@history.test', name: 'Dr Gita Prasad', role: 'gp' },
	{ email: 'linkworker@history.test', name: 'Lee Worker', role: 'social_prescribing_link_worker' }
] as const;

/**
 * A PCN named "History PCN" (ODS code by `tag`) with two practices, and the same three staff in
 * every one of them: two such PCNs differ only in their ids, so one seed gives them one history.
 */
export async function historyOrganisation(
	db: Db,
	tag: string
): Promise<Pick<HistoryOptions, 'organisationId' | 'practiceIds' | 'staffIds'>> {
	const [pcn] = await db
		.insert(schema.organisation)
		.values({ kind: 'pcn', name: 'History PCN', odsCode: `HIST-${tag}` })
		.returning();
	const practices = await db
		.insert(schema.organisation)
		.values(
			['North Road Surgery', 'South Street Practice'].map((name, i) => ({
				kind: 'practice' as const,
				name,
				odsCode: `HIST-${tag}${i + 1}`,
				parentId: pcn.id
			}))
		)
		.returning();
	const staffIds: string[] = [];
	for (const member of STAFF) {
		await db
			.insert(schema.user)
			.values({ email: member.email, name: member.name, passwordHash: 'not-used' })
			.onConflictDoNothing();
		const [{ id }] = await db
			.select({ id: schema.user.id })
			.from(schema.user)
			.where(eq(schema.user.email, member.email));
		await db
			.insert(schema.membership)
			.values({ userId: id, organisationId: pcn.id, role: member.role });
		staffIds.push(id);
	}
	return { organisationId: pcn.id, practiceIds: practices.map((p) => p.id), staffIds };
}

/** Per table, what a row says (its people by NHS number, not by id), hashed over all its rows. */
const ROW_TEXT: Record<string, string> = {
	patient: `select concat_ws('|', p.nhs_number, p.given_name, p.family_name, p.date_of_birth, p.sex,
		p.postcode, p.ethnicity, p.imd_decile, p.long_term_conditions, p.efi_deficits,
		p.preferred_contact, p.phone, p.email, p.has_unpaid_carer, p.is_unpaid_carer, o.name,
		p.assigned_coordinator_id) as t
		from patient p join organisation o on o.id = p.practice_id where p.organisation_id = $1`,
	referral: `select concat_ws('|', p.nhs_number, r.source, r.reason, r.urgency, r.referrer,
		r.received_on, r.first_contact_on, r.first_contact_mode, r.first_contact_by, r.outcome,
		r.outcome_detail, r.referred_on_to, r.triaged_at, r.triaged_by) as t
		from referral r join patient p on p.id = r.patient_id where r.organisation_id = $1`,
	contact_attempt: `select concat_ws('|', p.nhs_number, a.attempted_at, a.mode, a.succeeded, a.note, a.by) as t
		from contact_attempt a join referral r on r.id = a.referral_id join patient p on p.id = r.patient_id
		where a.organisation_id = $1`,
	caseload_episode: `select concat_ws('|', p.nhs_number, e.opened_on, e.open_reason, r.received_on,
		e.closed_on, e.close_reason) as t
		from caseload_episode e join patient p on p.id = e.patient_id
		left join referral r on r.id = e.referral_id where e.organisation_id = $1`,
	contact_log: `select concat_ws('|', p.nhs_number, c.occurred_at, c.kind, c.with_whom, c.summary,
		c.duration_minutes, c.by) as t
		from contact_log c join patient p on p.id = c.patient_id where c.organisation_id = $1`,
	appointment: `select concat_ws('|', p.nhs_number, a.kind, a.starts_at, a.with_whom, a.location, a.status) as t
		from appointment a join patient p on p.id = a.patient_id where a.organisation_id = $1`,
	outcome_measure: `select concat_ws('|', p.nhs_number, m.kind, m.recorded_on, m.pam_score, m.pam_level,
		m.ons4, m.recorded_by) as t
		from outcome_measure m join patient p on p.id = m.patient_id where m.organisation_id = $1`,
	service_referral: `select concat_ws('|', p.nhs_number, s.name, r.sent_on, r.reason, r.status, r.outcome, r.by) as t
		from service_referral r join patient p on p.id = r.patient_id
		join community_service s on s.id = r.service_id where r.organisation_id = $1`,
	meeting: `select concat_ws('|', m.title, m.starts_at, m.ended_at, m.chair_id) as t
		from meeting m where m.organisation_id = $1`,
	agenda_item: `select concat_ws('|', m.starts_at, m.title, i.position, p.nhs_number, i.reason,
		i.presenter_id, i.status, i.outcome) as t
		from agenda_item i join meeting m on m.id = i.meeting_id join patient p on p.id = i.patient_id
		where i.organisation_id = $1`,
	mdt_action: `select concat_ws('|', m.starts_at, i.position, p.nhs_number, a.description, a.assignee_id,
		a.due_date, a.priority, a.status, a.completed_at) as t
		from mdt_action a join meeting m on m.id = a.meeting_id
		join agenda_item i on i.meeting_id = a.meeting_id and i.id = a.agenda_item_id
		join patient p on p.id = a.patient_id where a.organisation_id = $1`
};

/** An md5 per table of everything the history wrote for the organisation (ids aside). */
export async function historyFingerprint(
	db: Db,
	options: Pick<HistoryOptions, 'organisationId'>
): Promise<Record<string, string>> {
	const fingerprint: Record<string, string> = {};
	for (const [table, query] of Object.entries(ROW_TEXT)) {
		const text = sql.raw(query.replace('$1', `'${options.organisationId}'::uuid`));
		const [row] = await rows<{ hash: string | null }>(
			db,
			sql`select md5(string_agg(t, E'\n' order by t)) as hash from (${text}) r`
		);
		fingerprint[table] = `${row.hash}`;
	}
	return fingerprint;
}
