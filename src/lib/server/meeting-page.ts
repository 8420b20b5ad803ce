import { error } from '@sveltejs/kit';
import { can } from '../domain/roles';
import { authorise } from './access';
import { db } from './db';
import { getMeeting } from './meetings';
import { listCaseload } from './patients';
import { listMembers } from './users';

/** What both live meeting pages (agenda and room) need: the meeting, the team, the patients. */
export async function loadMeetingPage(meetingId: string) {
	const user = authorise('patient:read');
	const meeting = await getMeeting(db(), user, meetingId);
	if (!meeting) error(404, 'Meeting not found');
	const [members, caseload] = await Promise.all([
		listMembers(db(), user),
		listCaseload(db(), user, { limit: 500 })
	]);
	return {
		user,
		meeting,
		members: members.filter((m) => m.active).map(({ id, name, role }) => ({ id, name, role })),
		patients: Object.fromEntries(caseload.patients.map((p) => [p.id, p])),
		canEdit: can(user.role, 'meeting:edit'),
		canEditCarePlan: can(user.role, 'careplan:edit'),
		isChair: meeting.chairId === user.id,
		docName: `meeting:${meeting.id}`
	};
}
