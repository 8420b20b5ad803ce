import { error } from '@sveltejs/kit';
import { can } from '$lib/domain/roles';
import { OUTCOME_DETAIL_FIELD } from '$lib/domain/triage';
import { authorise, clientIp } from '$lib/server/access';
import { londonToday, openEpisodeOf } from '$lib/server/caseload-episodes';
import { db } from '$lib/server/db';
import { invalid, parseForm } from '$lib/server/forms';
import { getReferral } from '$lib/server/referral-detail';
import {
	listTriageStaff,
	logContactAttempt,
	recordTriage,
	ReferralStateError
} from '$lib/server/referral-triage';
import { ReferralInputError, ReferralNotFoundError } from '$lib/server/referrals';
import { ContactAttemptForm, TriageForm } from '../forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const user = authorise('patient:read');
	const referral = await getReferral(db(), user, params.id, { ip: clientIp() });
	if (!referral) error(404, 'Referral not found');
	const mayTriage = can(user.role, 'referral:triage');
	const episode = await openEpisodeOf(db(), user, referral.patient.id);
	return {
		referral,
		onCaseloadSince: episode?.openedOn ?? null,
		staff: mayTriage && !referral.outcome ? await listTriageStaff(db(), user) : [],
		me: user.id,
		today: londonToday(),
		may: { triage: mayTriage }
	};
};

/** A refusal of the service as the page shows it: 404, a message, or field errors. */
function refusal(e: unknown, form: string, values: Record<string, string>) {
	if (e instanceof ReferralNotFoundError) error(404, 'Referral not found');
	if (e instanceof ReferralStateError) return invalid(409, { form, message: e.message, values });
	if (e instanceof ReferralInputError) return invalid(400, { form, errors: e.errors, values });
	throw e;
}

export const actions: Actions = {
	attempt: async ({ request, params }) => {
		const user = authorise('referral:triage');
		const parsed = parseForm(ContactAttemptForm, await request.formData());
		if (!parsed.ok) {
			return invalid(400, { form: 'attempt', errors: parsed.errors, values: parsed.values });
		}
		const { attemptedOn, attemptMode, succeeded, attemptNote } = parsed.data;
		try {
			await logContactAttempt(db(), user, params.id, {
				attemptedOn,
				mode: attemptMode,
				succeeded: succeeded === 'true',
				note: attemptNote
			});
		} catch (e) {
			return refusal(e, 'attempt', parsed.values);
		}
		return { saved: succeeded === 'true' ? 'contact' : 'attempt' };
	},
	triage: async ({ request, params }) => {
		const user = authorise('referral:triage');
		const parsed = parseForm(TriageForm, await request.formData());
		if (!parsed.ok) {
			return invalid(400, { form: 'triage', errors: parsed.errors, values: parsed.values });
		}
		const input = parsed.data;
		const detail = input[OUTCOME_DETAIL_FIELD[input.outcome] as keyof typeof input] as
			string | null;
		try {
			await recordTriage(db(), user, params.id, {
				firstContactOn: input.firstContactOn,
				firstContactMode: input.firstContactMode,
				firstContactById: input.firstContactBy,
				outcome: input.outcome,
				outcomeDetail: detail,
				referredOnTo: input.referredOnTo
			});
		} catch (e) {
			return refusal(e, 'triage', parsed.values);
		}
		return { saved: 'triage' };
	}
};
