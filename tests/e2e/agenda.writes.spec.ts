import { expect } from '@playwright/test';
import { fieldText, openUpcomingMeeting, seriousViolations, signedIn, test } from './fixtures';

test('two people prepare the agenda together: suggestions, live updates, keyboard reordering', async ({
	browser
}) => {
	const coordinator = await (await browser.newContext()).newPage();
	await signedIn(coordinator, 'coordinator@riverside.test');
	await coordinator.goto('/meetings');
	expect(await seriousViolations(coordinator)).toEqual([]);
	await coordinator
		.getByRole('table', { name: /Upcoming/ })
		.getByRole('link', { name: 'Riverside frailty MDT' })
		.click();
	await expect(coordinator).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
	const url = coordinator.url();
	const agenda = coordinator.getByRole('list', { name: 'Agenda' });
	await expect(
		agenda.getByRole('listitem').filter({ has: coordinator.getByLabel('Reason for discussion') })
	).toHaveCount(7);

	// Only clinical members present a person: not the admin, the PCN manager or the observer.
	const presenters = agenda.getByLabel('Presenting professional').first();
	await expect(presenters.locator('option')).toContainText(['Not chosen', 'Aisha Begum']);
	const offered = await presenters.locator('option').allTextContents();
	for (const name of ['Claire Donnelly', 'Mark Pennington', 'Ruth Adeyemi']) {
		expect(offered).not.toContain(name);
	}

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
	const lastReason = await fieldText(reasons.nth(7));
	await coordinator
		.getByRole('button', { name: /^Move up/ })
		.nth(7)
		.focus();
	await coordinator.keyboard.press('Enter');
	await expect.poll(() => fieldText(reasons.nth(6))).toBe(lastReason);
	await coordinator.getByLabel('Reason for discussion').nth(6).focus();
	await coordinator.keyboard.press('Alt+ArrowUp');
	await expect.poll(() => fieldText(reasons.nth(5))).toBe(lastReason);

	// An edit to an item's fields reaches the other person as it is typed.
	await coordinator
		.getByLabel('Questions for the team')
		.first()
		.fill('Is a care package needed now?');
	await expect
		.poll(() => fieldText(gp.getByLabel('Questions for the team').first()))
		.toBe('Is a care package needed now?');

	expect(await seriousViolations(coordinator)).toEqual([]);
	await coordinator.screenshot({ path: 'tests/e2e/screenshots/agenda.png', fullPage: true });
	for (const page of [
		'/actions',
		'/meetings/new',
		`${new URL(url).pathname}/edit`,
		`${new URL(url).pathname}/minutes`
	]) {
		await coordinator.goto(page);
		await expect(coordinator.getByRole('heading', { level: 1 })).toBeVisible();
		expect(await seriousViolations(coordinator), page).toEqual([]);
	}
});

test('keyboard focus stays with the control used: Move keeps its button, Remove goes to Undo and Undo back', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	await openUpcomingMeeting(page, 'Riverside frailty MDT');
	const items = page.getByRole('list', { name: 'Agenda' }).getByRole('listitem');
	await expect(items.first().getByLabel('Reason for discussion')).toBeVisible();
	const count = await items.count();
	expect(count).toBeGreaterThanOrEqual(3);
	/** The patient of the item in `place` (1-based), as its buttons name them: "SMITH, John". */
	const nameAt = async (place: number) =>
		(await items.nth(place - 1).getAttribute('aria-label'))!.replace(/^\d+\. /, '');
	const focused = page.locator(':focus');
	const button = (name: string) => page.getByRole('button', { name, exact: true });

	// The first item down twice and back: focus stays on the button pressed.
	const first = await nameAt(1);
	await button(`Move down ${first}`).focus();
	await page.keyboard.press('Enter');
	await expect(items.nth(1)).toHaveAttribute('aria-label', `2. ${first}`);
	await expect(focused).toHaveAccessibleName(`Move down ${first}`);
	await page.keyboard.press('Enter');
	await expect(items.nth(2)).toHaveAttribute('aria-label', `3. ${first}`);
	await expect(focused).toHaveAccessibleName(`Move down ${first}`);
	await button(`Move up ${first}`).focus();
	await page.keyboard.press('Enter');
	await expect(focused).toHaveAccessibleName(`Move up ${first}`);
	// Back in first place its Move up is disabled: focus goes to its Move down, not the page.
	await page.keyboard.press('Enter');
	await expect(items.first()).toHaveAttribute('aria-label', `1. ${first}`);
	await expect(focused).toHaveAccessibleName(`Move down ${first}`);

	// Into last place, focus goes to Move up; and back.
	const beforeLast = await nameAt(count - 1);
	await button(`Move down ${beforeLast}`).focus();
	await page.keyboard.press('Enter');
	await expect(items.last()).toHaveAttribute('aria-label', `${count}. ${beforeLast}`);
	await expect(focused).toHaveAccessibleName(`Move up ${beforeLast}`);
	await page.keyboard.press('Enter');
	await expect(items.nth(count - 2)).toHaveAttribute('aria-label', `${count - 1}. ${beforeLast}`);
	await expect(focused).toHaveAccessibleName(`Move up ${beforeLast}`);

	// Alt + arrow keys in a field move the item and leave the cursor in that field.
	const reason = items.first().getByRole('textbox', { name: 'Reason for discussion' });
	await reason.focus();
	await page.keyboard.press('Alt+ArrowDown');
	await expect(items.nth(1)).toHaveAttribute('aria-label', `2. ${first}`);
	await expect(items.nth(1).getByRole('textbox', { name: 'Reason for discussion' })).toBeFocused();
	await page.keyboard.press('Alt+ArrowUp');
	await expect(items.first()).toHaveAttribute('aria-label', `1. ${first}`);
	await expect(items.first().getByRole('textbox', { name: 'Reason for discussion' })).toBeFocused();

	// Remove takes focus to Undo, and Undo back to the item.
	await button(`Remove ${first} from the agenda`).focus();
	await page.keyboard.press('Enter');
	await expect(items).toHaveCount(count - 1);
	await expect(focused).toHaveAccessibleName(/^Undo\s+removing \S/);
	await page.keyboard.press('Enter');
	await expect(items).toHaveCount(count);
	await expect(focused).toHaveAccessibleName(`Remove ${first} from the agenda`);
	await expect(items.first()).toHaveAttribute('aria-label', `1. ${first}`);

	// Every item's controls have names of their own.
	for (const control of ['Move up', 'Move down', 'Remove']) {
		const names = await page
			.getByRole('button', { name: new RegExp(`^${control} `) })
			.evaluateAll((buttons) => buttons.map((b) => b.textContent?.replace(/\s+/g, ' ').trim()));
		expect(new Set(names).size).toBe(count);
	}
	expect(await seriousViolations(page)).toEqual([]);
});
