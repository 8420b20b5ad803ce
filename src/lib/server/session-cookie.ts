import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './auth';

const LOCAL_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date) {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		expires: expiresAt,
		// Browsers refuse Secure cookies over plain http, which only localhost uses.
		secure: !LOCAL_HOSTS.includes(url.hostname)
	});
}

export function clearSessionCookie(cookies: Cookies) {
	cookies.delete(SESSION_COOKIE, { path: '/' });
}
