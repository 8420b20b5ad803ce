import { expect } from '@playwright/test';
import { hydrated, signedIn, test } from './fixtures';

// Runs after the read-only specs (see playwright.config.ts), which count the seeded caseload.
test('a valid new patient is added and opens with its banner', async ({ page }) => {
	await signedIn(page, 'coordinator@riverside.test');
	await page.goto('/patients/new');
	await hydrated(page);
	await page.getByLabel('NHS number', { exact: true }).fill('999 888 7771');
	await page.getByLabel('Given name').fill('Edith');
	await page.getByLabel('Family name').fill('Example');
	await page.getByLabel('Date of birth').fill('1938-05-14');
	await page.getByLabel('Sex').selectOption('female');
	await page.getByLabel('Practice').selectOption({ index: 1 });
	await page.getByLabel('Postcode').fill('RV1 4AB');
	await page.getByLabel('eFI deficit count (optional)').fill('14');
	await page.getByRole('button', { name: 'Add patient' }).click();
	await expect(page.getByRole('region', { name: 'Patient banner' })).toContainText('999 888 7771');
	await expect(page.getByText('Severe frailty')).toBeVisible();
});
