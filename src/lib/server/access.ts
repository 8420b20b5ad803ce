import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import { can, type Permission } from '../domain/roles';
import type { SessionUser } from './auth';

/**
 * Routes anyone may open, signed in or not (by SvelteKit route id). Every other route needs a
 * session: hooks.server.ts refuses it before any handler runs (default deny), and each handler
 * still calls `authorise()` for its permission (tests/unit/route-inventory.test.ts checks both).
 */
export const PUBLIC_ROUTES: readonly string[] = [
	'/',
	'/(auth)/login',
	'/(auth)/setup',
	'/healthz',
	'/logout'
];

export function isPublicRoute(routeId: string): boolean {
	return PUBLIC_ROUTES.includes(routeId);
}

/**
 * The one authorisation check. Every load, form action and endpoint calls it: it requires a
 * signed-in user (pages redirect to sign-in, the API answers 401) whose role in their
 * organisation grants `permission` (403 otherwise). Data is then read only within
 * `user.organisationId`, so another organisation's records answer 404.
 */
export function authorise(permission: Permission = 'patient:read'): SessionUser {
	const event = getRequestEvent();
	const current = event.locals.user;
	if (!current) signInRequired(event);
	if (!can(current.role, permission)) error(403, 'Your role does not allow this');
	return current;
}

/** Refuses a request without a session: 401 for the API and for writes, else sign in first. */
export function signInRequired(event: RequestEvent): never {
	if (isApiPath(event.url.pathname) || event.request.method !== 'GET') {
		error(401, 'Sign in to continue');
	}
	const next = event.url.pathname + event.url.search;
	redirect(303, `/login?next=${encodeURIComponent(next)}`);
}

export function isApiPath(pathname: string): boolean {
	return pathname === '/api' || pathname.startsWith('/api/');
}

/** The client's address, for the audit trail and sign-in limits. */
export function clientIp(): string {
	const event = getRequestEvent();
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}
