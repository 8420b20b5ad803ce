import { redirect } from '@sveltejs/kit';
import { authorise } from '$lib/server/access';
import { londonToday } from '$lib/server/caseload-episodes';
import { db } from '$lib/server/db';
import { invalid, parseForm } from '$lib/server/forms';
import { createReferral, NO_SUCH_PATIENT, ReferralInputError } from '$lib/server/referrals';
import { NewReferralForm } from '../forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	authorise('referral:triage');
	// From a person's record: their NHS number, already typed (digits only; checked on save).
	const nhsNumber = (url.searchParams.get('nhs') ?? '').replace(/\D/g, '').slice(0, 10);
	return { today: londonToday(), nhsNumber };
};

export const actions: Actions = {
	default: async ({ request }) => {
		const user = authorise('referral:triage');
		const parsed = parseForm(NewReferralForm, await request.formData());
		if (!parsed.ok) return invalid(400, { errors: parsed.errors, values: parsed.values });
		let id: string;
		try {
			id = await createReferral(db(), user, parsed.data);
		} catch (e) {
			if (e instanceof ReferralInputError) {
				// The one failure shape, and whether to offer adding the patient first.
				return invalid(400, {
					errors: e.errors,
					values: parsed.values,
					unknownPatient: e.errors.nhsNumber === NO_SUCH_PATIENT
				});
			}
			throw e;
		}
		redirect(303, `/referrals/${id}?received=1`);
	}
};
