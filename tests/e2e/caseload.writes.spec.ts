import { expect } from '@playwright/test';
import { fitsTheWindow, hydrated, seriousViolations, signedIn, test } from './fixtures';

test('the whole PCN filtered by risk and sorted, kept in the URL; a person discharged and added back', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	await page
		.getByRole('navigation', { name: 'Caseload views' })
		.getByRole('link', {
			name: 'Whole PCN'
		})
		.click();
	await hydrated(page);
	await page.getByText('Filter the list').click();
	await page.getByLabel('Moderate or severe frailty').check();
	await page.getByRole('button', { name: 'Apply filters' }).click();
	await expect(page).toHaveURL(/scope=pcn.*risk=frailty/);
	const table = page.getByRole('table', { name: 'Patients on the caseload' });
	const frailty = table.locator('tbody tr td:nth-child(5)');
	for (const text of await frailty.allInnerTexts()) expect(text).toMatch(/Moderate|Severe/);

	await table.getByRole('link', { name: /^Age/ }).click();
	await expect(page).toHaveURL(/sort=age/);
	await expect(table.getByRole('columnheader', { name: /^Age/ })).toHaveAttribute(
		'aria-sort',
		'ascending'
	);
	const ages = (await table.locator('tbody tr td:nth-child(2)').allInnerTexts()).map((t) =>
		Number(t.replace(/\D/g, ''))
	);
	expect(ages).toEqual([...ages].sort((a, b) => a - b));
	// The URL is the view: reloading keeps filter and sort.
	await page.reload();
	await expect(page.getByLabel('Moderate or severe frailty')).toBeChecked();
	await expect(table.getByRole('columnheader', { name: /^Age/ })).toHaveAttribute(
		'aria-sort',
		'ascending'
	);
	expect(await seriousViolations(page)).toEqual([]);

	// Discharge the first person, with a reason, and add them back.
	const first = table.locator('tbody tr').first().getByRole('link').first();
	const name = (await first.innerText()).trim();
	await first.click();
	await hydrated(page);
	await page.getByRole('link', { name: 'Discharge', exact: true }).click();
	await hydrated(page);
	await page.getByRole('button', { name: 'Discharge from the caseload' }).click();
	await expect(page.getByRole('alert')).toContainText('Choose why they are leaving the caseload');
	await page.getByLabel('Goals met').check();
	await page.getByRole('button', { name: 'Discharge from the caseload' }).click();
	await expect(page.getByRole('status')).toContainText('Caseload saved.');
	await expect(page.getByText(/^Discharged \d/)).toBeVisible();
	await page.getByRole('link', { name: 'Add to caseload', exact: true }).click();
	await hydrated(page);
	// Proactively identified unless the coordinator says otherwise.
	await expect(page.getByLabel('Proactively identified', { exact: true })).toBeChecked();
	await page.getByLabel('Accepted from a referral', { exact: true }).check();
	await page.getByRole('button', { name: 'Add to the caseload' }).click();
	await expect(page.getByText(/^On the caseload since/)).toBeVisible();
	await expect(page.getByText('Accepted from a referral', { exact: true })).toBeVisible();
	const tabs = page.getByRole('navigation', { name: 'Patient record' });
	await tabs.getByRole('link', { name: 'Timeline' }).click();
	const timeline = page.getByRole('list', { name: /^Timeline of / });
	await expect(timeline).toContainText('Discharged from the caseload');
	await expect(timeline).toContainText('Goals met');
	expect(name).not.toBe('');
});

test('the proactive identification list adds a person to the caseload and to an MDT agenda', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	await page.getByRole('link', { name: 'Proactive identification' }).click();
	await hydrated(page);
	await expect(page.getByRole('heading', { name: 'Proactive identification' })).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
	const people = page.getByRole('list', { name: 'People to consider' }).getByRole('listitem');
	const count = await people.count();
	expect(count).toBeGreaterThan(1);
	// Each person shows why.
	await expect(people.first().locator('.nhsuk-tag--orange').first()).toBeVisible();

	const first = people.first();
	const name = (await first.getByRole('heading').innerText()).trim();
	await first.getByRole('button', { name: /^Add to caseload/ }).click();
	await expect(page.getByRole('status')).toContainText('Added to the caseload.');
	await expect(page.getByRole('heading', { name })).toHaveCount(0);

	const next = people.first();
	const nextName = (await next.getByRole('heading').innerText()).trim();
	await next.getByRole('button', { name: /^Add to agenda/ }).click();
	await expect(page.getByRole('status')).toContainText('Added to the agenda.');
	// Adding them again to the same meeting is refused, and says why.
	await page
		.getByRole('list', { name: 'People to consider' })
		.getByRole('listitem')
		.filter({ has: page.getByRole('heading', { name: nextName }) })
		.getByRole('button', { name: /^Add to agenda/ })
		.click();
	await expect(page.getByRole('alert')).toContainText('already on that meeting’s agenda');

	await page.setViewportSize({ width: 360, height: 740 });
	for (const path of ['/caseload/proactive', '/caseload?scope=pcn', '/caseload?scope=mine']) {
		await page.goto(path);
		await fitsTheWindow(page);
	}
	await page.goto('/caseload?scope=pcn');
	await page.screenshot({ path: 'tests/e2e/screenshots/caseload-phone.png', fullPage: false });
});

test('someone discharged as having died shows so on the banner, and nothing new is booked for them', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	// The last of the coordinator's own caseload by name: no other spec uses them.
	await page.goto('/caseload?scope=mine&sort=name&dir=desc');
	await page.locator('table tbody a[href^="/patients/"]').first().click();
	await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
	await hydrated(page);
	await page.getByRole('link', { name: 'Discharge', exact: true }).click();
	await hydrated(page);
	await page.getByLabel('Died').check();
	await page.getByRole('button', { name: 'Discharge from the caseload' }).click();
	await expect(page.getByRole('status')).toContainText('Caseload saved.');
	await expect(page.getByRole('region', { name: 'Patient banner' })).toContainText('Died');
	await expect(page.getByText(/^Discharged .*: died$/)).toBeVisible();
	await expect(page.getByRole('link', { name: 'Add to caseload', exact: true })).toHaveCount(0);

	const tabs = page.getByRole('navigation', { name: 'Patient record' });
	await tabs.getByRole('link', { name: 'Contacts' }).click();
	await hydrated(page);
	await page.getByRole('button', { name: 'Arrange an appointment' }).click();
	const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
		new Date(Date.now() + 86_400_000)
	);
	await page.getByLabel('Date', { exact: true }).fill(tomorrow);
	await page.getByLabel('Time', { exact: true }).fill('11:00');
	await page.getByLabel('With whom').fill('GP');
	await page.getByLabel('Where').fill('Surgery');
	await page.getByLabel('Reminder').selectOption('none');
	await page.getByRole('button', { name: 'Save the appointment' }).click();
	await expect(page.getByRole('alert')).toContainText('Recorded as having died');
	// The summary's link leads to the field it is about.
	await page.getByRole('alert').getByRole('link').first().click();
	await expect(page.getByLabel('Date', { exact: true })).toBeFocused();
});
