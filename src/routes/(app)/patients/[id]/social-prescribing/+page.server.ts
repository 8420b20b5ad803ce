import { error } from '@sveltejs/kit';
import { can } from '$lib/domain/roles';
import { statusChoices } from '$lib/domain/service-referrals';
import { authorise } from '$lib/server/access';
import { londonToday } from '$lib/server/caseload-episodes';
import { referableServices, ServiceInputError } from '$lib/server/community-services';
import { db } from '$lib/server/db';
import { invalid, parseForm } from '$lib/server/forms';
import { PatientNotFoundError } from '$lib/server/patient-scope';
import {
	referToService,
	ServiceReferralNotFoundError,
	serviceReferralsOf,
	updateServiceReferral
} from '$lib/server/service-referrals';
import { ReferToServiceForm, UpdateReferralForm } from './forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, parent }) => {
	const user = authorise('patient:read');
	// The layout has found the patient in the caller's PCN (else 404) and audited the view.
	await parent();
	const mayRefer = can(user.role, 'service:refer');
	const [referrals, services] = await Promise.all([
		serviceReferralsOf(db(), user, params.id),
		mayRefer ? referableServices(db(), user) : Promise.resolve([])
	]);
	return {
		referrals: referrals.map((r) => ({ ...r, choices: statusChoices(r.status) })),
		services,
		today: londonToday(),
		may: { refer: mayRefer, editDirectory: can(user.role, 'service:edit') }
	};
};

export const actions: Actions = {
	refer: async ({ request, params }) => {
		const user = authorise('service:refer');
		const parsed = parseForm(ReferToServiceForm, await request.formData());
		if (!parsed.ok) {
			return invalid(400, { form: 'refer', errors: parsed.errors, values: parsed.values });
		}
		try {
			await referToService(db(), user, params.id, parsed.data);
		} catch (e) {
			if (e instanceof PatientNotFoundError) error(404, 'Patient not found');
			if (e instanceof ServiceInputError) {
				return invalid(400, { form: 'refer', errors: e.errors, values: parsed.values });
			}
			throw e;
		}
		return { saved: 'referred' };
	},
	update: async ({ request, params }) => {
		const user = authorise('service:refer');
		const parsed = parseForm(UpdateReferralForm, await request.formData());
		const referralId = parsed.values.referralId ?? '';
		// Each referral's form has its own field ids, so that the error summary links to them.
		const refused = (errors: Record<string, string>) =>
			invalid(400, {
				form: `update:${referralId}`,
				errors: Object.fromEntries(
					Object.entries(errors).map(([k, v]) => [`${k}-${referralId}`, v])
				),
				values: parsed.values
			});
		if (!parsed.ok) {
			if (parsed.errors.referralId) error(404, 'Referral not found');
			return refused(parsed.errors);
		}
		try {
			await updateServiceReferral(db(), user, params.id, referralId, {
				status: parsed.data.status,
				outcome: parsed.data.outcome
			});
		} catch (e) {
			if (e instanceof ServiceReferralNotFoundError) error(404, 'Referral not found');
			if (e instanceof ServiceInputError) return refused(e.errors);
			throw e;
		}
		return { saved: 'updated' };
	}
};
