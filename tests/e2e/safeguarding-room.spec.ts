import { expect } from '@playwright/test';
import { openUpcomingMeeting, seriousViolations, signedIn, test } from './fixtures';

/**
 * An open safeguarding concern shows in the MDT room's patient summary: the marker for everyone,
 * the concern's type, when and to whom for those who may read details. Reads only: the room is
 * opened before the meeting starts, which records no attendance.
 */
for (const [email, details] of [
	['gp@riverside.test', true],
	['observer@riverside.test', false]
] as const) {
	test(`the room shows an open safeguarding concern to ${email.split('@')[0]}, details only if they may read them`, async ({
		page
	}) => {
		await page.setViewportSize({ width: 1400, height: 1000 });
		await signedIn(page, email);
		const path = await openUpcomingMeeting(page, 'Riverside frailty MDT');
		await page.goto(`${path}/room`);
		const current = page.getByRole('region', { name: 'Current item' });
		// The demo puts the person with an open concern on the agenda with that reason.
		const items = page.getByRole('list', { name: 'Agenda items' }).getByRole('button');
		await expect(items.first()).toBeVisible();
		const heading = current.getByRole('heading', { name: /Open safeguarding concern$/ });
		for (let i = 0; i < (await items.count()) && !(await heading.isVisible()); i += 1) {
			await items.nth(i).click();
		}
		await expect(heading).toBeVisible();
		await expect(current.getByText('Open safeguarding concern', { exact: true })).toBeVisible();
		const banner = current.getByRole('region', { name: 'Patient banner' });
		await expect(banner.getByRole('link', { name: 'Safeguarding concern open' })).toBeVisible();
		const list = current.getByRole('list', { name: 'Open safeguarding concerns' });
		if (details) {
			await expect(list).toContainText('Self-neglect: raised');
			await expect(list).toContainText('by Priya Shah to Dr Tom Okafor');
		} else {
			// The summary loads after the marker; what an observer gets never has details.
			const tab = banner.getByRole('link', { name: 'Safeguarding concern open' });
			const read = await page.request.get(`/api${await tab.getAttribute('href')}`);
			expect(await read.json()).toMatchObject({ details: false });
			await expect(list).toHaveCount(0);
		}
		expect(await seriousViolations(page)).toEqual([]);
	});
}
