import { expect } from '@playwright/test';
import { fitsTheWindow, hydrated, seriousViolations, signedIn, test } from './fixtures';

const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

test('an action agreed on a person’s record reaches its owner and the team’s overdue list', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	await page.locator('table tbody a[href^="/patients/"]').first().click();
	await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
	const tabs = page.getByRole('navigation', { name: 'Patient record' });
	await tabs.getByRole('link', { name: 'Actions' }).click();
	await hydrated(page);
	await page.getByRole('button', { name: 'Add an action' }).click();
	// Refused without a description: the form stays open with what was chosen.
	await page.getByLabel('Who will do it').selectOption({ label: 'Dr Tom Okafor' });
	await page.getByRole('button', { name: 'Save the action' }).click();
	await expect(page.getByRole('alert')).toContainText('Describe the action');
	await expect(page.getByLabel('Who will do it')).toHaveValue(/.+/);
	await page.getByLabel('What needs doing').fill('Review falls risk after the new tablets');
	await page.getByLabel('Due (optional)').fill(yesterday());
	await page.getByRole('button', { name: 'Save the action' }).click();
	await expect(page.getByRole('status')).toContainText('Action added');
	const list = page.getByRole('table', { name: /^Actions for / });
	await expect(list).toContainText('Review falls risk after the new tablets');
	await expect(list).toContainText('Dr Tom Okafor');
	expect(await seriousViolations(page)).toEqual([]);

	await page.goto('/actions/team?show=overdue');
	await expect(page.getByRole('table', { name: 'Actions of Dr Tom Okafor' })).toContainText(
		'Review falls risk after the new tablets'
	);
	expect(await seriousViolations(page)).toEqual([]);
	await page.getByLabel('Group by').selectOption('patient');
	await page.getByRole('button', { name: 'Show actions' }).click();
	await expect(page).toHaveURL(/by=patient/);
	await expect(page.getByRole('table', { name: /^Actions of [A-Z' -]+, / }).first()).toBeVisible();
	await page.setViewportSize({ width: 360, height: 740 });
	await fitsTheWindow(page);

	// The GP sees it among their own.
	await page.context().clearCookies();
	await page.setViewportSize({ width: 1280, height: 800 });
	await signedIn(page, 'gp@riverside.test');
	await page.goto('/actions');
	await expect(
		page.getByRole('heading', { name: 'Review falls risk after the new tablets' })
	).toBeVisible();
});

test('an observer is offered no new action, and a forged one is refused', async ({ page }) => {
	await signedIn(page, 'observer@riverside.test');
	await page.locator('table tbody a[href^="/patients/"]').first().click();
	await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
	await page.goto(page.url() + '/actions');
	await hydrated(page);
	await expect(page.getByRole('button', { name: 'Add an action' })).toHaveCount(0);
	const forged = await page.request.post(page.url() + '?/add', {
		form: { description: 'Forged', assigneeId: crypto.randomUUID(), priority: 'routine' },
		headers: { origin: new URL(page.url()).origin }
	});
	expect(forged.status()).toBe(403);
});
