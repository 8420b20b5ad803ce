import { readFile } from 'node:fs/promises';
import { expect } from '@playwright/test';
import { hydrated, seriousViolations, signedIn, test } from './fixtures';

test('a coordinator downloads a person’s record as a FHIR R4 bundle from the Record tab', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	await page.locator('table tbody a[href^="/patients/"]').first().click();
	await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
	await hydrated(page);
	const patientId = new URL(page.url()).pathname.split('/')[2];

	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download FHIR record', exact: true }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toBe(`patient-${patientId}-fhir.json`);
	const bundle = JSON.parse(await readFile((await download.path())!, 'utf8'));
	expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
	const patient = bundle.entry.find(
		(e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Patient'
	).resource;
	expect(patient.identifier[0].system).toBe('https://fhir.nhs.uk/Id/nhs-number');

	const response = await page.request.get(`/api/patients/${patientId}/fhir`);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toMatch(/^application\/fhir\+json/);
});

test('an observer is offered no download and the API refuses them', async ({ page }) => {
	await signedIn(page, 'observer@riverside.test');
	await page.locator('table tbody a[href^="/patients/"]').first().click();
	await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
	await hydrated(page);
	await expect(page.getByRole('heading', { name: 'Record', exact: true })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Download FHIR record' })).toHaveCount(0);
	const patientId = new URL(page.url()).pathname.split('/')[2];
	expect((await page.request.get(`/api/patients/${patientId}/fhir`)).status()).toBe(403);
});

test('a logged contact offers its text for the clinical record, uncoded as no code is verified', async ({
	page,
	context
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await signedIn(page, 'coordinator@riverside.test');
	await page.locator('table tbody a[href^="/patients/"]').nth(1).click();
	await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
	const tabs = page.getByRole('navigation', { name: 'Patient record' });
	await tabs.getByRole('link', { name: 'Contacts' }).click();
	await hydrated(page);

	await page.getByRole('button', { name: 'Log a contact' }).click();
	await page.getByLabel('With whom').fill('Son (Marek)');
	await page.getByLabel('Summary').fill('Talked through the falls clinic letter.');
	await page.getByRole('button', { name: 'Save the contact' }).click();
	await expect(page.getByRole('status')).toContainText('Contact logged.');

	const entry = page
		.getByRole('list', { name: /^Contacts with / })
		.getByRole('listitem')
		.filter({ hasText: 'Son (Marek)' });
	await entry.getByText('Copy to clinical record').click();
	const text = entry.getByRole('textbox', { name: /^Clinical record text for the phone call of / });
	await expect(text).toHaveValue(
		/^Care coordination contact: phone call \(no verified SNOMED CT code\) — /
	);
	await expect(text).toHaveValue(
		/With: Son \(Marek\)\nSummary: Talked through the falls clinic letter\.\nRecorded by: Priya Shah$/
	);
	await entry
		.getByRole('button', { name: /^Copy clinical record text for the phone call of / })
		.click();
	await expect(entry.getByText(/Copied|press Ctrl\+C/)).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
});
