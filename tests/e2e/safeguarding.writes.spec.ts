import { expect, type Page } from '@playwright/test';
import { fitsTheWindow, hydrated, seriousViolations, signedIn, test } from './fixtures';

/** The first Hillside patient whose banner shows no open safeguarding concern: their record path. */
async function patientWithoutConcern(page: Page): Promise<string> {
	await page.goto('/caseload?scope=pcn');
	const paths = await page
		.locator('table tbody a[href^="/patients/"]')
		.evaluateAll((links) => links.map((link) => link.getAttribute('href')!));
	for (const path of paths) {
		await page.goto(`${path}/safeguarding`);
		const open = page.getByRole('region', { name: 'Patient banner' }).getByRole('link', {
			name: 'Safeguarding concern open'
		});
		if ((await open.count()) === 0) return path;
	}
	throw new Error('every patient has an open concern');
}

test('a coordinator raises a concern to the GP, who sees it and acknowledges it; nobody else may', async ({
	browser
}) => {
	const coordinatorContext = await browser.newContext();
	const coordinator = await coordinatorContext.newPage();
	await signedIn(coordinator, 'coordinator@hillside.test');
	const path = await patientWithoutConcern(coordinator);
	const banner = coordinator.getByRole('region', { name: 'Patient banner' });
	const name = (await banner.getByRole('heading', { level: 1 }).textContent())!.trim();
	await hydrated(coordinator);

	// Nothing chosen: refused field by field, nothing saved.
	await coordinator.getByRole('button', { name: 'Raise the concern' }).click();
	const problem = coordinator.getByRole('alert');
	await expect(problem).toContainText('Choose the type of concern');
	await expect(problem).toContainText('Describe the concern');
	await expect(problem).toContainText('Choose the named clinical contact');
	await expect(problem).toContainText('Say whether the person consents');
	await expect(problem).toContainText('Say whether anyone is at immediate risk');
	await expect(coordinator.getByText(/No safeguarding concern has been raised/)).toBeVisible();

	await coordinator.getByLabel('Type of concern').selectOption({ label: 'Domestic abuse' });
	await coordinator
		.getByLabel('Description')
		.fill('Neighbour heard shouting most nights; she said her partner takes her bank card.');
	await coordinator
		.getByLabel('Named clinical contact')
		.selectOption({ label: 'Dr Fiona Grant (GP)' });
	await coordinator.getByLabel('Yes, the person consents to sharing').check();
	const danger = coordinator.getByText('If someone is in immediate danger call 999');
	await expect(danger).toBeHidden();
	await coordinator
		.getByRole('group', { name: 'Is anyone at immediate risk of harm?' })
		.getByLabel('Yes')
		.check();
	await expect(danger).toBeVisible();
	expect(await seriousViolations(coordinator)).toEqual([]);
	await coordinator.getByRole('button', { name: 'Raise the concern' }).click();
	await expect(coordinator.getByRole('status')).toContainText('Safeguarding concern raised.');
	await expect(banner.getByRole('link', { name: 'Safeguarding concern open' })).toBeVisible();
	const card = coordinator.getByTestId('safeguarding-concern');
	await expect(card).toContainText('Domestic abuse');
	await expect(card).toContainText('Open waiting for Dr Fiona Grant to acknowledge it');
	const concernId = (await card.getAttribute('id'))!.replace('concern-', '');

	// The coordinator is not the named contact: no form, and a forged one is refused.
	await expect(coordinator.getByRole('button', { name: /^Acknowledge/ })).toHaveCount(0);
	const origin = new URL(coordinator.url()).origin;
	const forged = await coordinator.request.post(`${coordinator.url()}?/acknowledge`, {
		form: { concernId, outcome: 'No further action' },
		// As a browser without JavaScript posts it: the refused form comes back as the page.
		headers: { origin, accept: 'text/html' }
	});
	expect(forged.status()).toBe(403);
	expect(await forged.text()).toContain('Only Dr Fiona Grant, the named contact');
	const api = await coordinator.request.post(`/api${path}/safeguarding/${concernId}/acknowledge`, {
		data: { outcome: 'No further action' },
		headers: { origin }
	});
	expect(api.status()).toBe(403);
	expect((await api.json()).message).toContain('Only Dr Fiona Grant, the named contact');

	// The GP is told in the app, finds it on their list and acknowledges it.
	const gpContext = await browser.newContext();
	const gp = await gpContext.newPage();
	await signedIn(gp, 'gp@hillside.test');
	const menu = gp.getByRole('navigation', { name: 'Menu' });
	const waitingLink = menu.getByRole('link', { name: /^Safeguarding \d+ to acknowledge$/ });
	const waiting = Number(/\d+/.exec((await waitingLink.textContent())!)![0]);
	expect(waiting).toBeGreaterThan(0);
	await expect(gp.getByTestId('safeguarding-notice')).toContainText('safeguarding concern');
	await gp.getByRole('link', { name: 'See the concerns raised to you' }).click();
	await expect(gp).toHaveURL(/\/safeguarding$/);
	const mine = gp.getByRole('list', { name: 'Concerns raised to you' });
	await expect(mine).toContainText(name);
	await expect(mine).toContainText('Immediate risk');
	expect(await seriousViolations(gp)).toEqual([]);
	await mine.getByRole('link', { name }).click();
	await expect(gp).toHaveURL(new RegExp(`${path}/safeguarding`));
	await hydrated(gp);
	const acknowledge = gp.getByRole('button', { name: /^Acknowledge the Domestic abuse concern/ });
	await acknowledge.click();
	await expect(gp.getByRole('alert')).toContainText('Enter the outcome');
	await gp
		.getByLabel(/^Outcome of the Domestic abuse concern/)
		.fill('Referred to the local authority safeguarding team; police informed with her consent');
	expect(await seriousViolations(gp)).toEqual([]);
	await acknowledge.click();
	await expect(gp.getByRole('status')).toContainText('Safeguarding concern acknowledged.');
	await expect(gp.getByTestId('safeguarding-outcome')).toContainText(
		'Referred to the local authority safeguarding team'
	);
	// Its text for the clinical record, details and outcome included (the GP may read them).
	const recordText = gp.getByLabel(/^Clinical record text for the domestic abuse concern/);
	await expect(recordText).toHaveValue(/^Safeguarding concern raised/);
	await expect(recordText).toHaveValue(/Category: Domestic abuse/);
	await expect(recordText).toHaveValue(/Referred to the local authority safeguarding team/);
	const gpBanner = gp.getByRole('region', { name: 'Patient banner' });
	await expect(gpBanner.getByRole('link', { name: 'Safeguarding concern open' })).toHaveCount(0);
	if (waiting > 1) {
		await expect(
			menu.getByRole('link', { name: `Safeguarding ${waiting - 1} to acknowledge` })
		).toBeVisible();
	} else {
		await expect(menu.getByRole('link', { name: 'Safeguarding', exact: true })).toBeVisible();
	}
	// Once is enough.
	const again = await gp.request.post(`/api${path}/safeguarding/${concernId}/acknowledge`, {
		data: { outcome: 'Again' },
		headers: { origin }
	});
	expect(again.status()).toBe(409);

	// The coordinator's view of the person no longer shows it open; the timeline says what
	// happened without the details.
	await coordinator.reload();
	await expect(banner.getByRole('link', { name: 'Safeguarding concern open' })).toHaveCount(0);
	await expect(card).toContainText('Acknowledged');
	await coordinator.setViewportSize({ width: 360, height: 740 });
	await fitsTheWindow(coordinator);
	await coordinator.setViewportSize({ width: 1280, height: 800 });
	await coordinator.goto(`${path}/timeline`);
	await expect(coordinator.getByText('Safeguarding concern acknowledged')).toBeVisible();
	await expect(coordinator.getByText('Safeguarding concern raised')).toBeVisible();
	await expect(coordinator.getByText('Raised to Dr Fiona Grant')).toBeVisible();
	await expect(coordinator.getByText(/bank card/)).toHaveCount(0);

	await gpContext.close();
	await coordinatorContext.close();
});

test('an observer sees that a concern is open but not its details, and cannot raise one', async ({
	page
}) => {
	await signedIn(page, 'observer@riverside.test');
	await page.goto('/caseload?scope=pcn&risk=safeguarding');
	await page.locator('table tbody a[href^="/patients/"]').first().click();
	await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
	const banner = page.getByRole('region', { name: 'Patient banner' });
	await banner.getByRole('link', { name: 'Safeguarding concern open' }).click();
	await expect(page).toHaveURL(/\/safeguarding$/);
	await expect(page.getByText(/Details of safeguarding concerns are seen only by/)).toBeVisible();
	await expect(page.getByTestId('safeguarding-concern').first()).toContainText('to Dr Tom Okafor');
	await expect(page.getByText(/Self-neglect|house was cold/)).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Raise the concern' })).toHaveCount(0);
	expect((await page.goto('/safeguarding'))?.status()).toBe(403);
});
