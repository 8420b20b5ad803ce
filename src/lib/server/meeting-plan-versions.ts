/**
 * Plan changes made during an MDT meeting: when the chair starts it and when it ends, a version of
 * each agenda patient's care plan is saved with the meeting's id ("Before …", "After …"); the
 * minutes compare the two. Relative imports only: the meeting channel (server/) starts meetings.
 */
import { and, asc, desc, eq, inArray, lt, ne } from 'drizzle-orm';
import * as Y from 'yjs';
import { meetingVersionLabel } from '../domain/collab/careplan/agreement';
import { comparePlanSections, type ComparedSection } from '../domain/collab/careplan/compare';
import { carePlanSections } from '../domain/collab/careplan/sections';
import { docName } from '../domain/collab/documents';
import { meetingToJson } from '../domain/collab/meeting';
import { isUuid } from '../domain/uuid';
import { recordAudit } from './audit';
import type { SessionUser } from './auth';
import { meetingDocument } from './collab-access';
import type { Db } from './db';
import { collabVersion, meeting, patient } from './db/schema';
import { carePlanDocument, planOfState } from './plan-versions';
import type { RealtimeBridge } from './realtime-bridge';

export type PlanState = { patientId: string; state: Uint8Array };

/**
 * The current state of the care plan of each patient on the meeting's live agenda (once each;
 * only patients of the actor's PCN: an agenda's patient ids are written by clients).
 */
export async function agendaPlanStates(
	db: Db,
	live: RealtimeBridge,
	actor: SessionUser,
	meetingId: string
): Promise<PlanState[]> {
	const agenda = await live.withDocument(
		meetingDocument(actor.organisationId, meetingId),
		(doc) => meetingToJson(doc).agenda
	);
	const ids = [...new Set(agenda.map((item) => item.patientId))].filter(
		(id): id is string => id !== null && isUuid(id)
	);
	if (ids.length === 0) return [];
	const ours = await db
		.select({ id: patient.id })
		.from(patient)
		.where(and(eq(patient.organisationId, actor.organisationId), inArray(patient.id, ids)));
	const states: PlanState[] = [];
	for (const { id } of ours) {
		const state = await live.withDocument(carePlanDocument(actor.organisationId, id), (doc) =>
			Y.encodeStateAsUpdate(doc)
		);
		states.push({ patientId: id, state });
	}
	return states;
}

/** Saves the plans as versions of the meeting (pass the transaction the meeting's change is in). */
export async function insertMeetingPlanVersions(
	db: Db,
	actor: SessionUser,
	of: { id: string; title: string },
	moment: 'before' | 'after',
	states: PlanState[]
): Promise<void> {
	if (states.length === 0) return;
	const label = meetingVersionLabel(moment, of.title);
	await db.insert(collabVersion).values(
		states.map(({ patientId, state }) => ({
			organisationId: actor.organisationId,
			docName: docName('careplan', patientId),
			label,
			state,
			createdBy: actor.id,
			meetingId: of.id
		}))
	);
	await recordAudit(db, {
		action: 'create',
		organisationId: actor.organisationId,
		userId: actor.id,
		entityType: 'meeting',
		entityId: of.id,
		after: { planVersions: states.map((s) => s.patientId) },
		detail: `saved the agenda's care plans ${moment} the meeting`
	});
}

/** Saves the agenda patients' plans as they are as the meeting starts ("Before <title>"). */
export async function savePlansAtStart(
	db: Db,
	live: RealtimeBridge,
	actor: SessionUser,
	meetingId: string
): Promise<void> {
	const [row] = await db
		.select({ id: meeting.id, title: meeting.title })
		.from(meeting)
		.where(and(eq(meeting.id, meetingId), eq(meeting.organisationId, actor.organisationId)));
	if (!row) return;
	const states = await agendaPlanStates(db, live, actor, meetingId);
	await insertMeetingPlanVersions(db, actor, row, 'before', states);
}

/** What happened to one person's plan during a meeting: the sections that changed. */
export type MeetingPlanChanges =
	| { compared: true; sections: ComparedSection[] }
	/** No version from before the meeting: nothing to compare the plan after it with. */
	| { compared: false };

/**
 * For each of `patientIds`, the sections of their plan changed between the version saved as
 * the meeting started (or, failing that, their plan's latest version from before it started)
 * and the one saved as it ended. A patient without an end version is left out (the meeting has
 * not ended, or ended before plans were saved).
 */
export async function meetingPlanChanges(
	db: Db,
	actor: SessionUser,
	of: { id: string; startedAt: Date | null },
	patientIds: string[]
): Promise<Record<string, MeetingPlanChanges>> {
	const columns = {
		id: collabVersion.id,
		docName: collabVersion.docName,
		label: collabVersion.label,
		state: collabVersion.state,
		createdAt: collabVersion.createdAt
	};
	const saved = await db
		.select(columns)
		.from(collabVersion)
		.where(
			and(
				eq(collabVersion.meetingId, of.id),
				eq(collabVersion.organisationId, actor.organisationId)
			)
		)
		.orderBy(asc(collabVersion.createdAt));
	const changes: Record<string, MeetingPlanChanges> = {};
	for (const patientId of new Set(patientIds)) {
		const name = docName('careplan', patientId);
		const ofPlan = saved.filter((v) => v.docName === name);
		const after = ofPlan.findLast((v) => v.label.startsWith(meetingVersionLabel('after', '')));
		if (!after) continue;
		let before = ofPlan.find((v) => v.label.startsWith(meetingVersionLabel('before', '')));
		if (!before) {
			[before] = await db
				.select(columns)
				.from(collabVersion)
				.where(
					and(
						eq(collabVersion.docName, name),
						eq(collabVersion.organisationId, actor.organisationId),
						ne(collabVersion.id, after.id),
						lt(collabVersion.createdAt, of.startedAt ?? after.createdAt)
					)
				)
				.orderBy(desc(collabVersion.createdAt))
				.limit(1);
		}
		if (!before) {
			changes[patientId] = { compared: false };
			continue;
		}
		const sections = comparePlanSections(
			carePlanSections(planOfState(new Uint8Array(before.state))),
			carePlanSections(planOfState(new Uint8Array(after.state)))
		).filter((s) => s.change !== 'unchanged');
		changes[patientId] = { compared: true, sections };
	}
	return changes;
}
