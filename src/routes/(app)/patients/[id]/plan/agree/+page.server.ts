import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { AGREED_HOW_VALUES, agreementProblem } from '$lib/domain/collab/careplan/agreement';
import { londonToday } from '$lib/domain/london-time';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { requireLive } from '$lib/server/documents-api';
import { invalid, parseForm } from '$lib/server/forms';
import { PatientNotFoundError } from '$lib/server/patient-scope';
import { agreePlan, currentPlan, PlanAgreementRefused } from '$lib/server/plan-versions';
import { optionalText, pastDay } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

const AgreeForm = z
	.object({
		how: z.enum(AGREED_HOW_VALUES, { message: 'Choose how the plan was agreed' }),
		details: optionalText(200),
		agreedOn: pastDay('date the plan was agreed')
	})
	.superRefine((form, ctx) => {
		if (form.how === 'other' && !form.details) {
			ctx.addIssue({ code: 'custom', path: ['details'], message: 'Say how the plan was agreed' });
		}
	});

export const load: PageServerLoad = async ({ params, parent }) => {
	const user = authorise('careplan:agree');
	await parent();
	const plan = await currentPlan(db(), requireLive(), user, params.id).catch((e: unknown) => {
		if (e instanceof PatientNotFoundError) error(404, 'Patient not found');
		throw e;
	});
	return { today: londonToday(), problem: agreementProblem(plan) };
};

export const actions: Actions = {
	default: async ({ request, params }) => {
		const user = authorise('careplan:agree');
		const parsed = parseForm(AgreeForm, await request.formData());
		if (!parsed.ok) return invalid(400, { errors: parsed.errors, values: parsed.values });
		let versionId: string;
		try {
			({ versionId } = await agreePlan(db(), requireLive(), user, params.id, parsed.data));
		} catch (e) {
			if (e instanceof PatientNotFoundError) error(404, 'Patient not found');
			if (e instanceof PlanAgreementRefused) {
				return invalid(400, { errors: { contingency: e.message }, values: parsed.values });
			}
			throw e;
		}
		redirect(303, `/patients/${params.id}/plan/versions?agreed=${versionId}`);
	}
};
