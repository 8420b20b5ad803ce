import { error } from '@sveltejs/kit';
import { can } from '$lib/domain/roles';
import { authorise, clientIp } from '$lib/server/access';
import { db } from '$lib/server/db';
import { invalid, parseForm } from '$lib/server/forms';
import { PatientNotFoundError } from '$lib/server/patient-scope';
import {
	acknowledgeConcern,
	AlreadyAcknowledgedError,
	ConcernNotFoundError,
	namedContactChoices,
	NotNamedContactError,
	raiseConcern,
	SafeguardingInputError
} from '$lib/server/safeguarding';
import {
	AcknowledgeConcernForm,
	RaiseConcernForm,
	toConcernInput
} from '$lib/server/safeguarding-forms';
import { concernsOf } from '$lib/server/safeguarding-reads';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, parent }) => {
	const user = authorise('patient:read');
	// The layout has found the patient in the caller's PCN (else 404) and audited the view.
	await parent();
	const mayRaise = can(user.role, 'safeguarding:raise');
	const [concerns, contacts] = await Promise.all([
		concernsOf(db(), user, params.id, { ip: clientIp() }),
		mayRaise ? namedContactChoices(db(), user) : Promise.resolve([])
	]);
	return { concerns, contacts, may: { raise: mayRaise } };
};

export const actions: Actions = {
	raise: async ({ request, params }) => {
		const user = authorise('safeguarding:raise');
		const parsed = parseForm(RaiseConcernForm, await request.formData());
		if (!parsed.ok) {
			return invalid(400, { form: 'raise', errors: parsed.errors, values: parsed.values });
		}
		try {
			await raiseConcern(db(), user, params.id, toConcernInput(parsed.data));
		} catch (e) {
			if (e instanceof PatientNotFoundError) error(404, 'Patient not found');
			if (e instanceof SafeguardingInputError) {
				return invalid(400, { form: 'raise', errors: e.errors, values: parsed.values });
			}
			throw e;
		}
		return { saved: 'raised' };
	},
	acknowledge: async ({ request, params }) => {
		const user = authorise('safeguarding:read');
		const data = await request.formData();
		const concernId = String(data.get('concernId') ?? '');
		const parsed = parseForm(AcknowledgeConcernForm, data);
		// Each concern's form has its own field ids, so that the error summary links to them.
		const refused = (
			status: number,
			failure: { errors?: Record<string, string>; message?: string }
		) =>
			invalid(status, {
				form: `acknowledge:${concernId}`,
				errors: Object.fromEntries(
					Object.entries(failure.errors ?? {}).map(([k, v]) => [`${k}-${concernId}`, v])
				),
				message: failure.message,
				values: parsed.values
			});
		if (!parsed.ok) return refused(400, { errors: parsed.errors });
		try {
			await acknowledgeConcern(db(), user, concernId, parsed.data.outcome, {
				patientId: params.id
			});
		} catch (e) {
			if (e instanceof ConcernNotFoundError) error(404, 'Safeguarding concern not found');
			if (e instanceof NotNamedContactError) return refused(403, { message: e.message });
			if (e instanceof AlreadyAcknowledgedError) return refused(409, { message: e.message });
			throw e;
		}
		return { saved: 'acknowledged' };
	}
};
