import { expect } from '@playwright/test';
import { signedIn, test } from './fixtures';

test('a Hillside user gets 404 for every Riverside patient, by page and by API', async ({
	browser
}) => {
	const riverside = await browser.newContext();
	const riversidePage = await riverside.newPage();
	await signedIn(riversidePage, 'coordinator@riverside.test');
	const list = await riversidePage.request.get('/api/patients?limit=500');
	expect(list.status()).toBe(200);
	const { patients } = (await list.json()) as { patients: { id: string }[] };
	expect(patients).toHaveLength(80);

	const hillside = await browser.newContext();
	const hillsidePage = await hillside.newPage();
	await signedIn(hillsidePage, 'coordinator@hillside.test');
	const own = await hillsidePage.request.get('/api/patients?limit=500');
	expect(((await own.json()) as { patients: unknown[] }).patients).toHaveLength(20);
	for (const { id } of patients) {
		const api = await hillsidePage.request.get(`/api/patients/${id}`);
		expect(api.status(), `API for ${id}`).toBe(404);
		const pageResponse = await hillsidePage.request.get(`/patients/${id}`);
		expect(pageResponse.status(), `page for ${id}`).toBe(404);
	}
	const response = await hillsidePage.goto(`/patients/${patients[0].id}`);
	expect(response?.status()).toBe(404);
	await expect(hillsidePage.getByRole('heading', { name: 'Page not found' })).toBeVisible();
	await riverside.close();
	await hillside.close();
});

test('the API answers 401 without a session and 400 for a bad limit', async ({ page, request }) => {
	expect((await request.get('/api/patients')).status()).toBe(401);
	expect((await request.get('/api/patients/00000000-0000-0000-0000-000000000000')).status()).toBe(
		401
	);
	await signedIn(page, 'gp@riverside.test');
	const bad = await page.request.get('/api/patients?limit=501');
	expect(bad.status()).toBe(400);
	expect(((await bad.json()) as { message: string }).message).toContain('limit');
	expect((await page.request.get('/api/patients/not-a-uuid')).status()).toBe(404);
	expect((await page.request.get('/healthz')).status()).toBe(200);
});

test('a cross-origin form post is refused', async ({ request }) => {
	const response = await request.post('/login', {
		headers: {
			origin: 'https://evil.example',
			'content-type': 'application/x-www-form-urlencoded'
		},
		data: 'email=gp%40riverside.test&password=demo-password-2026'
	});
	expect(response.status()).toBe(403);
});

test('a control character in the address is refused with 400, page or API, never a 500', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	for (const path of [
		'/api/patients?q=%00',
		'/api/services?q=a%1Bb',
		'/api/referrals?source=%00'
	]) {
		const response = await page.request.get(path);
		expect([path, response.status(), (await response.json()).message]).toEqual([
			path,
			400,
			'The address holds a character that is not allowed'
		]);
	}
	for (const path of ['/caseload?q=%00', '/services?area=%00']) {
		expect((await page.request.get(path)).status(), path).toBe(400);
	}
	// In the browser, a page that says what happened and leads back, not a bare status line.
	await page.goto('/referrals?source=%7F');
	await expect(
		page.getByRole('heading', { name: 'The address holds a character that is not allowed' })
	).toBeVisible();
	await page.getByRole('link', { name: 'Go to the home page' }).click();
	await expect(page).toHaveURL(/\/caseload$/);
});
