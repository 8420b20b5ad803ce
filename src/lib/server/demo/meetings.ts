import { and, asc, desc, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { docName, setFragmentText } from '../../domain/collab/documents';
import { addAgendaItem, itemText, markMeetingEnded } from '../../domain/collab/meeting';
import { mayEditCarePlan } from '../../domain/roles';
import type { Db } from '../db';
import { ensureSeries } from '../meeting-series';
import {
	collabSnapshot,
	mdtAction,
	meeting,
	meetingAttendance,
	meetingInvitee,
	membership,
	outcomeMeasure,
	patient,
	user
} from '../db/schema';
import { project } from '../projection';

const DAY = 24 * 60 * 60 * 1000;

/** The next weekday at 13:00 UTC that is at least two days away: a plausible MDT slot. */
function nextMdtSlot(now: Date): Date {
	const slot = new Date(
		Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 2, 13)
	);
	while (slot.getUTCDay() === 0 || slot.getUTCDay() === 6) slot.setUTCDate(slot.getUTCDate() + 1);
	return slot;
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

async function storeDocument(db: Db, name: string, organisationId: string, doc: Y.Doc) {
	await db
		.insert(collabSnapshot)
		.values({ docName: name, organisationId, state: Y.encodeStateAsUpdate(doc) })
		.onConflictDoNothing();
}

/**
 * Seeds the MDT side of a demo PCN, once: clinical flags that make patients "suggested for
 * discussion", an upcoming "<PCN> frailty MDT" with seven agenda items, and a past meeting with
 * minutes, attendance and open actions.
 */
export async function seedDemoMeetings(db: Db, organisationId: string, pcnName: string) {
	const title = `${pcnName.replace(/ PCN$/, '')} frailty MDT`;
	const [existing] = await db
		.select({ id: meeting.id })
		.from(meeting)
		.where(and(eq(meeting.organisationId, organisationId), eq(meeting.title, title)));
	if (existing) return;

	const members = await db
		.select({ id: user.id, role: membership.role, name: user.name })
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(eq(membership.organisationId, organisationId));
	const byRole = (role: string) => members.find((m) => m.role === role) ?? members[0];
	const coordinator = byRole('care_coordinator');
	const gp = byRole('gp');
	const linkWorker = byRole('social_prescribing_link_worker');
	// The clinical team: those who work on care plans.
	const team = members.filter((m) => mayEditCarePlan(m.role));

	// The frailest first: the MDT's core cohort.
	const frail = await db
		.select({ id: patient.id, efi: patient.efiDeficits })
		.from(patient)
		.where(eq(patient.organisationId, organisationId))
		.orderBy(desc(patient.efiDeficits), asc(patient.nhsNumber))
		.limit(12);
	if (frail.length < 12) return;
	const now = new Date();

	// Clinical context that drives "Suggested for discussion".
	const flag = async (id: string, values: Partial<typeof patient.$inferInsert>) =>
		db.update(patient).set(values).where(eq(patient.id, id));
	{
		await flag(frail[0].id, { lastDischargeDate: isoDate(new Date(now.getTime() - 5 * DAY)) });
		await flag(frail[1].id, { lastDischargeDate: isoDate(new Date(now.getTime() - 9 * DAY)) });
		await flag(frail[2].id, { safeguardingConcern: true });
		await flag(frail[3].id, {
			mdtReferralReason: 'GP asks for a medication review and falls plan'
		});
		await flag(frail[10].id, { mdtReferralReason: 'District nurse concerned about carer strain' });
		for (const [i, score] of [
			[4, 38.2],
			[5, 44.0],
			[11, 61.3]
		] as const) {
			await db.insert(outcomeMeasure).values({
				organisationId,
				patientId: frail[i].id,
				kind: 'pam',
				recordedOn: isoDate(new Date(now.getTime() - 30 * DAY)),
				pamScore: score,
				pamLevel: score <= 47 ? 1 : score <= 55.1 ? 2 : score <= 67 ? 3 : 4,
				recordedBy: coordinator.id
			});
		}
	}

	const past = nextMdtSlot(new Date(now.getTime() - 16 * DAY));
	const upcoming = nextMdtSlot(now);
	const seriesId = await ensureSeries(db, organisationId, title);
	const [pastMeeting, nextMeeting] = await db
		.insert(meeting)
		.values([
			{
				organisationId,
				seriesId,
				title,
				startsAt: past,
				durationMinutes: 60,
				chairId: gp.id,
				status: 'ended',
				startedAt: past,
				endedAt: new Date(past.getTime() + 55 * 60_000),
				createdBy: coordinator.id
			},
			{
				organisationId,
				seriesId,
				title,
				startsAt: upcoming,
				durationMinutes: 60,
				chairId: gp.id,
				createdBy: coordinator.id
			}
		])
		.returning();
	await db
		.insert(meetingInvitee)
		.values(
			[pastMeeting, nextMeeting].flatMap((m) =>
				team.map((t) => ({ meetingId: m.id, userId: t.id, organisationId }))
			)
		);

	const reasons = [
		'Recently discharged from hospital',
		'Discharged from hospital last week; medication changes',
		'Open safeguarding concern',
		'Referred by GP: medication review and falls plan',
		'Low activation (PAM level 1)',
		'Low activation (PAM level 1); lives alone',
		'Severe frailty; care plan review due'
	];
	// The upcoming meeting: seven patients, one flagged for missing information.
	const next = new Y.Doc();
	frail.slice(0, 7).forEach((p, i) =>
		addAgendaItem(next, {
			patientId: p.id,
			reason: reasons[i],
			presenterId: [coordinator, gp, linkWorker][i % 3].id,
			minutesAllotted: 3,
			questions: i === 0 ? 'Does she need a package of care?' : '',
			missingInformation: i === 5
		})
	);
	await storeDocument(db, docName('meeting', nextMeeting.id), organisationId, next);
	await project(db, {
		name: docName('meeting', nextMeeting.id),
		kind: 'meeting',
		id: nextMeeting.id,
		organisationId,
		doc: next
	});

	// The past meeting: two items discussed with notes and outcomes; its minutes are final.
	const before = new Y.Doc();
	const discussed = frail.slice(7, 9).map((p, i) => {
		const id = addAgendaItem(before, {
			patientId: p.id,
			reason:
				i === 0 ? 'Severe frailty; two falls this month' : 'Carer strain reported by daughter',
			presenterId: coordinator.id,
			minutesAllotted: 3,
			status: 'discussed'
		});
		setFragmentText(
			itemText(before, id, 'notes'),
			i === 0
				? 'Two falls at home in March.\nLives alone; daughter visits daily.'
				: 'Daughter is the main carer and is exhausted.\nInterested in a carers group.'
		);
		setFragmentText(
			itemText(before, id, 'outcome'),
			i === 0
				? 'Refer to falls clinic; OT home assessment'
				: 'Carer assessment; refer daughter to carers centre'
		);
		return { id, patientId: p.id };
	});
	markMeetingEnded(before, pastMeeting.endedAt!.toISOString());
	await storeDocument(db, docName('meeting', pastMeeting.id), organisationId, before);
	await project(
		db,
		{
			name: docName('meeting', pastMeeting.id),
			kind: 'meeting',
			id: pastMeeting.id,
			organisationId,
			doc: before
		},
		{ final: true }
	);
	await db.insert(meetingAttendance).values(
		team.slice(0, 4).map((t, i) => ({
			organisationId,
			meetingId: pastMeeting.id,
			userId: t.id,
			joinedAt: new Date(past.getTime() + i * 60_000),
			leftAt: new Date(past.getTime() + 55 * 60_000)
		}))
	);
	// Agreed at the meeting: created then, for the reports' time to completion.
	await db.insert(mdtAction).values([
		{
			createdAt: past,
			organisationId,
			meetingId: pastMeeting.id,
			agendaItemId: discussed[0].id,
			patientId: discussed[0].patientId,
			description: 'Refer to the falls clinic',
			assigneeId: gp.id,
			dueDate: isoDate(new Date(past.getTime() + 7 * DAY)),
			priority: 'soon',
			createdBy: coordinator.id
		},
		{
			createdAt: past,
			organisationId,
			meetingId: pastMeeting.id,
			agendaItemId: discussed[1].id,
			patientId: discussed[1].patientId,
			description: 'Arrange a carer’s assessment with the local authority',
			assigneeId: coordinator.id,
			dueDate: isoDate(new Date(now.getTime() + 5 * DAY)),
			priority: 'routine',
			createdBy: coordinator.id
		},
		{
			createdAt: past,
			organisationId,
			meetingId: pastMeeting.id,
			agendaItemId: discussed[1].id,
			patientId: discussed[1].patientId,
			description: 'Refer daughter to the carers centre peer support group',
			assigneeId: linkWorker.id,
			dueDate: isoDate(new Date(past.getTime() + 3 * DAY)),
			priority: 'routine',
			status: 'done',
			completedAt: new Date(past.getTime() + 2 * DAY),
			createdBy: coordinator.id
		}
	]);
}
