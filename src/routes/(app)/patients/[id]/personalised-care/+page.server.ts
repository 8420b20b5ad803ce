import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { HEALTH_BUDGET_STATUSES } from '$lib/domain/personalised-care';
import { can } from '$lib/domain/roles';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { invalid, parseForm } from '$lib/server/forms';
import { PatientNotFoundError } from '$lib/server/patient-scope';
import {
	personalisedCareOf,
	PersonalisedCareError,
	recordHealthBudget,
	recordSharedDecision
} from '$lib/server/personalised-care';
import { calendarDay, isCalendarDate, optionalText } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, parent }) => {
	const user = authorise('patient:read');
	await parent();
	return {
		...(await personalisedCareOf(db(), user, params.id)),
		mayWrite: can(user.role, 'patient:write')
	};
};

const DecisionForm = z.object({
	decision: z.string().trim().min(1, 'Enter the decision to be made').max(500),
	decisionSupportTool: optionalText(300),
	preparedOn: calendarDay('Enter the date as a real date'),
	outcome: optionalText(2000)
});

const BudgetForm = z.object({
	status: z.enum(HEALTH_BUDGET_STATUSES, { message: 'Choose where the budget stands' }),
	recordedOn: calendarDay('Enter the date as a real date'),
	amount: z
		.string()
		.trim()
		.transform((v) => v.replace(/[£,\s]/g, ''))
		.refine(
			(v) => v === '' || /^\d{1,7}(\.\d{1,2})?$/.test(v),
			'Enter the amount in pounds, like 2400 or 2400.50'
		)
		.transform((v) => (v === '' ? null : Math.round(Number(v) * 100))),
	reviewOn: z
		.string()
		.trim()
		.refine((v) => v === '' || isCalendarDate(v), 'Enter the review date as a real date')
		.transform((v) => v || null),
	note: optionalText(1000)
});

function refused(form: string, e: unknown, values: Record<string, string>) {
	if (e instanceof PatientNotFoundError) error(404, 'Patient not found');
	if (e instanceof PersonalisedCareError) {
		return invalid(400, { form, errors: { [e.field]: e.message }, values });
	}
	throw e;
}

export const actions: Actions = {
	decision: async ({ request, params }) => {
		const user = authorise('patient:write');
		const parsed = parseForm(DecisionForm, await request.formData());
		if (!parsed.ok) {
			return invalid(400, { form: 'decision', errors: parsed.errors, values: parsed.values });
		}
		try {
			await recordSharedDecision(db(), user, params.id, parsed.data);
		} catch (e) {
			return refused('decision', e, parsed.values);
		}
		return { saved: 'decision' as const };
	},
	budget: async ({ request, params }) => {
		const user = authorise('patient:write');
		const parsed = parseForm(BudgetForm, await request.formData());
		if (!parsed.ok) {
			return invalid(400, { form: 'budget', errors: parsed.errors, values: parsed.values });
		}
		const { amount, ...rest } = parsed.data;
		try {
			await recordHealthBudget(db(), user, params.id, { ...rest, amountPence: amount });
		} catch (e) {
			return refused('budget', e, parsed.values);
		}
		return { saved: 'budget' as const };
	}
};
