import { expect, type Browser, type Page } from '@playwright/test';
import {
	hydrated,
	openUpcomingMeeting,
	reveal,
	seriousViolations,
	signedIn,
	test
} from './fixtures';

/** Signs in in a new context and opens the room of Hillside's upcoming MDT. */
async function inRoom(browser: Browser, email: string): Promise<{ page: Page; path: string }> {
	const page = await (
		await browser.newContext({ viewport: { width: 1400, height: 1000 } })
	).newPage();
	await signedIn(page, email);
	const path = await openUpcomingMeeting(page, 'Hillside frailty MDT');
	await page.goto(`${path}/room`);
	await expect(page.getByRole('textbox', { name: 'Discussion notes', exact: true })).toBeVisible();
	return { page, path };
}

test('the chair starts, the team records item 1, the chair ends on item 1: the minutes keep it all and the room closes for everyone', async ({
	browser
}) => {
	const { page: chair, path } = await inRoom(browser, 'gp@hillside.test');
	const { page: coordinator } = await inRoom(browser, 'coordinator@hillside.test');
	const nav = (page: Page) => page.getByRole('list', { name: 'Agenda items' });

	// Before the start no item is "Now", and only the chair may start.
	await expect(coordinator.getByText('The meeting has not started')).toBeVisible();
	await expect(nav(coordinator).getByText('Now')).toHaveCount(0);
	await expect(coordinator.getByRole('button', { name: 'Start meeting' })).toHaveCount(0);
	await chair.getByRole('button', { name: 'Start meeting' }).click();
	for (const page of [chair, coordinator]) {
		await expect(nav(page).getByRole('listitem').first()).toContainText('Now');
		await expect(page.getByRole('region', { name: 'Current item' })).toContainText('Item 1 of');
	}
	const items = await nav(chair).getByRole('listitem').count();
	// The chair's room once started, with the chair's controls (Item status among them).
	await expect(chair.getByLabel('Item status')).toHaveValue('pending');
	expect(await seriousViolations(chair)).toEqual([]);

	// The chair looks ahead at item 2 and defers it: everyone's agenda says so.
	await nav(chair).getByRole('listitem').nth(1).getByRole('button').click();
	await expect(chair.getByRole('region', { name: 'Current item' })).toContainText('Item 2 of');
	await chair.getByLabel('Item status').selectOption({ label: 'Deferred' });
	await expect(nav(coordinator).getByRole('listitem').nth(1)).toContainText('Deferred');
	await chair.getByRole('button', { name: 'Return to current item' }).click();
	await expect(chair.getByRole('region', { name: 'Current item' })).toContainText('Item 1 of');
	// The draft minutes say what each item is so far: nothing is carried forward before the end.
	// (They are read from the server's record, which follows the live document shortly.)
	const draft = await coordinator.context().newPage();
	await expect(async () => {
		await draft.goto(`${path}/minutes`);
		await expect(draft.getByRole('article').nth(1)).toContainText('Deferred', { timeout: 2_000 });
	}).toPass({ timeout: 30_000 });
	await expect(draft.getByRole('article').nth(2)).toContainText('Not yet discussed');
	await expect(draft.getByRole('main')).not.toContainText('carried forward');
	await draft.close();

	// The team writes the notes and the decision of item 1.
	await chair.getByRole('textbox', { name: 'Discussion notes', exact: true }).click();
	await chair.keyboard.type('Two falls since the last MDT.');
	await coordinator.getByRole('textbox', { name: 'Outcome and decision' }).click();
	await coordinator.keyboard.type('Refer to the falls clinic.');
	await expect(chair.getByRole('textbox', { name: 'Outcome and decision' })).toContainText(
		'Refer to the falls clinic.'
	);
	// The coordinator adds to the person's care plan during the meeting: the minutes show it.
	await coordinator.getByRole('textbox', { name: 'What is most important to me' }).click();
	await coordinator.keyboard.press('Control+End');
	await coordinator.keyboard.type(' Seeing my grandson at Christmas.');
	await expect(coordinator.getByTestId('unsent-edits')).toHaveCount(0, { timeout: 30_000 });

	// The "New action for you" banner follows the action when it is reassigned.
	await reveal(
		chair.getByRole('button', { name: 'Add action' }),
		chair.getByLabel('Action', { exact: true })
	);
	await chair.getByLabel('Action', { exact: true }).fill('Phone the daughter');
	await chair.getByLabel('Assignee', { exact: true }).selectOption({ label: 'Jordan Ellis' });
	await chair.getByRole('button', { name: 'Save action' }).click();
	const banner = coordinator.getByRole('status').filter({ hasText: 'New action for you' });
	await expect(banner).toContainText('Phone the daughter');
	await chair
		.getByLabel('Assignee of Phone the daughter')
		.selectOption({ label: 'Dr Fiona Grant' });
	await chair.getByRole('button', { name: 'Update Phone the daughter' }).click();
	await expect(banner).toHaveCount(0);

	// The chair ends on item 1, through the confirmation.
	await chair.getByRole('link', { name: 'End meeting' }).click();
	await expect(chair).toHaveURL(new RegExp(`${path}/end$`));
	const first = chair.getByRole('group', { name: /^Item 1:/ });
	await expect(first.getByLabel('Discussed')).toBeChecked();
	await expect(
		chair.getByRole('group', { name: /^Item 2:/ }).getByLabel(/Carry forward/)
	).toBeChecked();
	await expect(chair.getByText(/Marked discussed \(1\)/)).toBeVisible();
	expect(await seriousViolations(chair)).toEqual([]);
	// The chair changes their mind: item 2 was discussed after all.
	await chair
		.getByRole('group', { name: /^Item 2:/ })
		.getByLabel('Discussed')
		.check();
	await expect(chair.getByText(/Marked discussed \(2\)/)).toBeVisible();
	await expect(chair.getByText(new RegExp(`Carried forward \\(${items - 2}\\)`))).toBeVisible();
	await chair.getByRole('button', { name: 'End meeting' }).click();

	// The minutes hold the notes and the decision of item 1, which is not carried forward.
	await expect(chair).toHaveURL(new RegExp(`${path}/minutes$`));
	// Ending is a full page load: text typed before hydration would be reset by it.
	await hydrated(chair);
	const item1 = chair.getByRole('article').first();
	await expect(item1).toContainText('Two falls since the last MDT.');
	await expect(item1).toContainText('Refer to the falls clinic.');
	await expect(item1).not.toContainText('carried forward');
	// Item 2, changed to discussed at the end, is not carried forward either; item 3 is.
	await expect(chair.getByRole('article').nth(1)).not.toContainText('carried forward');
	await expect(chair.getByRole('article').nth(2)).toContainText('Not discussed — carried forward');
	await expect(chair.getByRole('main')).toContainText('Present at the end');
	const planChanges = item1.getByRole('region', {
		name: /’s care plan during this meeting$/
	});
	await expect(planChanges.locator('ins')).toContainText('Seeing my grandson at Christmas.');

	// A correction is an amendment, shown with its item and in its clinical record text.
	await chair.getByLabel('For', { exact: true }).selectOption({ index: 1 });
	await chair.getByLabel('Amendment', { exact: true }).fill('The clinic is the community one.');
	await chair.getByRole('button', { name: 'Add amendment' }).click();
	await expect(item1.getByRole('list', { name: 'Amendments to item 1' })).toContainText(
		'The clinic is the community one.'
	);
	await expect(item1.getByRole('textbox', { name: /Clinical record text/ })).toHaveValue(
		/Amendments after the meeting:\n {2}- .*Dr Fiona Grant: The clinic is the community one\./
	);
	expect(await seriousViolations(chair)).toEqual([]);

	// The other room says so, links to the minutes, and can no longer change anything.
	await expect(coordinator.getByText('This meeting has ended')).toBeVisible();
	await expect(coordinator.getByRole('link', { name: 'Read the minutes' })).toBeVisible();
	const notes = coordinator.getByRole('textbox', { name: 'Discussion notes', exact: true });
	await expect(notes).toHaveAttribute('contenteditable', 'false');
	await expect(coordinator.getByRole('button', { name: 'Add action' })).toHaveCount(0);
	await expect(coordinator.getByRole('button', { name: 'Raise hand' })).toHaveCount(0);
	// What the notice says stays open does: the care plan (not part of the minutes) and the
	// actions' progress.
	const notice = coordinator.getByRole('status').filter({ hasText: 'This meeting has ended' });
	await expect(notice).toContainText('notes and decisions are final');
	await expect(notice).toContainText(
		"You can still update the person's care and support plan (not part of the minutes) and the progress of the follow-up actions."
	);
	await expect(notice).not.toContainText('nothing here can be changed');
	const plan = coordinator.getByRole('textbox', { name: 'What is most important to me' });
	await expect(plan).toHaveAttribute('contenteditable', 'true');
	await coordinator
		.getByLabel('Status of Phone the daughter')
		.selectOption({ label: 'In progress' });
	const answered = coordinator.waitForResponse((r) => r.url().includes('updateAction'));
	await coordinator.getByRole('button', { name: 'Update Phone the daughter' }).click();
	expect((await answered).ok()).toBe(true);
	await coordinator.reload();
	await expect(coordinator.getByLabel('Status of Phone the daughter')).toHaveValue('in_progress');
	expect(await seriousViolations(coordinator)).toEqual([]);

	// Carried forward: every item not discussed, to the series' next meeting.
	await chair.goto('/meetings');
	await chair
		.getByRole('table', { name: /Upcoming/ })
		.getByRole('link', { name: 'Hillside frailty MDT' })
		.click();
	const agenda = chair.getByRole('list', { name: 'Agenda' });
	await expect(agenda.getByLabel('Reason for discussion')).toHaveCount(items - 2);
});
