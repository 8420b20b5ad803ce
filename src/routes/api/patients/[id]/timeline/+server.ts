import { error, json } from '@sveltejs/kit';
import { authorise, clientIp } from '$lib/server/access';
import { db } from '$lib/server/db';
import { patientTimeline, TIMELINE_KINDS, type TimelineKind } from '$lib/server/patient-timeline';
import { getPatient } from '$lib/server/patients';
import { PAGE_LIMIT_MESSAGE, pageLimit } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/**
 * GET /api/patients/:id/timeline?limit=&kind= — one patient's events, newest first:
 * `{ events: TimelineEvent[] }`. `kind` (repeatable: record, referral, action, meeting, measure) narrows
 * them; `limit` is 1–500 (default 200). Another PCN's patient answers 404; the read is audited.
 */
export const GET: RequestHandler = async ({ params, url }) => {
	const user = authorise('patient:read');
	const limit = pageLimit(url.searchParams, 200);
	if (limit === null) error(400, PAGE_LIMIT_MESSAGE);
	const kinds = url.searchParams.getAll('kind');
	const unknown = kinds.filter((k) => !TIMELINE_KINDS.includes(k as TimelineKind));
	if (unknown.length) error(400, `kind must be one of ${TIMELINE_KINDS.join(', ')}`);
	if (!(await getPatient(db(), user, params.id, { ip: clientIp() }))) {
		error(404, 'Patient not found');
	}
	const events = await patientTimeline(db(), user, params.id, {
		limit,
		kinds: kinds.length ? (kinds as TimelineKind[]) : undefined
	});
	return json({ events });
};
