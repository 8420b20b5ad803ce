import { expect, type Browser, type Page, type Request } from '@playwright/test';
import {
	droppableSockets,
	openUpcomingMeeting,
	seriousViolations,
	signedIn,
	test
} from './fixtures';

/** Signs in in a new context and opens the room of Riverside's upcoming MDT. */
async function inTheRoom(browser: Browser, email: string, room?: string) {
	const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
	const sockets = await droppableSockets(context);
	const page = await context.newPage();
	await signedIn(page, email);
	room ??= `${await openUpcomingMeeting(page, 'Riverside frailty MDT')}/room`;
	await page.goto(room);
	await expect(notesOf(page)).toBeVisible();
	await expect(stateOf(page)).toHaveText('Connected');
	return { context, sockets, page, room };
}

const notesOf = (page: Page) =>
	page.getByRole('textbox', { name: 'Discussion notes', exact: true });
/** The meeting document's indicator (the care plan beside it has its own). */
const stateOf = (page: Page) => page.getByTestId('connection-state').first();
const unsentOf = (page: Page) => page.getByTestId('unsent-edits').first();

async function typeAtEnd(page: Page, text: string) {
	await notesOf(page).click();
	await page.keyboard.press('Control+End');
	await page.keyboard.type(text);
}

test('with the sockets dropped the room stays usable, counts what is unsent, and it arrives', async ({
	browser
}) => {
	const gp = await inTheRoom(browser, 'gp@riverside.test');
	const coordinator = await inTheRoom(browser, 'coordinator@riverside.test', gp.room);

	const participants = coordinator.page.getByRole('list', { name: 'Participants' });
	await expect(participants).toContainText('Dr Tom Okafor');
	await gp.sockets.drop({ offline: true });
	const requests: string[] = [];
	const record = (request: Request) => requests.push(`${request.method()} ${request.url()}`);
	gp.page.on('request', record);
	await expect(stateOf(gp.page)).toHaveText('Offline');
	// The others see that the GP has left the room.
	await expect(participants).not.toContainText('Dr Tom Okafor');
	// Nothing is taken off the screen: the notes, the care plan and Add action stay.
	await expect(gp.page.getByText('Loading the agenda…')).toHaveCount(0);
	await expect(
		gp.page.getByRole('textbox', { name: 'What is most important to me' })
	).toBeVisible();
	await expect(gp.page.getByRole('button', { name: 'Add action' })).toBeVisible();
	await typeAtEnd(gp.page, ' Typed while offline.');
	await expect(unsentOf(gp.page)).toContainText(/^\d+ changes not yet saved/);
	expect(await seriousViolations(gp.page)).toEqual([]);
	// While the browser knows it is offline, it does not knock on the server's door: neither the
	// documents' sockets, nor the meeting channel's (socket.io), nor any HTTP request.
	expect(gp.sockets.refusedDocumentSockets()).toBe(0);
	expect(gp.sockets.refusedChannelSockets()).toBe(0);
	gp.page.off('request', record);
	expect(requests).toEqual([]);

	await gp.sockets.restore();
	await expect(stateOf(gp.page)).toHaveText('Connected');
	// The meeting channel is back too: the GP is in the room again for the others.
	await expect(participants).toContainText('Dr Tom Okafor');
	await expect(notesOf(coordinator.page)).toContainText('Typed while offline.');
	await expect(unsentOf(gp.page)).toHaveCount(0);

	// Everything is confirmed, so closing the page asks nothing.
	const dialogs: string[] = [];
	gp.page.on('dialog', (dialog) => {
		dialogs.push(dialog.type());
		void dialog.dismiss();
	});
	const closed = new Promise((resolve) => gp.page.once('close', resolve));
	await gp.page.close({ runBeforeUnload: true });
	await closed;
	expect(dialogs).toEqual([]);
	await gp.context.close();
	await coordinator.context.close();
});

test('after a blip the indicator returns to Connected', async ({ browser }) => {
	const { context, sockets, page } = await inTheRoom(browser, 'gp@riverside.test');

	// The browser goes offline and back; its sockets were never closed.
	await context.setOffline(true);
	await expect(stateOf(page)).toHaveText('Offline');
	await context.setOffline(false);
	await expect(stateOf(page)).toHaveText('Connected');

	// The sockets drop while the browser thinks it is online: it tries again until it is back.
	await sockets.drop({ offline: false });
	await expect(stateOf(page)).toHaveText('Reconnecting…');
	await expect.poll(() => sockets.refusedDocumentSockets()).toBeGreaterThan(1);
	await sockets.restore();
	await expect(stateOf(page)).toHaveText('Connected');
	await context.close();
});

test('text typed offline survives closing the tab, and arrives once the connection returns', async ({
	browser
}) => {
	const gp = await inTheRoom(browser, 'gp@riverside.test');
	const coordinator = await inTheRoom(browser, 'coordinator@riverside.test', gp.room);

	await gp.sockets.drop({ offline: true });
	await typeAtEnd(gp.page, ' Kept in the browser.');
	// Closed while the last keystrokes are still being written, a tab would lose them: the page
	// says when they are all kept.
	await expect(unsentOf(gp.page)).toContainText(
		'not yet saved: kept in this browser and sent when the connection returns.'
	);
	// Closing the tab now warns that something would be lost; the person closes it anyway.
	const warned = new Promise<string>((resolve) =>
		gp.page.once('dialog', (dialog) => {
			resolve(dialog.type());
			void dialog.accept();
		})
	);
	// With runBeforeUnload, close() returns before the page has gone: wait until it has, or the
	// context's next step may reach a page that is half closed.
	const closed = new Promise((resolve) => gp.page.once('close', resolve));
	await gp.page.close({ runBeforeUnload: true });
	expect(await warned).toBe('beforeunload');
	await closed;

	// The network is back but the live server is not yet reachable: the page opens from the
	// browser's copy, with the text and the count of what is not yet saved.
	await gp.context.setOffline(false);
	const reopened = await gp.context.newPage();
	await reopened.goto(gp.room);
	await expect(notesOf(reopened)).toContainText('Kept in the browser.');
	await expect(stateOf(reopened)).not.toHaveText('Connected');
	await expect(unsentOf(reopened)).toContainText('not yet saved');

	await gp.sockets.restore();
	await expect(stateOf(reopened)).toHaveText('Connected');
	await expect(notesOf(coordinator.page)).toContainText('Kept in the browser.');
	await expect(unsentOf(reopened)).toHaveCount(0);
	await gp.context.close();
	await coordinator.context.close();
});

test('a 3 MB paste is refused with a message, and what is typed after it still arrives', async ({
	browser
}) => {
	const gp = await inTheRoom(browser, 'gp@riverside.test');
	const coordinator = await inTheRoom(browser, 'coordinator@riverside.test', gp.room);

	await notesOf(gp.page).click();
	await gp.page.evaluate(() => {
		const data = new DataTransfer();
		data.setData('text/plain', 'x'.repeat(3 * 1024 * 1024));
		document.activeElement!.dispatchEvent(
			new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
		);
	});
	await expect(
		gp.page.getByRole('alert').filter({ hasText: 'This paste is too large to share' })
	).toHaveText('This paste is too large to share; it was not added.');
	expect(await seriousViolations(gp.page)).toEqual([]);

	await typeAtEnd(gp.page, ' Typed after the paste.');
	await expect(notesOf(coordinator.page)).toContainText('Typed after the paste.');
	await expect(notesOf(coordinator.page)).not.toContainText('xxxxxxxxxx');
	await expect(stateOf(gp.page)).toHaveText('Connected');
	await gp.context.close();
	await coordinator.context.close();
});
