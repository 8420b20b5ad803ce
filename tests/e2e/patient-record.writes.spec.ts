import { expect, type Page } from '@playwright/test';
import { fitsTheWindow, hydrated, seriousViolations, signedIn, test } from './fixtures';

/** Opens the first patient of the caseload whose name is `name`, on its Record tab. */
async function openPatient(page: Page, name: RegExp) {
	await page.goto('/caseload');
	await page.getByRole('link', { name }).first().click();
	await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
	await hydrated(page);
}

test('a coordinator records communication needs and a carer, and the timeline shows who did what', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	await page.goto('/caseload');
	const firstPatient = page.locator('table a[href^="/patients/"]').first();
	const name = (await firstPatient.textContent())!.trim();
	await firstPatient.click();
	await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
	await hydrated(page);
	const record = page.url();

	await page.getByRole('link', { name: 'Change the record' }).click();
	await hydrated(page);
	expect(await seriousViolations(page)).toEqual([]);
	// A refused save keeps everything typed and ticked.
	await page.getByLabel('Interpreter needed for (optional)').fill('Polish');
	await page.getByLabel('Braille').check();
	await page.getByLabel('Postcode').fill('not a postcode');
	await page.getByRole('button', { name: 'Save the record' }).click();
	await expect(page.getByRole('alert')).toContainText('Enter a real postcode');
	await expect(page.getByLabel('Interpreter needed for (optional)')).toHaveValue('Polish');
	await expect(page.getByLabel('Braille')).toBeChecked();

	await page.getByLabel('Postcode').fill('RV1 4AB');
	await page.getByLabel('Assigned care coordinator').selectOption({ label: 'Priya Shah' });
	await page.getByRole('button', { name: 'Save the record' }).click();
	await expect(page.getByRole('status')).toContainText('Record saved.');
	await expect(page.getByText('Interpreter needed: Polish')).toBeVisible();
	await expect(page.getByText('Braille', { exact: true })).toBeVisible();

	await page.getByRole('link', { name: 'Add a person' }).click();
	await hydrated(page);
	await page.getByRole('button', { name: 'Add this person' }).click();
	await expect(page.getByRole('alert')).toContainText('Enter their name');
	await page.getByLabel('Name', { exact: true }).fill('Grace Example');
	await page.getByLabel('Relationship').fill('Daughter');
	await page.getByLabel('Unpaid carer').check();
	await page.getByRole('button', { name: 'Add this person' }).click();
	await expect(page.getByRole('status')).toContainText('Contacts saved.');
	const contacts = page.getByRole('table', { name: 'Personal contacts' });
	await expect(contacts).toContainText('Grace Example');
	await expect(page.getByText('Has an unpaid carer')).toBeVisible();

	// Removing asks first.
	await page.getByRole('link', { name: 'Change Grace Example' }).click();
	await hydrated(page);
	await page.getByRole('link', { name: 'Remove this person' }).click();
	await expect(
		page.getByRole('heading', { name: /Remove Grace Example from the people important/ })
	).toBeVisible();
	await page.getByRole('button', { name: 'Remove Grace Example' }).click();
	await expect(page.getByRole('status')).toContainText('Contacts saved.');
	await expect(page.getByText('No personal contacts recorded.').or(contacts)).toBeVisible();
	await expect(page.getByText('Grace Example')).toHaveCount(0);

	const tabs = page.getByRole('navigation', { name: 'Patient record' });
	await tabs.getByRole('link', { name: 'Timeline' }).click();
	const timeline = page.getByRole('list', { name: /^Timeline of / });
	await expect(timeline).toContainText('Contact removed: Grace Example (Daughter)');
	await expect(timeline).toContainText('Contact added: Grace Example (Daughter)');
	await expect(timeline).toContainText('Interpreter');
	await expect(timeline).toContainText('by Priya Shah');
	expect(await seriousViolations(page)).toEqual([]);

	for (const tab of ['Actions', 'Meetings']) {
		await tabs.getByRole('link', { name: tab }).click();
		await expect(tabs.getByRole('link', { name: tab })).toHaveAttribute('aria-current', 'page');
		expect(await seriousViolations(page)).toEqual([]);
	}

	await page.goto(record);
	await page.screenshot({ path: 'tests/e2e/screenshots/patient-record.png', fullPage: true });
	await page.goto(record + '/timeline');
	await page.screenshot({ path: 'tests/e2e/screenshots/patient-timeline.png', fullPage: true });

	// At phone width every tab fits the screen.
	await page.setViewportSize({ width: 360, height: 740 });
	for (const path of ['', '/edit', '/actions', '/meetings', '/timeline']) {
		await page.goto(record + path);
		await fitsTheWindow(page);
	}
	await page.goto(record);
	await page.screenshot({ path: 'tests/e2e/screenshots/patient-record-phone.png', fullPage: true });
	expect(name).not.toBe('');
});

test('an observer reads the record but is offered no change, and a forged edit is refused', async ({
	page
}) => {
	await signedIn(page, 'observer@riverside.test');
	await openPatient(page, /, /);
	await expect(page.getByRole('link', { name: 'Change the record' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Add a person' })).toHaveCount(0);
	const edit = await page.request.get(page.url() + '/edit');
	expect(edit.status()).toBe(403);
	const forged = await page.request.post(page.url() + '/people/new?/save', {
		form: { name: 'Forged', relationship: 'None' },
		headers: { origin: new URL(page.url()).origin }
	});
	expect(forged.status()).toBe(403);
});

test('the timeline API answers its own PCN, refuses a bad kind, and another PCN gets 404 everywhere', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	await openPatient(page, /, /);
	const path = new URL(page.url()).pathname;
	const own = await page.request.get(`/api${path}/timeline?kind=record&limit=5`);
	expect(own.status()).toBe(200);
	const { events } = (await own.json()) as { events: { kind: string }[] };
	expect(events.every((e) => e.kind === 'record')).toBe(true);
	const bad = await page.request.get(`/api${path}/timeline?kind=gossip`);
	expect([bad.status(), (await bad.json()).message]).toEqual([
		400,
		'kind must be one of record, referral, action, meeting, measure'
	]);
	await page.context().clearCookies();
	await signedIn(page, 'coordinator@hillside.test');
	for (const suffix of ['', '/edit', '/timeline', '/people/new']) {
		expect((await page.request.get(path + suffix)).status()).toBe(404);
	}
	expect((await page.request.get(`/api${path}/timeline`)).status()).toBe(404);
});
