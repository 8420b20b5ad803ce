import { expect } from '@playwright/test';
import { signedIn, test } from './fixtures';

test('search by NHS number finds one patient, whose page shows the patient banner', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	const firstRow = page
		.getByRole('table', { name: 'Patients on the caseload' })
		.locator('tbody tr')
		.first();
	const nhsNumber = (await firstRow.locator('td').first().innerText()).match(
		/\d{3} \d{3} \d{4}/
	)![0];
	expect(nhsNumber).toMatch(/^\d{3} \d{3} \d{4}$/);
	await page.getByLabel('Search by name or NHS number').fill(nhsNumber);
	await page.getByRole('button', { name: 'Search' }).click();
	await expect(page.getByText('1 person matches.')).toBeVisible();
	await page
		.getByRole('table', { name: 'Patients on the caseload' })
		.locator('tbody')
		.getByRole('link')
		.first()
		.click();
	const banner = page.getByRole('region', { name: 'Patient banner' });
	await expect(banner).toContainText(nhsNumber);
	await expect(banner).toContainText('Date of birth');
	await expect(banner).toContainText('Age');
	await page.screenshot({ path: 'tests/e2e/screenshots/patient.png', fullPage: true });
});

test('an NHS number with a wrong check digit is refused, and nothing typed is lost', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	await page.getByRole('link', { name: 'Add patient' }).click();
	await expect(page.getByRole('heading', { name: 'Add a patient to the caseload' })).toBeVisible();
	await page.getByLabel('NHS number', { exact: true }).fill('999 888 7772');
	await page.getByLabel('Given name').fill('Edith');
	await page.getByLabel('Family name').fill('Example');
	await page.getByRole('button', { name: 'Add patient' }).click();
	await expect(page.getByText('the check digit is wrong').first()).toBeVisible();
	await expect(page.getByLabel('Given name')).toHaveValue('Edith');
	await expect(page.getByLabel('NHS number', { exact: true })).toHaveValue('999 888 7772');
});
