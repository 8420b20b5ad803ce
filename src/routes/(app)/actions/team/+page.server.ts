import { isOverdue } from '$lib/domain/actions';
import { isUuid } from '$lib/domain/uuid';
import { authorise } from '$lib/server/access';
import { listTeamActions, TEAM_ACTION_VIEWS, type TeamActionView } from '$lib/server/actions';
import { londonToday } from '$lib/server/caseload-episodes';
import { db } from '$lib/server/db';
import { listMembers } from '$lib/server/users';
import type { PageServerLoad } from './$types';

/** The team's actions (open, overdue or all), one assignee's or everyone's, by assignee or patient. */
export const load: PageServerLoad = async ({ url }) => {
	const user = authorise('patient:read');
	const asked = url.searchParams.get('show');
	const view: TeamActionView = TEAM_ACTION_VIEWS.includes(asked as TeamActionView)
		? (asked as TeamActionView)
		: 'open';
	const assignee = url.searchParams.get('assignee');
	const assigneeId = assignee && isUuid(assignee) ? assignee : null;
	const group = url.searchParams.get('by') === 'patient' ? 'patient' : 'assignee';
	const todayIso = londonToday();
	const today = new Date(`${todayIso}T12:00:00Z`);
	const [rows, members] = await Promise.all([
		listTeamActions(db(), user, { view, assigneeId, today: todayIso }),
		listMembers(db(), user)
	]);
	const actions = rows.map((a) => ({ ...a, overdue: isOverdue(a, today) }));
	const groups = new Map<
		string,
		{ key: string; title: string; href: string | null; actions: typeof actions }
	>();
	for (const action of actions) {
		const key = group === 'assignee' ? action.assigneeId : (action.patientId ?? 'none');
		const title =
			group === 'assignee'
				? action.assignee
				: action.patientId
					? `${action.patientFamilyName?.toUpperCase()}, ${action.patientGivenName}`
					: 'No patient';
		const href =
			group === 'patient' && action.patientId ? `/patients/${action.patientId}/actions` : null;
		if (!groups.has(key)) groups.set(key, { key, title, href, actions: [] });
		groups.get(key)!.actions.push(action);
	}
	return {
		view,
		group,
		assigneeId,
		groups: [...groups.values()].sort((a, b) => a.title.localeCompare(b.title)),
		total: actions.length,
		overdue: actions.filter((a) => a.overdue).length,
		members: members.filter((m) => m.active).map((m) => ({ id: m.id, name: m.name }))
	};
};
