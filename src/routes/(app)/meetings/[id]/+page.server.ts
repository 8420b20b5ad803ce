import { db } from '$lib/server/db';
import { listOpenActionsBefore } from '$lib/server/actions';
import { loadMeetingPage } from '$lib/server/meeting-page';
import { suggestedForDiscussion } from '$lib/server/suggestions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const page = await loadMeetingPage(params.id);
	const [suggestions, followUp] = await Promise.all([
		suggestedForDiscussion(db(), page.user),
		listOpenActionsBefore(db(), page.user, page.meeting.startsAt, page.meeting.id)
	]);
	return { ...page, suggestions, followUp };
};
