import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signedIn } from './fixtures';

async function seriousViolations(page: Page) {
	const { violations } = await new AxeBuilder({ page }).analyze();
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('two people prepare the agenda together: suggestions, live updates, keyboard reordering', async ({ browser }) => {
	const coordinator = await (await browser.newContext()).newPage();
	await signedIn(coordinator, 'coordinator@riverside.test');
	await coordinator.goto('/meetings');
	expect(await seriousViolations(coordinator)).toEqual([]);
	await coordinator.getByRole('table', { name: /Upcoming/ }).getByRole('link', { name: 'Riverside frailty MDT' }).click();
	await expect(coordinator).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
	const url = coordinator.url();
	const agenda = coordinator.getByRole('list', { name: 'Agenda' });
	await expect(agenda.getByRole('listitem').filter({ has: coordinator.getByLabel('Reason for discussion') })).toHaveCount(7);

	const gp = await (await browser.newContext()).newPage();
	await signedIn(gp, 'gp@riverside.test');
	await gp.goto(url);
	const gpAgenda = gp.getByRole('list', { name: 'Agenda' });
	await expect(gpAgenda.getByLabel('Reason for discussion')).toHaveCount(7);

	// A suggestion, with its reasons, goes on the agenda for everyone.
	const suggestions = coordinator.getByRole('list', { name: 'Suggested for discussion' });
	const first = suggestions.getByRole('listitem').first();
	await expect(first).toContainText(/frailty|Discharged|PAM|safeguarding|Referred|overdue/);
	await first.getByRole('button', { name: /^Add/ }).click();
	await expect(gpAgenda.getByLabel('Reason for discussion')).toHaveCount(8);

	// Reordering by keyboard: the new last item moves up one place, live for the GP too.
	const reasons = gpAgenda.getByLabel('Reason for discussion');
	const lastReason = await reasons.nth(7).inputValue();
	await coordinator.getByRole('button', { name: /^Move up/ }).nth(7).focus();
	await coordinator.keyboard.press('Enter');
	await expect(reasons.nth(6)).toHaveValue(lastReason);
	await coordinator.getByLabel('Reason for discussion').nth(6).focus();
	await coordinator.keyboard.press('Alt+ArrowUp');
	await expect(reasons.nth(5)).toHaveValue(lastReason);

	// An edit to an item's fields reaches the other person.
	await coordinator.getByLabel('Questions for the team').first().fill('Is a care package needed now?');
	await coordinator.getByLabel('Questions for the team').first().blur();
	await expect(gp.getByLabel('Questions for the team').first()).toHaveValue('Is a care package needed now?');

	expect(await seriousViolations(coordinator)).toEqual([]);
	await coordinator.screenshot({ path: 'tests/e2e/screenshots/agenda.png', fullPage: true });
	for (const page of ['/actions', '/meetings/new', `${new URL(url).pathname}/edit`, `${new URL(url).pathname}/minutes`]) {
		await coordinator.goto(page);
		await expect(coordinator.getByRole('heading', { level: 1 })).toBeVisible();
		expect(await seriousViolations(coordinator), page).toEqual([]);
	}
});
