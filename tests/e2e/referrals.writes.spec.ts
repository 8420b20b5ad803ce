import { expect, type Page } from '@playwright/test';
import { hydrated, seriousViolations, signedIn, test } from './fixtures';

// Riverside demo patients who are fit, so on nobody's caseload (src/lib/server/demo/seed.ts).
const RHIANNON = { nhsNumber: '999 000 0034', name: 'JONES, Rhiannon' };
const IRENE = { nhsNumber: '999 000 0077', name: 'TAYLOR, Irene' };
const PETER = { nhsNumber: '999 000 0190', name: 'HILL, Peter' };
const MARIA = { nhsNumber: '999 000 0743', name: 'GEORGIOU, Maria' };

/** `days` calendar days before today in England, as `YYYY-MM-DD`. */
function daysAgo(days: number): string {
	const day = new Date(Date.now() - days * 86_400_000);
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(day);
}

async function noSidewaysScrolling(page: Page) {
	const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
	expect(fits, `${page.url()} scrolls sideways at 360 px`).toBe(true);
}

/** Receives a referral through the New referral form; returns the referral page's path. */
async function receive(page: Page, nhsNumber: string, receivedOn?: string): Promise<string> {
	await page.goto('/referrals/new');
	await hydrated(page);
	await page.getByLabel('NHS number of the person referred').fill(nhsNumber);
	await page.getByLabel('GP or practice team', { exact: true }).check();
	await page.getByLabel('Reason for the referral').fill('Lives alone; two falls this month');
	await page.getByLabel('Falls or frailty', { exact: true }).check();
	await page.getByLabel('Referred by').fill('Dr Okafor, Riverside Medical Centre');
	if (receivedOn) await page.getByLabel('Date received').fill(receivedOn);
	await page.getByRole('button', { name: 'Save referral', exact: true }).click();
	await expect(page).toHaveURL(/\/referrals\/[0-9a-f-]{36}/);
	return new URL(page.url()).pathname;
}

test('a coordinator receives a referral, triages it by telephone and accepts the person onto the caseload', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	await page.getByRole('link', { name: 'Referrals', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Referrals' })).toBeVisible();
	await hydrated(page);
	expect(await seriousViolations(page)).toEqual([]);

	await page.getByRole('link', { name: 'New referral', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'New referral' })).toBeVisible();
	await hydrated(page);
	expect(await seriousViolations(page)).toEqual([]);

	// Refused whole, each problem named, what was typed kept.
	await page.getByLabel('NHS number of the person referred').fill('999 000 0035');
	await page.getByLabel('Referred by').fill('Dr Okafor');
	await page.getByRole('button', { name: 'Save referral', exact: true }).click();
	const summary = page.getByRole('alert');
	await expect(summary).toContainText('There is a problem');
	await expect(summary).toContainText('Choose where the referral came from');
	await expect(summary).toContainText('Enter the reason for the referral');
	await expect(summary).toContainText('NHS number is not valid: the check digit is wrong');
	await expect(page.getByLabel('Referred by')).toHaveValue('Dr Okafor');
	expect(await seriousViolations(page)).toEqual([]);

	const path = await receive(page, RHIANNON.nhsNumber);
	await expect(page.getByRole('region', { name: 'Patient banner' })).toContainText(
		RHIANNON.nhsNumber
	);
	await expect(page.getByTestId('caseload-status')).toHaveText('Not on the caseload');
	await hydrated(page);
	expect(await seriousViolations(page)).toEqual([]);

	// A first call that does not get through.
	await page.getByLabel('Note (optional)', { exact: true }).fill('No answer');
	await page.getByRole('button', { name: 'Log attempt', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText(/Contact attempt logged/);
	await expect(page.getByRole('table', { name: 'Contact attempts' })).toContainText('No answer');
	// Ready for the next call at once: today's date and "No contact" again, not an empty form.
	await expect(page.getByLabel('Date of the attempt')).toHaveValue(daysAgo(0));
	await page.getByLabel('Note (optional)', { exact: true }).fill('Voicemail left');
	await page.getByRole('button', { name: 'Log attempt', exact: true }).click();
	await expect(page.getByRole('table', { name: 'Contact attempts' })).toContainText(
		'Voicemail left'
	);

	// Then the telephone triage: today, by telephone, accepted.
	await page.getByLabel('Accepted to the caseload', { exact: true }).check();
	await page.getByRole('button', { name: 'Record triage', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText(/Triage recorded/);
	await expect(page.getByTestId('triage-outcome')).toContainText('Accepted to the caseload');
	await expect(page.getByTestId('triage-outcome')).toContainText('telephone, by Priya Shah');
	await expect(page.getByTestId('caseload-status')).toHaveText(/^On the caseload since /);
	await page.reload();
	await expect(page.getByTestId('caseload-status')).toHaveText(/^On the caseload since /);
	await expect(page.getByRole('button', { name: 'Record triage', exact: true })).toHaveCount(0);
	expect(path).toMatch(/^\/referrals\//);
});

test('a signposting outcome needs to say to what, and is shown and counted once recorded', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	await page.goto('/referrals');
	const counted = page.getByTestId('outcome-counts').getByRole('link', { name: /^Signposted: / });
	const before = Number((await counted.innerText()).replace(/\D/g, ''));
	await receive(page, IRENE.nhsNumber);
	await hydrated(page);
	await page.getByLabel('Signposted', { exact: true }).check();
	await page.getByRole('button', { name: 'Record triage', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('Enter what they were signposted to');
	await expect(page.getByLabel('Signposted', { exact: true })).toBeChecked();
	expect(await seriousViolations(page)).toEqual([]);

	await page.getByLabel('Signposted to what?').fill('Age UK Riverside befriending service');
	await page.getByRole('button', { name: 'Record triage', exact: true }).click();
	await expect(page.getByTestId('triage-outcome')).toContainText(
		'Age UK Riverside befriending service'
	);

	await page.goto('/referrals?status=triaged');
	const row = page.getByRole('row').filter({ hasText: IRENE.name }).first();
	await expect(row).toContainText('Signposted');
	// Counted in the inbox, and the count opens the referrals signposted.
	await expect(counted).toHaveText(`Signposted: ${before + 1}`);
	await counted.click();
	await expect(page).toHaveURL(/outcome=signposted/);
	await expect(page.getByRole('row').filter({ hasText: IRENE.name }).first()).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
});

test('three failed attempts at a first contact prompt a decision, which may then be made without one', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	await receive(page, MARIA.nhsNumber);
	await hydrated(page);
	const prompt = page.getByRole('heading', { name: /3 failed attempts: decide/ });
	const attempts = page.getByRole('table', { name: 'Contact attempts' });
	for (const note of ['No answer', 'Voicemail left', 'Line busy']) {
		await expect(prompt).toHaveCount(0);
		await page.getByLabel('Note (optional)', { exact: true }).fill(note);
		await page.getByRole('button', { name: 'Log attempt', exact: true }).click();
		await expect(attempts).toContainText(note);
	}
	await expect(prompt).toBeVisible();
	await expect(page.getByText(/Three attempts at a first contact have failed/)).toBeVisible();
	await expect(page.getByLabel('Date of the first contact')).toHaveValue('');
	expect(await seriousViolations(page)).toEqual([]);

	// The inbox says so too.
	await page.goto('/referrals');
	const row = page.getByRole('row').filter({ hasText: MARIA.name }).first();
	await expect(row.getByText('3 failed attempts: decide')).toBeVisible();

	// Declined without a first contact.
	await row.getByRole('link').first().click();
	await hydrated(page);
	await page.getByLabel('Declined', { exact: true }).check();
	await page
		.getByLabel('Why was the referral declined?')
		.fill('No contact after three attempts; letter sent to the GP');
	await page.getByRole('button', { name: 'Record triage', exact: true }).click();
	await expect(page.getByTestId('triage-outcome')).toContainText(
		'None made (decided after failed attempts)'
	);
});

test('a referral past the 5-working-day target stands out in the inbox; observers only read', async ({
	page,
	browser
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	await receive(page, PETER.nhsNumber, daysAgo(14));
	await expect(page.getByTestId('first-contact-timing')).toContainText('Over target');

	await page.goto('/referrals?overdue=true');
	const row = page.getByRole('row').filter({ hasText: PETER.name }).first();
	await expect(row.getByText('Over target', { exact: true })).toBeVisible();
	await expect(row).toContainText(/Not yet contacted: \d+ working days/);

	const observer = await browser.newPage();
	await signedIn(observer, 'observer@riverside.test');
	await observer.goto('/referrals');
	await expect(observer.getByRole('heading', { level: 1, name: 'Referrals' })).toBeVisible();
	await expect(observer.getByRole('link', { name: 'New referral' })).toHaveCount(0);
	await observer.getByRole('row').filter({ hasText: PETER.name }).first().getByRole('link').click();
	await expect(observer.getByRole('region', { name: 'Patient banner' })).toBeVisible();
	await expect(observer.getByRole('button', { name: 'Record triage' })).toHaveCount(0);
	await expect(observer.getByRole('button', { name: 'Log attempt' })).toHaveCount(0);
	expect((await observer.goto('/referrals/new'))?.status()).toBe(403);
	await observer.close();
});

test('an admin sets the PCN’s first-contact target, refused outside 1 to 30', async ({ page }) => {
	await signedIn(page, 'admin@riverside.test');
	await page.goto('/referrals');
	await page.getByRole('link', { name: 'Change the target', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'PCN settings' })).toBeVisible();
	await hydrated(page);
	expect(await seriousViolations(page)).toEqual([]);
	const target = page.getByLabel('Target for a referral’s first contact, in working days');
	await target.fill('31');
	await page.getByRole('button', { name: 'Save target', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('from 1 to 30');
	await expect(target).toHaveValue('31');
	await target.fill('5');
	await page.getByRole('button', { name: 'Save target', exact: true }).click();
	await expect(page.getByRole('status')).toContainText('5 working days');
});

test('the referral pages fit a phone: no sideways scrolling at 360 px', async ({ page }) => {
	await signedIn(page, 'coordinator@riverside.test');
	await page.setViewportSize({ width: 360, height: 800 });
	await page.goto('/referrals?status=all');
	await expect(page.getByRole('table', { name: 'Referrals' })).toBeVisible();
	await noSidewaysScrolling(page);
	await page.screenshot({ path: 'tests/e2e/screenshots/referrals-phone.png', fullPage: true });
	await page.goto('/referrals/new');
	await noSidewaysScrolling(page);
	await page.goto('/referrals?status=open');
	await page.getByRole('table', { name: 'Referrals' }).getByRole('link').first().click();
	await expect(page.getByRole('heading', { name: 'Triage', exact: true })).toBeVisible();
	await hydrated(page);
	await noSidewaysScrolling(page);
	await page.screenshot({ path: 'tests/e2e/screenshots/referral-phone.png', fullPage: true });
});

test('GET /api/referrals answers JSON: the PCN’s own, bad parameters refused, 401 without a session', async ({
	page,
	request
}) => {
	expect((await request.get('/api/referrals')).status()).toBe(401);
	await signedIn(page, 'coordinator@hillside.test');
	const own = await page.request.get('/api/referrals?status=all&limit=500');
	expect(own.status()).toBe(200);
	const body = await own.json();
	expect(body.referrals.length).toBeGreaterThan(0);
	// Hillside's demo people are 99950…; Riverside's (99900…) never appear.
	for (const r of body.referrals) expect(r.patient.nhsNumber).toMatch(/^99950/);
	for (const bad of ['limit=0', 'limit=501', 'status=closed', 'source=postcard', 'cursor=xyz']) {
		const refused = await page.request.get(`/api/referrals?${bad}`);
		expect(refused.status(), bad).toBe(400);
		expect(await refused.json()).toHaveProperty('message');
	}
});
