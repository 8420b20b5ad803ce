import { error, json } from '@sveltejs/kit';
import { authorise, clientIp } from '$lib/server/access';
import { db } from '$lib/server/db';
import { parseJson } from '$lib/server/forms';
import { PatientNotFoundError } from '$lib/server/patient-scope';
import { raiseConcern, SafeguardingInputError } from '$lib/server/safeguarding';
import { RaiseConcernJson } from '$lib/server/safeguarding-forms';
import { concernsOf } from '$lib/server/safeguarding-reads';
import type { RequestHandler } from './$types';

/**
 * GET /api/patients/:id/safeguarding — the person's concerns, open first:
 * `{ details: true, concerns: ConcernDetail[] }` for those who may read their details (the read
 * is audited), else `{ details: false, concerns: ConcernSummary[] }`. Another PCN's patient: 404.
 */
export const GET: RequestHandler = async ({ params }) => {
	const user = authorise('patient:read');
	try {
		return json(await concernsOf(db(), user, params.id, { ip: clientIp() }));
	} catch (e) {
		if (e instanceof PatientNotFoundError) error(404, 'Patient not found');
		throw e;
	}
};

/**
 * POST /api/patients/:id/safeguarding `{ category, description, namedContactId, consentToShare,
 * immediateRisk: boolean }` — raises a concern: 201 `{ id }`; 400 `{ message }` for bad input.
 */
export const POST: RequestHandler = async ({ params, request }) => {
	const user = authorise('safeguarding:raise');
	const parsed = await parseJson(RaiseConcernJson, request);
	if (!parsed.success) error(400, parsed.error.issues[0]?.message ?? 'Invalid concern');
	try {
		const id = await raiseConcern(db(), user, params.id, parsed.data);
		return json({ id }, { status: 201 });
	} catch (e) {
		if (e instanceof PatientNotFoundError) error(404, 'Patient not found');
		if (e instanceof SafeguardingInputError) error(400, e.message);
		throw e;
	}
};
