import { expect } from '@playwright/test';
import { hydrated, signedIn, signIn, test } from './fixtures';

test('an admin adds a user, who signs in, and then deactivates them', async ({ browser }) => {
	const adminContext = await browser.newContext();
	const admin = await adminContext.newPage();
	await signedIn(admin, 'admin@riverside.test');
	await admin.getByRole('link', { name: 'Users' }).click();
	await hydrated(admin);
	await admin.getByLabel('Full name').fill('Nadia Rahman');
	await admin.getByLabel('Email').fill('nadia@riverside.test');
	await admin.getByLabel('Role', { exact: true }).selectOption('pharmacist');
	await admin.getByLabel('Temporary password').fill('temporary-password-1');
	await admin.getByRole('button', { name: 'Add user' }).click();
	await expect(admin.getByText('Added nadia@riverside.test')).toBeVisible();

	const nadiaContext = await browser.newContext();
	const nadia = await nadiaContext.newPage();
	await signIn(nadia, 'nadia@riverside.test', 'temporary-password-1');
	await expect(nadia).toHaveURL(/\/caseload/);

	admin.once('dialog', (dialog) => dialog.accept());
	await admin.getByRole('button', { name: 'Deactivate Nadia Rahman' }).click();
	await expect(admin.getByRole('row', { name: /Nadia Rahman/ })).toContainText('Deactivated');
	await nadia.goto('/caseload');
	await expect(nadia).toHaveURL(/\/login/);

	await admin.getByRole('link', { name: 'Audit trail' }).click();
	await expect(admin.getByRole('table', { name: 'Audit events' })).toContainText('sign in');
	await adminContext.close();
	await nadiaContext.close();
});

test('a coordinator cannot open the admin pages', async ({ page }) => {
	await signedIn(page, 'coordinator@riverside.test');
	const response = await page.goto('/admin/users');
	expect(response?.status()).toBe(403);
});
