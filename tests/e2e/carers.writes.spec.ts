import { expect } from '@playwright/test';
import { hydrated, seriousViolations, signedIn, test } from './fixtures';

/** `days` from today in London, `YYYY-MM-DD`. */
const day = (days: number) =>
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
		new Date(Date.now() + days * 86_400_000)
	);

test('the carers register lists the demo carers, filters in the URL, and records an assessment', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	await page.getByRole('link', { name: 'Carers', exact: true }).first().click();
	await expect(page).toHaveURL(/\/carers$/);
	await expect(page).toHaveTitle('Carers register – MDT workspace');
	const register = page.getByRole('table', { name: 'Unpaid carers' });
	await expect(register.getByRole('row').nth(1)).toBeVisible();
	// The demo has carers assessed and referred on.
	await expect(register).toContainText('Carers’ centre: advice and a carer’s card');

	// Filter: offered, not completed, kept in the URL.
	await hydrated(page);
	await page.getByLabel('Carer’s assessment').selectOption('offered');
	await page.getByRole('button', { name: 'Apply filters' }).click();
	await expect(page).toHaveURL(/\/carers\?status=offered(&practice=)?$/);
	await expect(page.getByLabel('Carer’s assessment')).toHaveValue('offered');
	const offeredRows = register.locator('tbody tr');
	const offered = await offeredRows.count();
	expect(offered).toBeGreaterThan(0);
	await expect(register.locator('tbody tr', { hasText: 'Not yet' })).toHaveCount(offered);

	// A carer not yet offered one: their assessment, completed before offered, is refused.
	await page.goto('/carers?status=not_offered');
	const link = register.getByRole('link', { name: /^Record assessment for / }).first();
	const href = (await link.getAttribute('href'))!;
	await link.click();
	await expect(page).toHaveURL(href);
	await hydrated(page);
	await page.getByLabel('Date the carer’s assessment was offered').fill(day(-3));
	await page.getByLabel('Date the carer’s assessment was completed').fill(day(-5));
	await page.getByRole('button', { name: 'Save the carer’s assessment' }).click();
	await expect(
		page
			.getByRole('alert')
			.getByRole('link', { name: 'The date completed cannot be before the date offered' })
	).toBeVisible();
	await page.getByLabel('Date the carer’s assessment was completed').fill(day(-1));
	await page.getByLabel('Support the carer was referred to (optional)').fill('Respite care');
	await page.getByLabel('Date referred').fill(day(0));
	await page.getByRole('button', { name: 'Save the carer’s assessment' }).click();
	await expect(page.getByRole('status')).toContainText('Carer’s assessment saved.');
	expect(await seriousViolations(page)).toEqual([]);

	// Now among the completed, with the referral; no longer among the not offered.
	await page.goto('/carers?status=completed');
	const row = register.locator('tbody tr', { has: page.locator(`a[href="${href}"]`) });
	await expect(row).toContainText('Respite care');
	await page.goto('/carers?status=not_offered');
	await expect(register.locator(`a[href="${href}"]`)).toHaveCount(0);
});
