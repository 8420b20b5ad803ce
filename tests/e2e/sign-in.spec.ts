import { expect } from '@playwright/test';
import { hydrated, signedIn, signIn, test } from './fixtures';

test('the Riverside coordinator signs in to their own caseload; the whole PCN has 80 patients', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	await expect(page.getByRole('heading', { name: 'Caseload' })).toBeVisible();
	const views = page.getByRole('navigation', { name: 'Caseload views' });
	await expect(views.getByRole('link', { name: 'My caseload' })).toHaveAttribute(
		'aria-current',
		'page'
	);
	const table = page.getByRole('table', { name: 'Patients on the caseload' });
	const mine = table.locator('tbody tr');
	await expect(mine.first()).toContainText('Priya Shah');
	expect(await mine.count()).toBeGreaterThan(0);
	for (const coordinator of await mine.locator('td').nth(3).allInnerTexts()) {
		expect(coordinator).toContain('Priya Shah');
	}
	await page.screenshot({ path: 'tests/e2e/screenshots/caseload.png', fullPage: false });

	await views.getByRole('link', { name: 'Whole PCN' }).click();
	await expect(page.getByText('80 people.')).toBeVisible();
	await expect(table.locator('tbody tr')).toHaveCount(50);
	await expect(page.getByRole('link', { name: /Next.*Page 2 of 2/ })).toBeVisible();
});

test('a wrong password and an unknown email get the same message', async ({ page }) => {
	await signIn(page, 'gp@riverside.test', 'not-the-password');
	const message = page.getByRole('alert');
	await expect(message).toContainText('The email or password is not right');
	const wrongPassword = await message.textContent();
	await signIn(page, 'nobody@riverside.test', 'not-the-password');
	await expect(page.getByRole('alert')).toHaveText(wrongPassword!);
	await expect(page.getByLabel('Email')).toHaveValue('nobody@riverside.test');
});

test('an empty form re-renders with a message for each field', async ({ page }) => {
	await page.goto('/login');
	await hydrated(page);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByText('Enter an email address', { exact: false }).first()).toBeVisible();
	await expect(page.getByText('Enter your password').first()).toBeVisible();
});

test('the session cookie is HttpOnly and SameSite=Lax, and sign-out ends it', async ({
	page,
	context
}) => {
	await signedIn(page, 'gp@riverside.test');
	const cookie = (await context.cookies()).find((c) => c.name.includes('session'));
	expect(cookie?.httpOnly).toBe(true);
	expect(cookie?.sameSite).toBe('Lax');
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByText('You have signed out')).toBeVisible();
	const response = await page.request.get('/api/patients');
	expect(response.status()).toBe(401);
	await page.goto('/caseload');
	await expect(page).toHaveURL(/\/login\?next=%2Fcaseload/);
});

test('pages carry the security headers', async ({ page }) => {
	const response = await page.goto('/login');
	const headers = response!.headers();
	expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(headers['content-security-policy']).not.toContain('unsafe-eval');
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBeTruthy();
});
