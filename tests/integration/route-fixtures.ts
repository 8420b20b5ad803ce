/**
 * Calling a route's own handler (a load, a form action, an endpoint) in a test, as a signed-in
 * request would reach it. A test file mocks `$app/server` and the database module with these:
 *
 *   vi.mock('$app/server', async () => (await import('./route-fixtures')).appServer);
 *   vi.mock(import('../../src/lib/server/db'), async (original) => ({
 *     ...(await original()),
 *     db: (await import('./route-fixtures')).routeDb
 *   }));
 *
 * then imports the route (`await import(...)`) and says who asks, against which database, with
 * `asking(db, user)`.
 */
import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import type { SessionUser } from '../../src/lib/server/auth';
import type { Db } from '../../src/lib/server/db';

const current = {
	db: undefined as Db | undefined,
	user: null as SessionUser | null,
	url: new URL('http://localhost/')
};

/** The request event `authorise()` and `clientIp()` read. */
export const appServer = {
	getRequestEvent: () => ({
		locals: { user: current.user },
		url: current.url,
		request: new Request(current.url),
		getClientAddress: () => '127.0.0.1'
	})
};

/** The database the route's `db()` answers. */
export function routeDb(): Db {
	if (!current.db) throw new Error('asking() first');
	return current.db;
}

/** Who the next handler call is from (null: no session), on `db`, at `url`. */
export function asking(db: Db, user: SessionUser | null, url = 'http://localhost/'): URL {
	current.db = db;
	current.user = user;
	current.url = new URL(url);
	return current.url;
}

/** A form post's request, as a browser sends it. */
export function formPost(fields: Record<string, string>): Request {
	const body = new FormData();
	for (const [key, value] of Object.entries(fields)) body.append(key, value);
	return new Request(current.url, { method: 'POST', body });
}

/** What a handler answered: its value, a form failure, a redirect, or an HTTP error status. */
export async function outcome(
	run: () => unknown
): Promise<
	| { kind: 'ok'; value: unknown }
	| { kind: 'failure'; status: number; data: Record<string, unknown> }
	| { kind: 'redirect'; status: number; location: string }
	| { kind: 'error'; status: number; message: string }
> {
	try {
		const value = await run();
		if (isActionFailure(value)) {
			return {
				kind: 'failure',
				status: value.status,
				data: (value.data ?? {}) as Record<string, unknown>
			};
		}
		return { kind: 'ok', value };
	} catch (e) {
		if (isRedirect(e)) return { kind: 'redirect', status: e.status, location: e.location };
		if (isHttpError(e)) return { kind: 'error', status: e.status, message: e.body.message };
		throw e;
	}
}
