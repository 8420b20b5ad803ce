import { expect, test, type Page } from '@playwright/test';
import { signedIn } from './fixtures';

const hydrated = (page: Page) =>
	page.waitForFunction(() => document.body.dataset.hydrated === 'true');

/** A weekday a month ahead, as the date input wants it. */
function dateAhead(days: number): string {
	const day = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
	while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
	return day.toISOString().slice(0, 10);
}

test('a coordinator schedules, downloads, edits and cancels a meeting', async ({ page }) => {
	await signedIn(page, 'coordinator@riverside.test');
	await page.goto('/meetings');
	await page.getByRole('link', { name: 'New meeting' }).click();
	await hydrated(page);

	await page.getByLabel('Title').fill('Falls review MDT');
	await page.getByLabel('Date').fill(dateAhead(30));
	await page.getByLabel('Start time').fill('13:00');
	await page.getByLabel('Duration (minutes)').fill('0');
	await page.getByLabel('Chair').selectOption({ label: 'Dr Tom Okafor (GP)' });
	await page.getByRole('checkbox', { name: /Megan Hughes/ }).check();
	await page.getByRole('button', { name: 'Schedule meeting' }).click();

	await expect(page.getByRole('alert')).toContainText('Duration must be between 5 and 480 minutes');
	await expect(page.getByLabel('Title')).toHaveValue('Falls review MDT');
	await expect(page.getByLabel('Start time')).toHaveValue('13:00');
	await expect(page.getByRole('checkbox', { name: /Megan Hughes/ })).toBeChecked();

	await page.getByLabel('Duration (minutes)').fill('45');
	await page.getByRole('button', { name: 'Schedule meeting' }).click();
	await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
	const id = page.url().split('/').pop()!;

	await page.goto('/meetings');
	const upcoming = page.getByRole('table', { name: 'Upcoming' });
	await expect(upcoming.getByRole('row', { name: /Falls review MDT/ })).toContainText('13:00');
	await expect(upcoming.getByRole('row', { name: /Falls review MDT/ })).toContainText('45 min');

	const ics = await page.request.get(`/meetings/${id}/invite.ics`);
	expect(ics.status()).toBe(200);
	expect(ics.headers()['content-type']).toBe('text/calendar; charset=utf-8');
	expect(ics.headers()['content-disposition']).toMatch(
		/^attachment; filename="falls-review-mdt-.*\.ics"$/
	);
	const invite = (await ics.text()).replace(/\r\n /g, '');
	expect(invite).toContain('BEGIN:VCALENDAR');
	expect(invite).toContain('SUMMARY:Falls review MDT');
	expect(invite).toContain('METHOD:REQUEST');
	expect(invite).toContain('ORGANIZER;CN="Dr Tom Okafor":mailto:gp@riverside.test');
	expect(invite).toContain(':mailto:linkworker@riverside.test');

	await page.goto(`/meetings/${id}/edit`);
	await hydrated(page);
	await expect(page.getByLabel('Start time')).toHaveValue('13:00');
	await page.getByLabel('Title').fill('Falls and frailty review MDT');
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page).toHaveURL(new RegExp(`/meetings/${id}$`));

	await page.goto(`/meetings/${id}/edit`);
	await page.getByRole('link', { name: 'Cancel meeting' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(
		'Cancel Falls and frailty review MDT'
	);
	await page.getByRole('button', { name: 'Yes, cancel the meeting' }).click();
	await expect(page.getByRole('alert')).toContainText(
		'Falls and frailty review MDT has been cancelled'
	);
	await expect(
		page
			.getByRole('table', { name: 'Upcoming' })
			.getByRole('row', { name: /Falls and frailty review MDT/ })
	).toContainText('Cancelled');
	expect(await (await page.request.get(`/meetings/${id}/invite.ics`)).text()).toContain(
		'METHOD:CANCEL'
	);
});

test('the minutes of the past MDT show attendance, notes, decisions, actions and coded text', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	await page.goto('/meetings');
	// Past meetings are latest first; the seeded one is the oldest (the room spec may end another).
	await page
		.getByRole('table', { name: 'Past' })
		.getByRole('link', { name: 'Minutes of Riverside frailty MDT' })
		.last()
		.click();
	await hydrated(page);

	await expect(page.getByRole('heading', { level: 1 })).toContainText('Riverside frailty MDT');
	const attendance = page.getByRole('table', { name: 'Attendance' });
	await expect(attendance).toContainText('Priya Shah');
	await expect(attendance).toContainText('Dr Tom Okafor');
	await expect(page.getByText('Two falls at home in March.')).toBeVisible();
	await expect(page.getByText('Refer to falls clinic; OT home assessment')).toBeVisible();
	await expect(page.getByRole('cell', { name: 'Refer to the falls clinic' })).toBeVisible();
	await expect(
		page.getByRole('cell', { name: 'Refer daughter to the carers centre peer support group' })
	).toBeVisible();
	await expect(page.getByText(/^\d{3} \d{3} \d{4}$/).first()).toBeVisible();

	const record = page.getByRole('textbox', { name: /^Clinical record text for / }).first();
	await expect(record).toHaveValue(
		/Multidisciplinary care conference \(procedure\) \[SNOMED CT 384682003\]/
	);
	await expect(record).toHaveValue(/Refer to the falls clinic — owner: Dr Tom Okafor/);
	await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeVisible();

	await page.screenshot({ path: 'tests/e2e/screenshots/minutes.png', fullPage: true });
});

test('a GP sees an overdue action first and marks it done with a note', async ({ page }) => {
	await signedIn(page, 'gp@riverside.test');
	await page.goto('/actions');
	await hydrated(page);
	const actions = page.getByRole('list', { name: 'Your actions' }).getByRole('listitem');
	const card = actions.filter({ hasText: 'Refer to the falls clinic' });
	await expect(card.getByText('Overdue', { exact: true })).toBeVisible();
	await expect(actions.first()).toContainText('Refer to the falls clinic');
	await expect(card.getByRole('link', { name: 'Riverside frailty MDT' })).toBeVisible();

	await card.getByLabel('Status').selectOption({ label: 'Done' });
	await card.getByLabel('Note (optional)').fill('Referral sent to the falls clinic');
	await card.getByRole('button', { name: /^Update/ }).click();
	await expect(page.getByRole('alert')).toContainText('“Refer to the falls clinic” is now done');
	await expect(actions.filter({ hasText: 'Refer to the falls clinic' })).toHaveCount(0);

	await page.getByRole('link', { name: 'All', exact: true }).click();
	const done = actions.filter({ hasText: 'Refer to the falls clinic' });
	await expect(done).toContainText('Done');
	await expect(done).toContainText('Referral sent to the falls clinic');
	await expect(done.getByText('Overdue', { exact: true })).toHaveCount(0);
});

test('a Hillside user gets 404 for a Riverside meeting’s minutes, invite and edit page', async ({
	browser
}) => {
	const riverside = await browser.newPage();
	await signedIn(riverside, 'coordinator@riverside.test');
	await riverside.goto('/meetings');
	const href = await riverside
		.getByRole('table', { name: 'Past' })
		.getByRole('link', { name: 'Riverside frailty MDT' })
		.first()
		.getAttribute('href');
	expect(href).toMatch(/^\/meetings\/[0-9a-f-]{36}$/);
	expect((await riverside.request.get(`${href}/minutes`)).status()).toBe(200);

	const hillside = await browser.newPage();
	await signedIn(hillside, 'coordinator@hillside.test');
	expect((await hillside.request.get(`${href}/minutes`)).status()).toBe(404);
	expect((await hillside.request.get(`${href}/invite.ics`)).status()).toBe(404);
	expect((await hillside.request.get(`${href}/edit`)).status()).toBe(404);
	await riverside.close();
	await hillside.close();
});
