import { error } from '@sveltejs/kit';
import { docName } from '../domain/collab/documents';
import {
	isReadOnly,
	mayAddAction,
	mayEditCarePlan,
	mayEditMeeting,
	mayEndMeeting,
	mayRecordMeeting,
	maySteerMeeting,
	mayUpdateAction
} from '../domain/roles';
import type { SessionUser } from './auth';
import { db } from './db';
import { getMeeting } from './meetings';
import { listCaseload } from './patients';
import { listMembers } from './users';

/** The meeting, within the user's organisation; any other answers 404. */
export async function requireMeeting(user: SessionUser, meetingId: string) {
	const meeting = await getMeeting(db(), user, meetingId);
	if (!meeting) error(404, 'Meeting not found');
	return meeting;
}

/**
 * What both live meeting pages (agenda and room) share: the meeting, the team, the patients, and
 * what the user may do there, decided once by the rules in `domain/roles`. The caller has already
 * authorised `user`.
 */
export async function loadMeetingPage(user: SessionUser, meetingId: string) {
	const meeting = await requireMeeting(user, meetingId);
	const [members, caseload] = await Promise.all([
		listMembers(db(), user),
		listCaseload(db(), user, { limit: 500 })
	]);
	// An ended meeting's record is final: its agenda, notes and steering are closed to everyone.
	const open = meeting.status !== 'ended';
	return {
		user,
		meeting,
		members: members.filter((m) => m.active).map(({ id, name, role }) => ({ id, name, role })),
		patients: Object.fromEntries(caseload.patients.map((p) => [p.id, p])),
		may: {
			/** Raise a hand: anyone who is not read-only. */
			raiseHand: open && !isReadOnly(user.role),
			/** Change the meeting's details (admins organise meetings too). */
			editMeeting: open && mayEditMeeting(user.role),
			/** Agree a follow-up action: clinical content, so not admins. */
			addAction: open && mayAddAction(user.role),
			/**
			 * Write the agenda, notes and outcomes: the live document, clinical content. Others
			 * read it and are told their edits are not saved.
			 */
			recordMeeting: open && mayRecordMeeting(user.role),
			editCarePlan: mayEditCarePlan(user.role),
			/** Change an action's assignee or status. */
			updateAction: mayUpdateAction(user.role),
			/** Start the meeting, move between items and run the item timer. */
			steer: open && maySteerMeeting(user, meeting),
			end: open && mayEndMeeting(user, meeting)
		},
		docName: docName('meeting', meeting.id)
	};
}
