import { authorise } from '$lib/server/access';
import { AUDIT_ACTIONS, listAuditEvents } from '$lib/server/audit';
import { db } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const user = authorise('audit:read');
	const requested = url.searchParams.get('action') ?? '';
	const action = (AUDIT_ACTIONS as readonly string[]).includes(requested) ? requested : undefined;
	return {
		events: await listAuditEvents(db(), user.organisationId, { action }),
		action: action ?? '',
		actions: AUDIT_ACTIONS
	};
};
