import { expect, type Page } from '@playwright/test';
import { formatDate } from '../../src/lib/domain/age';
import { fitsTheWindow, hydrated, seriousViolations, signedIn, test } from './fixtures';

// A Riverside demo patient who is fit, so on nobody's caseload and referred to no service
// (src/lib/server/demo/seed.ts, services.ts).
const PAUL = { nhsNumber: '9990000220', name: 'EVANS, Paul' };
const BEFRIENDING = 'Riverside Befriending Circle';

/** `days` calendar days after today in England, as `YYYY-MM-DD`. */
function daysFromToday(days: number): string {
	const day = new Date(Date.now() + days * 86_400_000);
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(day);
}

/** Opens Paul's record through the caseload search; returns his record's path. */
async function openPaul(page: Page): Promise<string> {
	await page.goto(`/caseload?scope=pcn&q=${PAUL.nhsNumber}`);
	await page
		.getByRole('link', { name: new RegExp(PAUL.name) })
		.first()
		.click();
	await expect(page.getByRole('region', { name: 'Patient banner' })).toContainText('999 000 0220');
	return new URL(page.url()).pathname;
}

test('a coordinator refers a person to a befriending service from their record, then records that they attended', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	const record = await openPaul(page);
	await page.goto(`${record}/social-prescribing`);
	await expect(
		page.getByRole('heading', { level: 2, name: 'Social prescribing for Paul' })
	).toBeVisible();
	await expect(
		page.getByText('Paul has not been referred to a community service yet.')
	).toBeVisible();
	await hydrated(page);
	expect(await seriousViolations(page)).toEqual([]);

	// Refused whole: no service chosen, a date in the future; what was typed is kept.
	await page.getByLabel('Reason for the referral').fill('Lives alone since his wife died');
	await page.getByLabel('Date sent').fill(daysFromToday(3));
	await page.getByRole('button', { name: 'Save referral', exact: true }).click();
	const summary = page.getByRole('alert');
	await expect(summary).toContainText('There is a problem');
	await expect(summary).toContainText('Choose a service');
	await expect(summary).toContainText('The date sent cannot be in the future');
	await expect(page.getByLabel('Reason for the referral')).toHaveValue(
		'Lives alone since his wife died'
	);
	expect(await seriousViolations(page)).toEqual([]);

	// Services are grouped by kind.
	const service = page.getByLabel('Service', { exact: true });
	await expect(service.locator('optgroup[label="Befriending"] option')).toContainText([
		BEFRIENDING
	]);
	await service.selectOption({ label: `${BEFRIENDING} (Riverside and Bridge Street)` });
	await page.getByLabel('Date sent').fill(daysFromToday(0));
	await page.getByRole('button', { name: 'Save referral', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText(/Referral to the service recorded/);
	const card = page.getByTestId('service-referral').filter({ hasText: BEFRIENDING });
	await expect(card).toContainText('Sent');
	await expect(card).toContainText('Lives alone since his wife died');
	await expect(card.getByTestId('service-referral-outcome')).toHaveText('Not recorded yet');

	// Later: he went, and liked it. Each referral's controls name the referral they are for.
	await page.reload();
	await hydrated(page);
	const which = `${BEFRIENDING}, sent ${formatDate(daysFromToday(0))}`;
	await page.getByText(`Update status and outcome: ${which}`, { exact: true }).click();
	await page.getByRole('combobox', { name: `Status of ${which}`, exact: true }).selectOption({
		label: 'Attended'
	});
	await page
		.getByRole('textbox', { name: `Outcome and feedback for ${which}`, exact: true })
		.fill('Volunteer visits on Thursdays; Paul says he looks forward to it');
	await page.getByRole('button', { name: `Save update to ${which}`, exact: true }).click();
	await expect(page.getByRole('status')).toHaveText(/Referral updated/);
	await page.reload();
	await expect(card).toContainText('Attended');
	await expect(card.getByTestId('service-referral-outcome')).toHaveText(
		'Volunteer visits on Thursdays; Paul says he looks forward to it'
	);

	// The service's page counts him among those who attended.
	await card.getByRole('link', { name: BEFRIENDING, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: BEFRIENDING })).toBeVisible();
	const counts = page.getByRole('table', { name: 'People referred' });
	await expect(counts.getByRole('row', { name: /^Attended \d+$/ })).toBeVisible();
	await hydrated(page);
	expect(await seriousViolations(page)).toEqual([]);
});

test('closing a referral needs its outcome: refused with the error beside the field', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	const record = await openPaul(page);
	await page.goto(`${record}/social-prescribing`);
	await hydrated(page);
	await page
		.getByLabel('Service', { exact: true })
		.selectOption({ label: 'Parkside Walking Group (Riverside Park)' });
	await page.getByLabel('Reason for the referral').fill('Wants to get fitter');
	await page.getByRole('button', { name: 'Save referral', exact: true }).click();
	const card = page.getByTestId('service-referral').filter({ hasText: 'Parkside Walking Group' });
	await expect(card).toBeVisible();
	await card.getByText('Update status and outcome').click();
	await card.getByRole('combobox', { name: /^Status/ }).selectOption('closed');
	await card.getByRole('button', { name: /^Save update/ }).click();
	await expect(page.getByRole('alert')).toContainText('Enter the outcome before closing it');
	await expect(card.getByRole('combobox', { name: /^Status/ })).toHaveValue('closed');
	await page.getByRole('alert').getByRole('link').click();
	await expect(card.getByRole('textbox', { name: /^Outcome and feedback/ })).toBeFocused();
	expect(await seriousViolations(page)).toEqual([]);
});

test('the directory filters by kind of service, and a service is added, checked and given feedback', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	await page.getByRole('link', { name: 'Services', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Services' })).toBeVisible();
	await hydrated(page);
	expect(await seriousViolations(page)).toEqual([]);
	await page.getByLabel('Kind of service').selectOption({ label: 'Physical activity' });
	await page.getByRole('button', { name: 'Apply filters', exact: true }).click();
	await expect(page).toHaveURL(/category=physical_activity/);
	const services = page.getByRole('list', { name: 'Services' });
	await expect(services.getByRole('heading')).toHaveText([
		'Parkside Walking Group',
		'Steady Steps Strength and Balance'
	]);
	await expect(page.getByText('2 services match these filters.')).toBeVisible();

	await page.getByRole('link', { name: 'Add a service', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Add a service' })).toBeVisible();
	await hydrated(page);
	expect(await seriousViolations(page)).toEqual([]);
	await page.getByLabel('Name of the service').fill('Chair Yoga at St Mark’s');
	await page.getByLabel('Date these details were last checked (optional)').fill(daysFromToday(5));
	await page.getByRole('button', { name: 'Save service', exact: true }).click();
	const summary = page.getByRole('alert');
	await expect(summary).toContainText('Choose the kind of service');
	await expect(summary).toContainText('Enter how to contact the service');
	await expect(summary).toContainText('The date last checked cannot be in the future');
	await expect(page.getByLabel('Name of the service')).toHaveValue('Chair Yoga at St Mark’s');
	expect(await seriousViolations(page)).toEqual([]);

	await page.getByLabel('Kind of service').selectOption({ label: 'Physical activity' });
	await page.getByLabel('Contact', { exact: true }).fill('01632 960777');
	await page.getByLabel('Area it serves').fill('St Mark’s Church Hall');
	await page.getByLabel('Date these details were last checked (optional)').fill(daysFromToday(0));
	await page.getByRole('button', { name: 'Save service', exact: true }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Chair Yoga at St Mark’s' })
	).toBeVisible();
	await expect(page.getByRole('status')).toHaveText(/Service added/);
	await expect(page.getByText('Nobody has been referred to this service yet.')).toBeVisible();
	await hydrated(page);
	expect(await seriousViolations(page)).toEqual([]);

	await page.getByLabel('What is it about?').selectOption({ label: 'Capacity or waiting time' });
	await page.getByLabel('What the service said').fill('Full until September: 10 places a week');
	await page.getByRole('button', { name: 'Record feedback', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText(/Feedback recorded/);
	await expect(page.getByRole('list', { name: 'Feedback from the service' })).toContainText(
		'Full until September: 10 places a week'
	);

	await page.getByRole('link', { name: 'Edit this service', exact: true }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Edit Chair Yoga at St Mark’s' })
	).toBeVisible();
	await hydrated(page);
	expect(await seriousViolations(page)).toEqual([]);
	await page.getByLabel('Capacity or waiting time (optional)').fill('Waiting list: 8 weeks');
	await page.getByRole('button', { name: 'Save changes', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText(/Changes saved/);
	await expect(page.getByText('Waiting list: 8 weeks')).toBeVisible();
});

test('observers read the directory and a person’s referrals but change nothing; another PCN finds none of it', async ({
	page,
	browser
}) => {
	await signedIn(page, 'observer@riverside.test');
	await page.goto('/services');
	await expect(page.getByRole('heading', { level: 1, name: 'Services' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Add a service' })).toHaveCount(0);
	await page.getByRole('link', { name: BEFRIENDING, exact: true }).click();
	await expect(page.getByRole('link', { name: 'Edit this service' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Record feedback' })).toHaveCount(0);
	expect((await page.goto('/services/new'))?.status()).toBe(403);
	// Another PCN's service is not found, its page nor its edit form.
	const riversideService = await page.request.get(`/api/services?q=${BEFRIENDING}`);
	const [{ id }] = (await riversideService.json()).services;
	const hillside = await browser.newPage();
	await signedIn(hillside, 'coordinator@hillside.test');
	expect((await hillside.goto(`/services/${id}`))?.status()).toBe(404);
	expect((await hillside.goto(`/services/${id}/edit`))?.status()).toBe(404);
	await hillside.close();
	const record = await openPaul(page);
	await page.goto(`${record}/social-prescribing`);
	await expect(page.getByRole('button', { name: 'Save referral' })).toHaveCount(0);
	await expect(page.getByText('Update status and outcome')).toHaveCount(0);
});

test('the services pages fit a phone: no sideways scrolling at 360 px', async ({ page }) => {
	await signedIn(page, 'coordinator@riverside.test');
	await page.setViewportSize({ width: 360, height: 800 });
	await page.goto('/services?inactive=true');
	await expect(page.getByRole('list', { name: 'Services' })).toBeVisible();
	await fitsTheWindow(page);
	await page.screenshot({ path: 'tests/e2e/screenshots/services-phone.png' });
	await page
		.getByRole('list', { name: 'Services' })
		.getByRole('listitem')
		.nth(4)
		.screenshot({ path: 'tests/e2e/screenshots/services-card-phone.png' });
	await page.goto('/services/new');
	await fitsTheWindow(page);
	await page.goto('/services?q=Money');
	await page.getByRole('link', { name: 'Money Matters Advice Riverside', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Feedback from the service' })).toBeVisible();
	await fitsTheWindow(page);
	await page.screenshot({ path: 'tests/e2e/screenshots/service-phone.png', fullPage: true });
	await page.getByRole('link', { name: 'Edit this service', exact: true }).click();
	await fitsTheWindow(page);
	const record = await openPaul(page);
	await page.goto(`${record}/social-prescribing`);
	await expect(page.getByRole('heading', { name: 'Refer to a service' })).toBeVisible();
	await fitsTheWindow(page);
	await page.screenshot({
		path: 'tests/e2e/screenshots/social-prescribing-phone.png',
		fullPage: true
	});
});

test('GET /api/services answers JSON: the PCN’s own, filtered, bad parameters refused, 401 without a session', async ({
	page,
	request
}) => {
	expect((await request.get('/api/services')).status()).toBe(401);
	await signedIn(page, 'coordinator@hillside.test');
	const own = await page.request.get('/api/services?limit=500&inactive=true');
	expect(own.status()).toBe(200);
	const body = await own.json();
	expect(body.services.map((s: { name: string }) => s.name)).toEqual([
		'Hillside Good Neighbours',
		'Quarry Road Advice Point'
	]);
	const befriending = await (await page.request.get('/api/services?category=befriending')).json();
	expect(befriending.total).toBe(1);
	for (const bad of ['limit=0', 'limit=501', 'category=bingo', 'page=0', 'inactive=maybe']) {
		const refused = await page.request.get(`/api/services?${bad}`);
		expect(refused.status(), bad).toBe(400);
		expect(await refused.json()).toHaveProperty('message');
	}
});
