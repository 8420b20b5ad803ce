import { z } from 'zod';
import { ACTION_STATUSES } from '$lib/domain/actions';
import { ActionFields } from '$lib/server/validation';

/** The room's add-action form: an action agreed at this meeting, under one of its items or none. */
export const NewAction = ActionFields.extend({
	agendaItemId: z
		.string()
		.max(100)
		.transform((v) => v || null),
	patientId: z.union([z.uuid(), z.literal('')]).transform((v) => v || null)
});

/** The room's reassign / status form of one action. */
export const ActionUpdate = z.object({
	actionId: z.uuid(),
	assigneeId: z.uuid({ message: 'Choose who will do it' }),
	status: z.enum(ACTION_STATUSES)
});
