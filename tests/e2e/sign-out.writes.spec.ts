import { expect, type Page } from '@playwright/test';
import { droppableSockets, openUpcomingMeeting, signedIn, test } from './fixtures';

const keptDocuments = (page: Page) =>
	page.evaluate(async () =>
		(await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('mdt:'))
	);

async function openHillsideAgenda(page: Page) {
	await openUpcomingMeeting(page, 'Hillside frailty MDT');
	await expect(page.getByTestId('connection-state')).toHaveText('Connected');
}

test('signing out forgets the patient documents this browser kept', async ({ page }) => {
	await signedIn(page, 'coordinator@hillside.test');
	await openHillsideAgenda(page);
	await expect.poll(() => keptDocuments(page)).not.toEqual([]);
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/login/);
	expect(await keptDocuments(page)).toEqual([]);
});

test('signing out with edits the server has not confirmed asks first', async ({ browser }) => {
	const context = await browser.newContext();
	const sockets = await droppableSockets(context);
	const page = await context.newPage();
	await signedIn(page, 'coordinator@hillside.test');
	await openHillsideAgenda(page);
	await sockets.drop({ offline: false });
	const questions = page.getByLabel('Questions for the team').first();
	await questions.click();
	await page.keyboard.type(' Typed offline.');
	await expect(page.getByTestId('connection-state')).not.toHaveText('Connected');

	let asked = '';
	page.once('dialog', (dialog) => {
		asked = dialog.message();
		void dialog.dismiss();
	});
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect.poll(() => asked).toContain('not reached the server yet');
	await expect(page).not.toHaveURL(/\/login/);
	expect(await keptDocuments(page)).not.toEqual([]);
});
