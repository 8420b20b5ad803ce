import { error, json } from '@sveltejs/kit';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { parseJson } from '$lib/server/forms';
import { PatientNotFoundError } from '$lib/server/patient-scope';
import {
	acknowledgeConcern,
	AlreadyAcknowledgedError,
	ConcernNotFoundError,
	NotNamedContactError
} from '$lib/server/safeguarding';
import { AcknowledgeConcernForm } from '$lib/server/safeguarding-forms';
import type { RequestHandler } from './$types';

/**
 * POST /api/patients/:id/safeguarding/:concernId/acknowledge `{ outcome }` — the named contact
 * acknowledges the concern: 200 `{ acknowledged: true }`. 403 `{ message }` for anyone else,
 * 409 when already acknowledged, 400 without an outcome, 404 for another PCN's.
 */
export const POST: RequestHandler = async ({ params, request }) => {
	const user = authorise('safeguarding:read');
	const parsed = await parseJson(AcknowledgeConcernForm, request);
	if (!parsed.success) error(400, parsed.error.issues[0]?.message ?? 'Enter the outcome');
	try {
		await acknowledgeConcern(db(), user, params.concernId, parsed.data.outcome, {
			patientId: params.id
		});
	} catch (e) {
		if (e instanceof ConcernNotFoundError || e instanceof PatientNotFoundError) {
			error(404, 'Safeguarding concern not found');
		}
		if (e instanceof NotNamedContactError) error(403, e.message);
		if (e instanceof AlreadyAcknowledgedError) error(409, e.message);
		throw e;
	}
	return json({ acknowledged: true });
};
