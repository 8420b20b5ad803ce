import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { redirect } from '@sveltejs/kit';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth';
import { clearSessionCookie, setSessionCookie } from '$lib/server/session-cookie';
import { db, initAppDatabase } from '$lib/server/db';
import { hasAnyUser } from '$lib/server/users';

export const init: ServerInit = async () => {
	await initAppDatabase();
};

const SECURITY_HEADERS: Record<string, string> = {
	'referrer-policy': 'same-origin',
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	'permissions-policy': 'camera=(), microphone=(), geolocation=()',
	'cross-origin-opener-policy': 'same-origin'
};

let setupDone = false;

export const handle: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.session = null;
	if (token) {
		const result = await validateSessionToken(db(), token);
		if (result) {
			event.locals.user = result.user;
			event.locals.session = result.session;
			if (result.session.renewed) setSessionCookie(event.cookies, event.url, token, result.session.expiresAt);
		} else {
			clearSessionCookie(event.cookies);
		}
	}

	// A fresh production database has no users: the only page is the one-time setup.
	if (!setupDone) setupDone = await hasAnyUser(db());
	const path = event.url.pathname;
	if (!setupDone && path !== '/setup' && path !== '/healthz' && !path.startsWith('/_app/')) {
		redirect(303, '/setup');
	}

	const response = await resolve(event);
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	if (event.locals.user) response.headers.set('cache-control', 'private, no-store');
	return response;
};

export const handleError: HandleServerError = ({ error, status, message }) => {
	if (status >= 500) console.error(error);
	return { message: status >= 500 ? 'Something went wrong on our side. Please try again.' : message };
};
