import { authorise } from '$lib/server/access';
import { loadMeetingPage } from '$lib/server/meeting-page';
import type { LayoutServerLoad } from './$types';

// What the agenda and the room share. The room's actions are read by the room's own load, so
// that refreshing them after a change does not read the team and the caseload again.
export const load: LayoutServerLoad = async ({ params }) => {
	const user = authorise('patient:read');
	return loadMeetingPage(user, params.id);
};
