import { expect } from '@playwright/test';
import { fitsTheWindow, seriousViolations, signedIn, test } from './fixtures';

/**
 * Every page of the work between meetings, opened as the people who use it: each is axe-clean
 * (no serious or critical violation) and fits a phone's width without sideways scrolling. Reads
 * only (the "reads" project).
 */
const WIDTHS = [1280, 360];

/**
 * A bound on a hung sweep, never an assertion: axe alone can take ten seconds or more on a page
 * when the machine is busy, and a sweep checks every page at every width.
 */
const PER_PAGE_MS = 30_000;

async function sweep(page: import('@playwright/test').Page, paths: string[]) {
	test.setTimeout(60_000 + paths.length * WIDTHS.length * PER_PAGE_MS);
	for (const width of WIDTHS) {
		await page.setViewportSize({ width, height: 800 });
		for (const path of paths) {
			const response = await page.goto(path);
			expect(response?.status(), path).toBe(200);
			expect(await seriousViolations(page), `${path} at ${width} px`).toEqual([]);
			await fitsTheWindow(page);
		}
	}
}

test('the coordinator’s pages between meetings are accessible and fit a phone', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	await page.goto('/caseload?scope=pcn');
	const first = await page
		.locator('table tbody a[href^="/patients/"]')
		.first()
		.getAttribute('href');
	const patient = first!;
	// Someone whose latest PAM is level 1 has PAM and ONS4 charts and tables (the demo's measures).
	await page.goto('/caseload?scope=pcn&risk=pam_level_1');
	const measured = await page
		.locator('table tbody a[href^="/patients/"]')
		.first()
		.getAttribute('href');
	await page.goto('/carers');
	const carer = await page.locator('table tbody a[href^="/carers/"]').first().getAttribute('href');
	await page.goto('/referrals?status=all');
	const referral = await page
		.locator('table tbody a[href^="/referrals/"]')
		.first()
		.getAttribute('href');
	await page.goto('/services');
	const service = await page
		.locator('a[href^="/services/"]:not([href$="/new"])')
		.first()
		.getAttribute('href');
	await sweep(page, [
		'/caseload?scope=mine',
		'/caseload?scope=pcn&risk=frailty&sort=age',
		'/caseload/proactive',
		patient,
		`${patient}/edit`,
		`${patient}/people/new`,
		`${patient}/caseload`,
		`${patient}/plan`,
		`${patient}/plan/agree`,
		`${patient}/plan/versions`,
		`${patient}/plan/print`,
		`${patient}/measures`,
		`${measured}/measures`,
		`${patient}/contacts`,
		`${patient}/referrals`,
		`${patient}/social-prescribing`,
		`${patient}/actions`,
		`${patient}/meetings`,
		`${patient}/timeline`,
		`${patient}/personalised-care`,
		`${patient}/safeguarding`,
		'/safeguarding',
		'/referrals',
		'/referrals/new',
		referral!,
		'/appointments',
		'/services',
		service!,
		'/actions/team?show=all&by=patient',
		'/carers',
		'/carers?status=offered',
		carer!
	]);
});

test('the service reports, with a breakdown and with a wrong date, are accessible and fit a phone', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	await sweep(page, ['/reports', '/reports?by=ethnicGroup&from=2026-02-30']);
});

test('the admin’s PCN settings are accessible and fit a phone', async ({ page }) => {
	await signedIn(page, 'admin@riverside.test');
	await sweep(page, ['/admin/settings']);
});

test('the named contact’s safeguarding pages, details and acknowledge form, are accessible and fit a phone', async ({
	page
}) => {
	await signedIn(page, 'gp@riverside.test');
	await page.goto('/safeguarding');
	const concern = await page
		.getByRole('list', { name: 'Concerns raised to you' })
		.locator('a[href^="/patients/"]')
		.first()
		.getAttribute('href');
	await sweep(page, ['/caseload', '/safeguarding', concern!.replace(/#.*$/, '')]);
});
