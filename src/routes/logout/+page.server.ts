import { redirect } from '@sveltejs/kit';
import { recordAudit } from '$lib/server/audit';
import { invalidateSession } from '$lib/server/auth';
import { db } from '$lib/server/db';
import { clearSessionCookie } from '$lib/server/session-cookie';
import { clientIp } from '$lib/server/access';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		if (locals.session && locals.user) {
			await invalidateSession(db(), locals.session.id);
			await recordAudit(db(), {
				action: 'sign_out',
				userId: locals.user.id,
				organisationId: locals.user.organisationId,
				ip: clientIp()
			});
		}
		clearSessionCookie(cookies);
		redirect(303, '/login?signedOut=1');
	}
};
