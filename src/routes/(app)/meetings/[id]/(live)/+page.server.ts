import { db } from '$lib/server/db';
import { authorise } from '$lib/server/access';
import { listOpenActionsBefore } from '$lib/server/actions';
import { requireMeeting } from '$lib/server/meeting-page';
import { suggestedForDiscussion } from '$lib/server/suggestions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const user = authorise('patient:read');
	const meeting = await requireMeeting(user, params.id);
	const [suggestions, followUp] = await Promise.all([
		suggestedForDiscussion(db(), user),
		listOpenActionsBefore(db(), user, meeting)
	]);
	return { suggestions, followUp };
};
