/**
 * The safeguarding forms (raise a concern, acknowledge one), shared by the patient's page and
 * the JSON API. Whether the named contact is one of the PCN's is the service's check.
 */
import { z } from 'zod';
import { SAFEGUARDING_CATEGORIES, SHARING_CONSENTS } from '../domain/safeguarding';
import type { ConcernInput } from './safeguarding';

export const RaiseConcernForm = z.object({
	category: z.enum(SAFEGUARDING_CATEGORIES, { message: 'Choose the type of concern' }),
	description: z
		.string()
		.trim()
		.min(1, 'Describe the concern: what you saw or were told, and by whom')
		.max(4000, 'Enter 4000 characters or fewer'),
	namedContactId: z.string().trim().min(1, 'Choose the named clinical contact to raise it to'),
	consentToShare: z.enum(SHARING_CONSENTS, {
		message: 'Say whether the person consents to the concern being shared'
	}),
	immediateRisk: z.enum(['yes', 'no'], { message: 'Say whether anyone is at immediate risk' })
});

export function toConcernInput(data: z.output<typeof RaiseConcernForm>): ConcernInput {
	return { ...data, immediateRisk: data.immediateRisk === 'yes' };
}

export const AcknowledgeConcernForm = z.object({
	outcome: z
		.string()
		.trim()
		.min(1, 'Enter the outcome: what you did or decided about this concern')
		.max(2000, 'Enter 2000 characters or fewer')
});

/** The API's body for raising a concern: as the form, with `immediateRisk` a boolean. */
export const RaiseConcernJson = RaiseConcernForm.extend({
	immediateRisk: z.boolean({ message: 'immediateRisk must be true or false' })
});
