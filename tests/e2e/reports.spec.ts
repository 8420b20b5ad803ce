import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';
import { hydrated, signedIn, test } from './fixtures';

/**
 * The PCN's service reports on the seeded demo: reached from the menu by those who may read them,
 * a period and a breakdown chosen in the address, each table charted and downloadable as CSV.
 * Reads only.
 */

/** `YYYY-MM-DD` of a day `days` from today. */
function day(days: number): string {
	return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const menu = (page: Page) => page.getByRole('navigation', { name: 'Menu' });

test('a care coordinator opens Reports from the menu and chooses the period and the breakdown', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	await menu(page).getByRole('link', { name: 'Reports' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Service reports' })).toBeVisible();
	await expect(page.getByRole('table', { name: 'Referrals by source, by practice' })).toBeVisible();
	await hydrated(page);
	// A year by practice has figures large enough to chart (six months by age band of the small
	// demo may leave every group suppressed, and then a table says so instead of a chart).
	await expect(page.locator('.report-chart canvas').first()).toBeVisible();

	await page.getByLabel('From', { exact: true }).fill(day(-180));
	await page.getByLabel('To', { exact: true }).fill(day(0));
	await page.getByLabel('Break down by').selectOption({ label: 'Age band' });
	await page.getByRole('button', { name: 'Show report' }).click();

	await expect(page).toHaveURL(/[?&]by=ageBand/);
	expect(new URL(page.url()).searchParams.get('from')).toBe(day(-180));
	const table = page.getByRole('table', { name: 'Referrals by source, by age band' });
	await expect(table).toBeVisible();
	await expect(table.getByRole('rowheader', { name: '85 and over' })).toBeVisible();
	await expect(table.getByRole('rowheader', { name: 'All people' })).toBeVisible();
	await expect(
		table.getByRole('columnheader', { name: 'Previous period (All referrals)' })
	).toBeVisible();
	await expect(table.getByRole('columnheader', { name: 'Change' })).toBeVisible();
	// The period is said in words at the top, with the one it is compared with.
	await expect(page.locator('.period')).toContainText(', compared with ');
	await expect(
		page.getByRole('region', { name: 'Referrals by source, by age band' })
	).toBeVisible();
});

test('a table downloads as CSV: its header names the breakdown and the periods, suppressed figures are *', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	await page.goto('/reports?by=practice');
	await hydrated(page);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Download CSV of Referrals by source' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(
		/^referrals-by-source-by-practice-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/
	);
	const lines = (await readFile(await download.path(), 'utf8'))
		.replace(/^\uFEFF/, '')
		.split('\r\n');
	expect(lines[0]).toMatch(/^Practice,"All referrals, \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}",/);
	const rows = lines.slice(1, -2).map((line) => line.split(','));
	expect(rows.at(-1)?.[0]).toBe('All people');
	expect(rows.some((fields) => fields.slice(1).includes('*'))).toBe(true);
	expect(lines.at(-2)).toMatch(/^"\* suppressed: fewer than 5, or would reveal a smaller number/);
});

test('the CSV refuses a wrong period and an unknown table with a message', async ({ page }) => {
	await signedIn(page, 'manager@riverside.test');
	const wrong = await page.request.get('/reports/referrals-by-source.csv?from=2026-02-30');
	expect(wrong.status()).toBe(400);
	expect(await wrong.json()).toEqual({ message: 'Enter a real date for the start' });
	const unknown = await page.request.get('/reports/no-such-table.csv');
	expect(unknown.status()).toBe(404);
	expect(await unknown.json()).toEqual({ message: 'Report table not found' });
});

test('a PCN manager opens Reports from the menu; printed, the report keeps its figures and drops the menu and the form', async ({
	page
}) => {
	await signedIn(page, 'manager@riverside.test');
	await menu(page).getByRole('link', { name: 'Reports' }).click();
	const table = page.getByRole('table', { name: 'Referrals by source, by practice' });
	await expect(table).toBeVisible();
	await page.emulateMedia({ media: 'print' });
	await expect(table).toBeVisible();
	await expect(page.locator('.period')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Show report' })).toBeHidden();
	await expect(menu(page)).toBeHidden();
	await expect(
		page.getByRole('link', { name: 'Download CSV of Referrals by source' })
	).toBeHidden();
});

test('a GP has no Reports in the menu and is refused the page and its CSV', async ({ page }) => {
	await signedIn(page, 'gp@riverside.test');
	await expect(menu(page).getByRole('link', { name: 'Caseload' })).toBeVisible();
	await expect(menu(page).getByRole('link', { name: 'Reports' })).toHaveCount(0);
	expect((await page.request.get('/reports')).status()).toBe(403);
	expect((await page.request.get('/reports/referrals-by-source.csv')).status()).toBe(403);
});

test('a date that does not exist is named in the error summary, and the report says what it shows instead', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	await page.goto('/reports?from=2026-02-30&to=2026-03-31');
	const summary = page.getByRole('alert');
	await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
	await expect(
		summary.getByRole('link', { name: 'Enter a real date for the start' })
	).toBeVisible();
	await expect(
		page.getByText('Because of the problem above, the report below shows')
	).toBeVisible();
});

test('an end before the start is named beside the field', async ({ page }) => {
	await signedIn(page, 'coordinator@riverside.test');
	await page.goto('/reports');
	await hydrated(page);
	await page.getByLabel('From', { exact: true }).fill('2026-06-01');
	await page.getByLabel('To', { exact: true }).fill('2026-01-01');
	await page.getByRole('button', { name: 'Show report' }).click();
	await expect(
		page.getByRole('alert').getByRole('link', { name: 'The end must be on or after the start' })
	).toBeVisible();
	await expect(page.getByLabel('To', { exact: true })).toHaveAccessibleDescription(
		'Error: The end must be on or after the start'
	);
});
