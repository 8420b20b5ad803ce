import { expect } from '@playwright/test';
import { signedIn, test } from './fixtures';

const HTML = { accept: 'text/html' };

test('signed out, every app page asks to sign in first and every API answers 401 JSON', async ({
	request
}) => {
	for (const path of ['/caseload', '/meetings', '/actions', '/admin/users', '/account']) {
		const response = await request.get(path, { maxRedirects: 0, headers: HTML });
		expect(response.status(), path).toBe(303);
		expect(response.headers().location, path).toBe(`/login?next=${encodeURIComponent(path)}`);
	}
	for (const path of ['/api/patients', '/api/meetings/00000000-0000-4000-8000-000000000000']) {
		const response = await request.get(path, { headers: HTML });
		expect(response.status(), path).toBe(401);
		expect(await response.json(), path).toEqual({ message: 'Sign in to continue' });
	}
	const post = await request.post('/api/documents/x/versions', { data: { label: 'x' } });
	expect(post.status()).toBe(401);
});

test('the API answers JSON errors whatever the client prefers, unknown paths included', async ({
	page
}) => {
	await signedIn(page, 'gp@riverside.test');
	const unknown = await page.request.get('/api/no-such-thing', { headers: HTML });
	expect(unknown.status()).toBe(404);
	expect(await unknown.json()).toEqual({ message: 'Not found' });
	const missing = await page.request.get('/api/patients/not-a-uuid', { headers: HTML });
	expect(missing.status()).toBe(404);
	expect(missing.headers()['content-type']).toContain('application/json');
	expect(await missing.json()).toEqual({ message: 'Patient not found' });
	// A method the route does not have: JSON too, with what it does allow.
	const wrongMethod = await page.request.delete('/api/referrals', { headers: HTML });
	expect(wrongMethod.status()).toBe(405);
	expect(wrongMethod.headers()['allow']).toContain('GET');
	expect(await wrongMethod.json()).toEqual({ message: expect.stringMatching(/DELETE/) });
	const badLimit = await page.request.get('/api/referrals?limit=1e2', { headers: HTML });
	expect(badLimit.status()).toBe(400);
	expect(await badLimit.json()).toEqual({ message: 'limit must be a whole number from 1 to 500' });
	// Pages still answer pages.
	const page404 = await page.request.get('/no-such-page', { headers: HTML });
	expect(page404.status()).toBe(404);
	expect(page404.headers()['content-type']).toContain('text/html');
});
