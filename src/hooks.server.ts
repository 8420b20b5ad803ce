import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import { error, json, redirect } from '@sveltejs/kit';
import { isApiPath, isPublicRoute, signInRequired } from '$lib/server/access';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth';
import { clearSessionCookie, setSessionCookie } from '$lib/server/session-cookie';
import { db, initAppDatabase } from '$lib/server/db';
import { withoutControlCharacters } from '$lib/domain/line-text';
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

/** The load balancers' health check: it reports on the database alone, within its own bound. */
const HEALTH_PATH = '/healthz';

export const handle: Handle = async ({ event, resolve }) => {
	// No session is read and no setup checked before the health check: either would wait on a
	// database that does not answer, and the check must answer 503 at once when it does not.
	if (event.url.pathname === HEALTH_PATH) return withSecurityHeaders(await resolve(event));

	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.session = null;
	if (token) {
		const result = await validateSessionToken(db(), token);
		if (result) {
			event.locals.user = result.user;
			event.locals.session = result.session;
			if (result.session.renewed)
				setSessionCookie(event.cookies, event.url, token, result.session.expiresAt);
		} else {
			clearSessionCookie(event.cookies);
		}
	}

	// A fresh production database has no users: the only page is the one-time setup.
	if (!setupDone) setupDone = await hasAnyUser(db());
	const path = event.url.pathname;
	if (!setupDone && path !== '/setup' && !path.startsWith('/_app/')) {
		redirect(303, '/setup');
	}

	const response = withSecurityHeaders(await guarded(event, resolve));
	if (event.locals.user) response.headers.set('cache-control', 'private, no-store');
	return response;
};

function withSecurityHeaders(response: Response): Response {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	return response;
}

function hasControlCharacters(params: URLSearchParams): boolean {
	for (const [key, value] of params) {
		if (withoutControlCharacters(key) !== key || withoutControlCharacters(value) !== value) {
			return true;
		}
	}
	return false;
}

/**
 * Default deny: a route that is not public is refused without a session before any of its
 * handlers runs, so a handler that forgot `authorise()` still leaks nothing to the signed out.
 * The API answers every error as JSON, unknown paths included.
 */
async function guarded(event: RequestEvent, resolve: Parameters<Handle>[0]['resolve']) {
	const api = isApiPath(event.url.pathname);
	if (event.route.id === null) {
		if (api) return json({ message: 'Not found' }, { status: 404 });
	} else if (!isPublicRoute(event.route.id) && !event.locals.user) {
		if (api) return json({ message: 'Sign in to continue' }, { status: 401 });
		signInRequired(event);
	}
	// Control characters in the address (a NUL, an escape) are nobody's search: PostgreSQL text
	// cannot even hold a NUL. Refused here once, for every page and API that reads the query.
	if (hasControlCharacters(event.url.searchParams)) {
		const message = 'The address holds a character that is not allowed';
		if (api) return json({ message }, { status: 400 });
		error(400, message);
	}
	// SvelteKit renders an error as HTML when the client prefers it (a browser's address bar,
	// curl): the API answers JSON whatever was asked for.
	if (!api) return resolve(event);
	event.request.headers.set('accept', 'application/json');
	return asJsonError(await resolve(event));
}

/**
 * An API error SvelteKit answered as plain text (a method the route does not have: `405 DELETE
 * method not allowed`) as JSON `{ message }`, its status and `Allow` kept; any other response
 * as it is.
 */
async function asJsonError(response: Response): Promise<Response> {
	const type = response.headers.get('content-type') ?? '';
	if (response.status < 400 || type.includes('application/json')) return response;
	const message = (await response.text()).trim() || response.statusText || 'Request refused';
	const allow = response.headers.get('allow');
	return json({ message }, { status: response.status, headers: allow ? { allow } : {} });
}

export const handleError: HandleServerError = ({ error, status, message }) => {
	if (status >= 500) console.error(error);
	return {
		message: status >= 500 ? 'Something went wrong on our side. Please try again.' : message
	};
};
