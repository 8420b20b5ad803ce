import { expect } from '@playwright/test';
import { openUpcomingMeeting, signedIn, test } from './fixtures';

test('typing in the room fetches the patient summary once per patient shown, not at every edit', async ({
	page
}) => {
	const summaries: string[] = [];
	page.on('request', (request) => {
		if (request.url().includes('/mdt-summary')) summaries.push(request.url());
	});
	await signedIn(page, 'coordinator@hillside.test');
	const path = await openUpcomingMeeting(page, 'Hillside frailty MDT');
	await page.goto(`${path}/room`);
	const notes = page.getByRole('textbox', { name: 'Discussion notes', exact: true });
	await notes.click();
	await page.keyboard.type('Lives alone; daughter visits on Sundays.');
	await expect(notes).toContainText('daughter visits on Sundays.');
	// Every keystroke changes the meeting document; the patient on screen stays the same.
	expect(summaries).toHaveLength(1);
});
