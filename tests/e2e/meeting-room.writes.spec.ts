import { expect, type Page } from '@playwright/test';
import { openUpcomingMeeting, reveal, seriousViolations, signedIn, test } from './fixtures';

const riversideMeeting = async (page: Page) =>
	(await openUpcomingMeeting(page, 'Riverside frailty MDT')).split('/').at(-1)!;

test('two people run the MDT together: presence, follow the chair, shared notes, actions, minutes', async ({
	browser
}) => {
	const gpContext = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
	const gp = await gpContext.newPage();
	await signedIn(gp, 'gp@riverside.test');
	const meetingId = await riversideMeeting(gp);

	const coordinatorContext = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
	const coordinator = await coordinatorContext.newPage();
	await signedIn(coordinator, 'coordinator@riverside.test');

	await gp.getByRole('link', { name: 'Join meeting' }).click();
	await expect(gp).toHaveURL(/\/room$/);

	// The room's JavaScript, as the browser receives it (compressed), stays under 300 KB.
	const scripts = new Map<string, Promise<number>>();
	coordinator.on('response', (response) => {
		if (response.url().endsWith('.js')) {
			scripts.set(
				response.url(),
				response
					.request()
					.sizes()
					.then((s) => s.responseBodySize)
			);
		}
	});
	const opened = Date.now();
	await coordinator.goto(`/meetings/${meetingId}/room`, { waitUntil: 'commit' });
	await expect(
		coordinator.getByRole('textbox', { name: 'Discussion notes', exact: true })
	).toBeVisible();
	const usableMs = Date.now() - opened;
	const bytes = (await Promise.all(scripts.values())).reduce((a, b) => a + b, 0);
	console.log(
		`meeting room: ${(bytes / 1024).toFixed(0)} KB of JavaScript (compressed), usable after ${usableMs} ms`
	);
	expect(bytes).toBeLessThan(300 * 1024);

	// Both see both in Participants, with roles.
	for (const page of [gp, coordinator]) {
		const participants = page.getByRole('list', { name: 'Participants' });
		await expect(participants).toContainText('Dr Tom Okafor');
		await expect(participants).toContainText('Priya Shah');
		await expect(participants).toContainText('Care coordinator');
		await expect(page.getByTestId('connection-state').first()).toHaveText('Connected');
	}

	// Opening the room starts nothing: no item is "Now" until the chair starts the meeting.
	const current = coordinator.getByRole('region', { name: 'Current item' });
	const agendaItems = coordinator.getByRole('list', { name: 'Agenda items' });
	await expect(current).toContainText('The meeting has not started');
	await expect(agendaItems.getByText('Now')).toHaveCount(0);
	await gp.getByRole('button', { name: 'Start meeting' }).click();
	await expect(agendaItems.getByRole('listitem').first()).toContainText('Now');
	await expect(current).not.toContainText('The meeting has not started');

	// The chair (the GP) moves to the next item, and the coordinator follows.
	await expect(current).toContainText('Item 1 of');
	await gp.getByRole('button', { name: 'Next item' }).click();
	await expect(current).toContainText('Item 2 of');
	await expect(gp.getByRole('region', { name: 'Current item' })).toContainText('Item 2 of');

	// Both type into the same Discussion notes and see each other's text.
	const gpNotes = gp.getByRole('textbox', { name: 'Discussion notes', exact: true });
	const coordinatorNotes = coordinator.getByRole('textbox', {
		name: 'Discussion notes',
		exact: true
	});
	await gpNotes.click();
	await gp.keyboard.type('GP: stop the amlodipine. ');
	await expect(coordinatorNotes).toContainText('GP: stop the amlodipine.');
	await coordinatorNotes.click();
	await coordinator.keyboard.press('End');
	await coordinator.keyboard.type('Coordinator: daughter to be called.');
	await expect(gpNotes).toContainText('Coordinator: daughter to be called.');
	// The GP sees the coordinator's caret, labelled with her name.
	await expect(gp.locator('.collaboration-carets__label', { hasText: 'Priya Shah' })).toBeVisible();
	await expect(coordinatorNotes).toContainText('GP: stop the amlodipine.');

	// An action added by one appears for the other at once, and survives a reload.
	await reveal(
		coordinator.getByRole('button', { name: 'Add action' }),
		coordinator.getByLabel('Action', { exact: true })
	);
	await coordinator.getByLabel('Action', { exact: true }).fill('Book a medication review');
	await coordinator
		.getByLabel('Assignee', { exact: true })
		.selectOption({ label: 'Dr Tom Okafor' });
	await coordinator.getByLabel('Due date').fill('2027-01-10');
	await coordinator.getByRole('button', { name: 'Save action' }).click();
	// Under the item's own heading, for everyone on that item.
	const itemActions = (page: Page) =>
		page.getByRole('list', { name: 'Actions for this item', exact: true });
	await expect(itemActions(gp)).toContainText('Book a medication review');
	await expect(itemActions(coordinator)).toContainText('Book a medication review');
	await expect(coordinator.getByText('No actions for this item yet.')).toHaveCount(0);
	await expect(gp.getByRole('status').filter({ hasText: 'New action for you' })).toContainText(
		'Book a medication review'
	);
	// Looking at another item, it is among the meeting's other actions.
	await coordinator.getByRole('list', { name: 'Agenda items' }).getByRole('button').first().click();
	await expect(coordinator.getByText('No actions for this item yet.')).toBeVisible();
	await expect(
		coordinator.getByRole('list', { name: 'Other actions from this meeting', exact: true })
	).toContainText('Book a medication review');
	await coordinator.getByRole('button', { name: 'Return to current item' }).click();
	await expect(itemActions(coordinator)).toContainText('Book a medication review');
	await gp.reload();
	await expect(itemActions(gp)).toContainText('Book a medication review');
	await expect(gp.getByRole('list', { name: 'Participants' })).toContainText('Priya Shah');
	await expect(gp.getByRole('textbox', { name: 'What is most important to me' })).toBeVisible();
	await gp.screenshot({ path: 'tests/e2e/screenshots/meeting-room.png', fullPage: true });

	// Accessibility: no serious or critical violations in the room.
	expect(await seriousViolations(coordinator)).toEqual([]);

	// The chair ends the meeting: the minutes show attendance, notes and the action, and
	// items not discussed are carried forward to the next meeting.
	await expect(gp.getByRole('textbox', { name: 'Discussion notes', exact: true })).toContainText(
		'daughter to be called'
	);
	await gp.getByRole('link', { name: 'End meeting' }).click();
	await expect(gp).toHaveURL(new RegExp(`/meetings/${meetingId}/end$`));
	await gp.getByRole('button', { name: 'End meeting' }).click();
	await expect(gp).toHaveURL(new RegExp(`/meetings/${meetingId}/minutes`));
	await expect(gp.getByRole('main')).toContainText('Priya Shah');
	await expect(gp.getByRole('main')).toContainText('GP: stop the amlodipine.');
	await expect(gp.getByRole('main')).toContainText('Book a medication review');

	const next = await gp.request.get('/api/meetings/' + meetingId);
	expect(next.ok()).toBe(true);
	await gp.goto('/meetings');
	const upcoming = gp.getByRole('table', { name: /Upcoming/ });
	await expect(upcoming.getByRole('link', { name: 'Riverside frailty MDT' })).toHaveCount(1);
	await upcoming.getByRole('link', { name: 'Riverside frailty MDT' }).click();
	await expect(
		gp.getByRole('list', { name: 'Agenda' }).getByLabel('Reason for discussion').first()
	).toHaveText(/^Carried forward: /);

	await gpContext.close();
	await coordinatorContext.close();
});

test('a Hillside user cannot open a Riverside meeting', async ({ browser }) => {
	const riverside = await (await browser.newContext()).newPage();
	await signedIn(riverside, 'coordinator@riverside.test');
	const meetingId = await riversideMeeting(riverside);
	const hillside = await (await browser.newContext()).newPage();
	await signedIn(hillside, 'coordinator@hillside.test');
	for (const path of [`/meetings/${meetingId}`, `/meetings/${meetingId}/room`]) {
		await hillside.goto(path);
		await expect(hillside.getByRole('heading', { name: 'Page not found' })).toBeVisible();
	}
	expect((await hillside.request.get(`/api/meetings/${meetingId}`)).status()).toBe(404);
});
