import { expect } from '@playwright/test';
import { fitsTheWindow, hydrated, seriousViolations, signedIn, test } from './fixtures';

/** Tomorrow in London, `YYYY-MM-DD`. */
const tomorrow = () =>
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
		new Date(Date.now() + 86_400_000)
	);

test('a coordinator logs a call and books the follow-up after a discharge, seen in their day and calendar', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	await page.locator('table tbody a[href^="/patients/"]').first().click();
	await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
	const tabs = page.getByRole('navigation', { name: 'Patient record' });
	await tabs.getByRole('link', { name: 'Contacts' }).click();
	await hydrated(page);

	await page.getByRole('button', { name: 'Log a contact' }).click();
	await page.getByRole('button', { name: 'Save the contact' }).click();
	await expect(page.getByRole('alert')).toContainText('Summarise the contact');
	await page.getByLabel('With whom').fill('Daughter (Grace)');
	await page.getByLabel('Summary').fill('Home from hospital yesterday; managing stairs with help.');
	await page.getByLabel('Minutes (optional)').fill('15');
	await page.getByRole('button', { name: 'Save the contact' }).click();
	await expect(page.getByRole('status')).toContainText('Contact logged.');
	const log = page.getByRole('list', { name: /^Contacts with / });
	await expect(log).toContainText('Phone call with Daughter (Grace) · 15 minutes · by Priya Shah');

	await page.getByRole('button', { name: 'Arrange an appointment' }).click();
	await page.getByLabel('What is it for').selectOption('discharge_follow_up');
	await page.getByLabel('Date', { exact: true }).fill(tomorrow());
	await page.getByLabel('Time', { exact: true }).fill('10:30');
	await page.getByLabel('With whom').fill('Falls clinic');
	await page.getByLabel('Where').fill('Riverside Community Hospital');
	await page.getByLabel('Transport or access needs (optional)').fill('Hospital transport booked');
	// The day before would be today at 10:30, perhaps already past: refused, everything kept.
	await page.getByLabel('Reminder').selectOption('twoDays');
	await page.getByRole('button', { name: 'Save the appointment' }).click();
	await expect(page.getByRole('alert')).toContainText('The reminder cannot be in the past');
	await expect(page.getByLabel('With whom')).toHaveValue('Falls clinic');
	await page.getByLabel('Reminder').selectOption('hour');
	await page.getByRole('button', { name: 'Save the appointment' }).click();
	await expect(page.getByRole('status')).toContainText('Appointment arranged.');
	const coming = page.getByRole('list', { name: 'Coming up appointments' });
	await expect(coming).toContainText('10:30: Falls clinic');
	await expect(coming).toContainText('Follow-up after hospital discharge');
	await expect(coming).toContainText('Access: Hospital transport booked');
	expect(await seriousViolations(page)).toEqual([]);

	// Before it happens it can only be cancelled: whether they attended is not offered yet.
	await expect(coming.getByLabel(/^Status/).locator('option')).toHaveText(['Booked', 'Cancelled']);

	const calendar = await page.request.get(
		(await coming.getByRole('link', { name: /^Add to calendar/ }).getAttribute('href'))!
	);
	expect(calendar.headers()['content-type']).toContain('text/calendar');
	const ics = await calendar.text();
	expect(ics).toContain('SUMMARY:Follow-up after hospital discharge');
	expect(ics).toContain('TRIGGER:-PT60M');
	expect(ics).toContain('METHOD:PUBLISH');

	await page.getByRole('link', { name: 'Appointments', exact: true }).click();
	await hydrated(page);
	await page.getByRole('link', { name: /^Next day/ }).click();
	const day = page.getByRole('list', { name: /^Appointments on / });
	await expect(day).toContainText('Falls clinic');
	expect(await seriousViolations(page)).toEqual([]);
	await page.setViewportSize({ width: 360, height: 740 });
	await fitsTheWindow(page);
	await page.screenshot({ path: 'tests/e2e/screenshots/appointments-phone.png', fullPage: true });
	await page.goBack();
	await page.goBack();
	await fitsTheWindow(page);

	await page.setViewportSize({ width: 1280, height: 800 });
	await tabs.getByRole('link', { name: 'Timeline' }).click();
	const timeline = page.getByRole('list', { name: /^Timeline of / });
	await expect(timeline).toContainText('Phone call with Daughter (Grace)');
	await expect(timeline).toContainText(
		'Follow-up after hospital discharge arranged with Falls clinic'
	);
});

test('a shared decision and a personal health budget are recorded from the record', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	await page.locator('table tbody a[href^="/patients/"]').nth(1).click();
	await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
	await page
		.getByRole('link', { name: 'Shared decision making and personal health budget' })
		.click();
	await hydrated(page);
	await page.getByRole('button', { name: 'Save the shared decision' }).click();
	await expect(page.getByRole('alert')).toContainText('Enter the decision to be made');
	await page.getByLabel('The decision to be made').fill('Whether to have a knee replacement');
	await page
		.getByLabel('NHS decision support tool shared (optional)')
		.fill('Osteoarthritis of the knee');
	await page.getByRole('button', { name: 'Save the shared decision' }).click();
	await expect(page.getByRole('status')).toContainText('Shared decision recorded.');
	// The form is ready for the next one, its date today again (not emptied).
	await expect(page.getByLabel('Date prepared')).toHaveValue(
		new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date())
	);
	await expect(page.getByLabel('The decision to be made')).toHaveValue('');
	await expect(page.getByRole('list', { name: /^Shared decisions of / })).toContainText(
		'Whether to have a knee replacement'
	);

	await page.getByLabel('Where it stands').selectOption('in_place');
	await page.getByLabel('Amount a year in pounds (optional)').fill('£2,400.50');
	await page.getByRole('button', { name: 'Save the budget' }).click();
	await expect(page.getByRole('status')).toContainText('Personal health budget recorded.');
	await expect(page.getByText('£2,400.50')).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
	await page.setViewportSize({ width: 360, height: 740 });
	await fitsTheWindow(page);
});
