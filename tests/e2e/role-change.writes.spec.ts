import { expect, type Browser, type Page } from '@playwright/test';
import { hydrated, openUpcomingMeeting, signedIn, test } from './fixtures';

async function signedInPage(browser: Browser, email: string): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
	const page = await context.newPage();
	await signedIn(page, email);
	return page;
}

/** The admin changes a member's role on the Users page; resolves once the server has answered. */
async function changeRole(admin: Page, name: string, role: string) {
	await admin.goto('/admin/users');
	await hydrated(admin);
	await admin.getByLabel(`Role of ${name}`).selectOption({ label: role });
	const answered = admin.waitForResponse(
		(response) => response.request().method() === 'POST' && response.url().includes('/update')
	);
	await admin.getByRole('button', { name: `Change role of ${name}` }).click();
	expect((await answered).ok()).toBe(true);
}

test('a GP made observer while in the meeting room is told so, and the room becomes read-only', async ({
	browser
}) => {
	const gp = await signedInPage(browser, 'gp@riverside.test');
	const admin = await signedInPage(browser, 'admin@riverside.test');
	const notes = gp.getByRole('textbox', { name: 'Discussion notes', exact: true });
	try {
		await gp.goto(`${await openUpcomingMeeting(gp, 'Riverside frailty MDT')}/room`);
		await expect(gp.getByTestId('connection-state').first()).toHaveText('Connected');
		await expect(notes).toHaveAttribute('aria-readonly', 'false');

		await changeRole(admin, 'Dr Tom Okafor', 'Observer (read only)');

		// The room loads again by itself, saying why, and nothing in it can be changed any more.
		await expect(gp.getByRole('alert').first()).toContainText(
			'An administrator changed your role: you can now read this page but not change it.'
		);
		await expect(gp.getByText('your role cannot change it').first()).toBeVisible();
		await expect(notes).toHaveAttribute('aria-readonly', 'true');
		await expect(gp.getByRole('button', { name: 'Start meeting' })).toHaveCount(0);
	} finally {
		await changeRole(admin, 'Dr Tom Okafor', 'GP');
		await gp.context().close();
		await admin.context().close();
	}
});
