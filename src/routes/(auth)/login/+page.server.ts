import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { clientIp } from '$lib/server/access';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import { invalid, parseForm } from '$lib/server/forms';
import { Email } from '$lib/server/validation';
import { setSessionCookie } from '$lib/server/session-cookie';
import { createSignInLimiter, signIn, type SignInLimiter } from '$lib/server/sign-in';
import type { Actions, PageServerLoad } from './$types';

// One per process, made at the first sign-in (not while the build analyses this module), and
// shared with the other processes through Redis when REDIS_URL is set.
let limiter: SignInLimiter | undefined;

const SignInForm = z.object({
	email: Email,
	password: z.string().min(1, 'Enter your password').max(1024)
});

/** The same words whichever limit was reached, so a lock says nothing about the account. */
function lockedMessage(retryAfterMs: number): string {
	const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
	return `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

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
		if (!parsed.ok) return invalid(400, { errors: parsed.errors, values: parsed.values });
		const result = await signIn(
			db(),
			(limiter ??= createSignInLimiter({ redisUrl: config.redisUrl })),
			{ ...parsed.data, ip: clientIp() }
		);
		if (!result.ok) {
			const message =
				result.reason === 'locked'
					? lockedMessage(result.retryAfterMs)
					: 'The email or password is not right. Check them and try again.';
			return invalid(result.reason === 'locked' ? 429 : 400, {
				values: parsed.values,
				message
			});
		}
		setSessionCookie(cookies, url, result.token, result.expiresAt);
		redirect(303, safeNext(url.searchParams.get('next')));
	}
};
