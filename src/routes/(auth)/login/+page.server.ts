import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { clientIp } from '$lib/server/access';
import { db } from '$lib/server/db';
import { invalid, parseForm } from '$lib/server/forms';
import { Email } from '$lib/server/validation';
import { setSessionCookie } from '$lib/server/session-cookie';
import { createSignInLimiter, signIn } from '$lib/server/sign-in';
import type { Actions, PageServerLoad } from './$types';

const limiter = createSignInLimiter();

const SignInForm = z.object({
	email: Email,
	password: z.string().min(1, 'Enter your password').max(1024)
});

/** Only same-site paths, so that ?next= cannot send anyone elsewhere. */
function safeNext(next: string | null): string {
	return next && next.startsWith('/') && !next.startsWith('//') ? next : '/caseload';
}

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return {
		signedOut: url.searchParams.has('signedOut'),
		passwordChanged: url.searchParams.has('passwordChanged')
	};
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const parsed = parseForm(SignInForm, await request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		const result = await signIn(db(), limiter, { ...parsed.data, ip: clientIp() });
		if (!result.ok) {
			const message =
				result.reason === 'locked'
					? 'Too many failed attempts. Sign-in is locked for 15 minutes.'
					: 'The email or password is not right. Check them and try again.';
			return invalid(result.reason === 'locked' ? 429 : 400, {}, parsed.values, message);
		}
		setSessionCookie(cookies, url, result.token, result.expiresAt);
		redirect(303, safeNext(url.searchParams.get('next')));
	}
};
