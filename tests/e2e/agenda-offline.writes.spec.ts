import { expect, type Page } from '@playwright/test';
import { droppableSockets, fieldText, openUpcomingMeeting, signedIn, test } from './fixtures';

async function openHillsideAgenda(page: Page, email: string): Promise<string> {
	await signedIn(page, email);
	await openUpcomingMeeting(page, 'Hillside frailty MDT');
	await expect(page.getByLabel('Reason for discussion').first()).toBeVisible();
	return page.url();
}

test('an item edited offline keeps those edits when the chair moves it meanwhile', async ({
	browser
}) => {
	const chair = await (await browser.newContext()).newPage();
	const url = await openHillsideAgenda(chair, 'gp@hillside.test');
	const context = await browser.newContext();
	const sockets = await droppableSockets(context);
	const coordinator = await context.newPage();
	await openHillsideAgenda(coordinator, 'coordinator@hillside.test');
	expect(coordinator.url()).toBe(url);
	await expect(coordinator.getByTestId('connection-state')).toHaveText('Connected');

	const item = (page: Page, index: number) =>
		page.getByRole('list', { name: 'Agenda' }).getByRole('listitem').nth(index);
	const reasonOf = (page: Page, index: number) =>
		item(page, index).getByLabel('Reason for discussion');
	const questionsOf = (page: Page, index: number) =>
		item(page, index).getByLabel('Questions for the team');
	const third = await fieldText(reasonOf(chair, 2));

	// The coordinator's connection drops; she goes on editing the third item.
	await sockets.drop({ offline: false });
	await expect(coordinator.getByTestId('connection-state')).not.toHaveText('Connected');
	await reasonOf(coordinator, 2).click();
	await coordinator.keyboard.press('End');
	await coordinator.keyboard.type(' and dizziness');
	await questionsOf(coordinator, 2).fill('Stop amlodipine?');

	// Meanwhile the chair moves that item up.
	await item(chair, 2)
		.getByRole('button', { name: /^Move up/ })
		.click();
	await expect.poll(() => fieldText(reasonOf(chair, 1))).toBe(third);

	// Back online: both edits survive the move, for both of them.
	await sockets.restore();
	await expect(coordinator.getByTestId('connection-state')).toHaveText('Connected');
	for (const page of [chair, coordinator]) {
		await expect.poll(() => fieldText(reasonOf(page, 1))).toBe(`${third} and dizziness`);
		await expect.poll(() => fieldText(questionsOf(page, 1))).toBe('Stop amlodipine?');
	}
});
