import { json } from '@sveltejs/kit';
import { db, pingDatabase } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** GET /healthz — for load balancers: 200 when the database answers, 503 when it does not. */
export const GET: RequestHandler = async () => {
	try {
		await pingDatabase(db());
		return json({ status: 'ok', database: 'ok' });
	} catch {
		return json({ status: 'unavailable', database: 'unreachable' }, { status: 503 });
	}
};
