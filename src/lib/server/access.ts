import { error, redirect } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import { can, type Permission } from '../domain/roles';
import type { SessionUser } from './auth';

/**
 * The one authorisation check. Every load, form action and endpoint calls it: it requires a
 * signed-in user (pages redirect to sign-in, the API answers 401) whose role in their
 * organisation grants `permission` (403 otherwise). Data is then read only within
 * `user.organisationId`, so another organisation's records answer 404.
 */
export function authorise(permission: Permission = 'patient:read'): SessionUser {
	const event = getRequestEvent();
	const current = event.locals.user;
	if (!current) {
		if (isApi(event.url.pathname) || event.request.method !== 'GET') {
			error(401, 'Sign in to continue');
		}
		const next = event.url.pathname + event.url.search;
		redirect(303, `/login?next=${encodeURIComponent(next)}`);
	}
	if (!can(current.role, permission)) error(403, 'Your role does not allow this');
	return current;
}

function isApi(pathname: string): boolean {
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
