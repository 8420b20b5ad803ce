import { error, json } from '@sveltejs/kit';
import { authorise, clientIp } from '$lib/server/access';
import { db } from '$lib/server/db';
import { getMeetingDetail } from '$lib/server/meetings';
import type { RequestHandler } from './$types';

/** GET /api/meetings/:id — the meeting with its agenda, attendance and actions. */
export const GET: RequestHandler = async ({ params }) => {
	const user = authorise('patient:read');
	const meeting = await getMeetingDetail(db(), user, params.id, { ip: clientIp() });
	if (!meeting) error(404, 'Meeting not found');
	return json({ meeting });
};
