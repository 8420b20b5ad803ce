import { can } from '$lib/domain/roles';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { listMeetings } from '$lib/server/meetings';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const user = authorise('patient:read');
	const { upcoming, past } = await listMeetings(db(), user);
	const cancelledId = url.searchParams.get('cancelled');
	const cancelled = [...upcoming, ...past].find(
		(m) => m.id === cancelledId && m.status === 'cancelled'
	);
	return {
		upcoming,
		past,
		canEdit: can(user.role, 'meeting:edit'),
		cancelled: cancelled ? { id: cancelled.id, title: cancelled.title } : null
	};
};
