import { redirect } from '@sveltejs/kit';
import { clientIp } from '$lib/server/access';
import { db } from '$lib/server/db';
import { clearSessionCookie } from '$lib/server/session-cookie';
import { signOut } from '$lib/server/sign-in';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		if (locals.session && locals.user) {
			await signOut(db(), {
				sessionId: locals.session.id,
				userId: locals.user.id,
				organisationId: locals.user.organisationId,
				ip: clientIp()
			});
		}
		clearSessionCookie(cookies);
		redirect(303, '/login?signedOut=1');
	}
};
