import { error, json } from '@sveltejs/kit';
import { ons4Series, pamSeries } from '$lib/domain/measure-series';
import { authorise, clientIp } from '$lib/server/access';
import { db } from '$lib/server/db';
import { measuresOf } from '$lib/server/measures';
import { getPatient } from '$lib/server/patients';
import type { RequestHandler } from './$types';

/**
 * GET /api/patients/:id/measures — a person's outcome measures, oldest first:
 * `{ pam: { id, on, score, level }[], ons4: { id, on, answers, bands }[] }` (ONS4 answers kept
 * apart, never summed). Another PCN's patient answers 404; the read is audited.
 */
export const GET: RequestHandler = async ({ params }) => {
	const user = authorise('patient:read');
	if (!(await getPatient(db(), user, params.id, { ip: clientIp() }))) {
		error(404, 'Patient not found');
	}
	const measures = await measuresOf(db(), user, params.id);
	return json({ pam: pamSeries(measures), ons4: ons4Series(measures) });
};
