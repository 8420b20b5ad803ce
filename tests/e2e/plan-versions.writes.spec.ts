import { expect, type Browser, type Page } from '@playwright/test';
import { fitsTheWindow, hydrated, seriousViolations, signedIn, test } from './fixtures';

/** A Riverside patient no other spec writes a plan for. */
async function quietPatient(page: Page): Promise<string> {
	const { patients } = (await (await page.request.get('/api/patients?limit=30')).json()) as {
		patients: { id: string }[];
	};
	return patients[17].id;
}

/** Opens the patient's Plan tab as this user, in a context of its own, once connected. */
async function onPlan(browser: Browser, email: string, patientId: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signedIn(page, email);
	await page.goto(`/patients/${patientId}/plan`);
	await hydrated(page);
	await expect(page.getByTestId('connection-state')).toHaveText('Connected');
	return page;
}

/** Types at the end of a co-edited field and waits until the server has stored it. */
async function typeInto(page: Page, label: string, text: string) {
	const field = page.getByRole('textbox', { name: label, exact: true });
	await field.click();
	await page.keyboard.press('Control+End');
	await page.keyboard.type(text);
	await expect(page.getByTestId('unsent-edits')).toHaveCount(0, { timeout: 30_000 });
}

/** axe-clean, and no sideways scrolling on a phone. */
async function accessible(page: Page) {
	expect(await seriousViolations(page)).toEqual([]);
	await page.setViewportSize({ width: 360, height: 800 });
	await fitsTheWindow(page);
	await page.setViewportSize({ width: 1280, height: 800 });
}

test('a coordinator marks a plan as agreed, a GP changes it, and the compare shows what was added', async ({
	browser
}) => {
	const setUp = await browser.newPage();
	await signedIn(setUp, 'coordinator@riverside.test');
	const patientId = await quietPatient(setUp);

	const coordinator = await onPlan(browser, 'coordinator@riverside.test', patientId);
	// The agreement is read-only on the Plan tab: only Mark as agreed records it.
	const agreement = (page: Page) => page.getByTestId('plan-agreement');
	await expect(agreement(coordinator)).toContainText('Not yet agreed with');
	await expect(coordinator.getByRole('radio')).toHaveCount(0);
	await expect(coordinator.getByRole('link', { name: 'Record the agreement' })).toBeVisible();
	await typeInto(coordinator, 'Strengths', 'Cooks her own meals');
	await typeInto(coordinator, 'What should happen', 'Call the community team');

	// A contingency plan without trigger factors is refused, with the reason in the error summary.
	await coordinator.getByRole('link', { name: 'Mark as agreed' }).click();
	await expect(coordinator.getByRole('heading', { name: /Mark .* plan as agreed/ })).toBeVisible();
	await hydrated(coordinator);
	await coordinator.getByRole('radio', { name: 'Face to face' }).check();
	await coordinator.getByRole('button', { name: 'Mark as agreed' }).click();
	const summary = coordinator.locator('.nhsuk-error-summary');
	await expect(summary).toContainText('There is a problem');
	await expect(summary).toContainText('The contingency plan has no trigger factors');
	await accessible(coordinator);
	// The reason links to the field, which takes the focus once the plan has loaded.
	await coordinator
		.getByRole('link', { name: 'Add trigger factors to the contingency plan' })
		.click();
	await expect(
		coordinator.getByRole('textbox', { name: 'Trigger factors (required)' })
	).toBeFocused();
	await coordinator.goto(`/patients/${patientId}/plan/versions`);
	await expect(coordinator.getByText('No versions saved yet.', { exact: false })).toBeVisible();

	await coordinator.goto(`/patients/${patientId}/plan`);
	await hydrated(coordinator);
	await expect(coordinator.getByTestId('connection-state')).toHaveText('Connected');
	await typeInto(coordinator, 'Trigger factors (required)', 'Breathless at rest');
	await coordinator.getByRole('link', { name: 'Mark as agreed' }).click();
	await hydrated(coordinator);
	// "Other" needs its details; a date in the future is refused.
	await coordinator.getByRole('radio', { name: 'Other' }).check();
	await coordinator.getByRole('textbox', { name: 'Date agreed' }).fill('2099-01-01');
	await coordinator.getByRole('button', { name: 'Mark as agreed' }).click();
	await expect(summary).toContainText('Say how the plan was agreed');
	await expect(coordinator.getByRole('textbox', { name: 'Date agreed' })).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await coordinator.getByRole('radio', { name: 'Face to face' }).check();
	await coordinator.getByRole('textbox', { name: 'Date agreed' }).fill('');
	await coordinator
		.getByRole('textbox', { name: 'Date agreed' })
		.fill(new Date().toISOString().slice(0, 10));
	await coordinator.getByRole('button', { name: 'Mark as agreed' }).click();
	await expect(coordinator).toHaveURL(/\/plan\/versions\?agreed=/);
	await expect(coordinator.locator('.nhsuk-inset-text[role="status"]')).toContainText(
		'The plan is marked as agreed (Face to face'
	);
	const versions = coordinator.getByRole('table', { name: 'Versions of the plan, newest first' });
	await expect(versions.getByRole('row')).toHaveCount(2);
	await expect(versions).toContainText('Agreed with the person');
	await expect(versions).toContainText('Face to face');
	await expect(versions).toContainText('Priya Shah');
	await accessible(coordinator);

	// The GP adds to the plan on the Plan tab.
	const gp = await onPlan(browser, 'gp@riverside.test', patientId);
	await expect(agreement(gp)).toContainText(/Agreed with .+ on \d+ \w+ \d{4} \(Face to face\)/);
	await typeInto(gp, 'Strengths', ' and walks to the shop');
	// The Plan tab says at once that the plan is no longer the one agreed.
	await expect(agreement(gp)).toContainText(
		/Changed since it was agreed on \d+ \w+ \d{4} \(Face to face\): agree it again/
	);
	await expect(gp.getByRole('link', { name: 'Agree the changed plan' })).toBeVisible();
	await accessible(gp);

	// They compare the agreed version with the plan as it is now: the addition is marked.
	await gp.getByRole('link', { name: 'Versions', exact: true }).click();
	await gp.getByRole('link', { name: /^With the current plan/ }).click();
	await expect(gp).toHaveURL(/\/plan\/versions\/compare\?from=.*&to=current/);
	const strengths = gp.locator('.plan-part', {
		has: gp.getByRole('heading', { name: /Strengths/ })
	});
	await expect(strengths.locator('ins')).toHaveText('[added: and walks to the shop]');
	await expect(strengths.locator('ins')).toBeVisible();
	await expect(strengths.getByText('Changed', { exact: true })).toBeVisible();
	await accessible(gp);

	// The agreed version opens read-only, and the printed plan reads in plain English.
	await gp.goto(`/patients/${patientId}/plan/versions`);
	await gp.getByRole('link', { name: /^Agreed with the person ?, saved/ }).click();
	await expect(gp.getByRole('heading', { name: 'Agreed with the person' })).toBeVisible();
	await expect(gp.getByText('Cooks her own meals', { exact: true })).toBeVisible();
	await expect(gp.getByRole('textbox')).toHaveCount(0);
	// Its agreement is offered for the clinical record (uncoded: no verified concept).
	await gp.locator('summary', { hasText: 'the agreed plan' }).click();
	await expect(
		gp.getByRole('textbox', { name: 'Clinical record text for the agreed plan' })
	).toHaveValue(/Personalised care and support plan agreed[\s\S]*Face to face/);
	await accessible(gp);
	await gp.getByRole('link', { name: 'Print this version' }).click();
	await expect(gp.locator('.plan-facts')).toContainText('Agreed with the person, saved');
	await expect(gp.locator('.plan-facts')).toContainText('Yes, on');
	await expect(gp.getByText('Cooks her own meals', { exact: true })).toBeVisible();

	await gp.goto(`/patients/${patientId}/plan/print`);
	await expect(gp.getByRole('heading', { name: 'My care and support plan' })).toBeVisible();
	// The current plan is not the one agreed: its print says so, not "Yes".
	await expect(gp.locator('.plan-facts')).toContainText(
		/Changed since it was agreed on \d+ \w+ \d{4} \(face to face\): agree it again/
	);
	await expect(gp.getByRole('heading', { name: 'If things get worse' })).toBeVisible();
	await expect(
		gp.getByRole('heading', { name: 'Signs that things are getting worse' })
	).toBeVisible();
	await expect(gp.getByText('Cooks her own meals and walks to the shop')).toBeVisible();
	await expect(gp.getByRole('button', { name: 'Print this plan' })).toBeVisible();
	await accessible(gp);
	// Printed, the app's navigation and buttons are left out.
	await gp.emulateMedia({ media: 'print' });
	await expect(gp.getByRole('button', { name: 'Print this plan' })).toBeHidden();
	await expect(gp.locator('.patient-banner')).toBeHidden();
	await expect(gp.getByText('Cooks her own meals and walks to the shop')).toBeVisible();
	await gp.emulateMedia({ media: 'screen' });

	// The coordinator restores the agreed version, after confirming: a new edit of the live plan.
	await coordinator.goto(`/patients/${patientId}/plan/versions`);
	await coordinator.getByRole('link', { name: /^Agreed with the person ?, saved/ }).click();
	await coordinator.getByRole('link', { name: 'Restore this version' }).click();
	await coordinator.getByRole('button', { name: 'Yes, restore this version' }).click();
	await expect(coordinator.locator('.nhsuk-inset-text[role="status"]')).toContainText(
		'This version has been restored'
	);
	await coordinator.goto(
		`/patients/${patientId}/plan/versions/compare?from=${await agreedId(coordinator, patientId)}&to=current`
	);
	await expect(coordinator.getByText('No changes.')).toBeVisible();
	await coordinator.goto(`/patients/${patientId}/plan/print`);
	await expect(coordinator.locator('.plan-facts')).toContainText(/Yes, on \d+ \w+ \d{4}/);

	// A version saved through the API may not take the agreed plan's name.
	const versionsApi = `/api/documents/careplan:${patientId}/versions`;
	const named = await coordinator.request.post(versionsApi, {
		data: { label: '  agreed with THE   person ' }
	});
	expect(named.status()).toBe(400);
	expect(((await named.json()) as { message: string }).message).toContain(
		'is kept for plans marked as agreed with the person'
	);
	const other = await coordinator.request.post(versionsApi, {
		data: { label: 'Before the home visit' }
	});
	expect(other.status()).toBe(201);
});

test('an observer reads the versions but cannot agree or restore', async ({ browser }) => {
	const page = await (await browser.newContext()).newPage();
	await signedIn(page, 'observer@riverside.test');
	const patientId = await quietPatient(page);
	await page.goto(`/patients/${patientId}/plan/versions`);
	await expect(page.getByRole('link', { name: /^Agreed with the person ?, saved/ })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Mark as agreed' })).toHaveCount(0);
	expect((await page.goto(`/patients/${patientId}/plan/agree`))?.status()).toBe(403);
	await page.goto(`/patients/${patientId}/plan/versions`);
	await page.getByRole('link', { name: /^Agreed with the person ?, saved/ }).click();
	await expect(page.getByRole('link', { name: 'Restore this version' })).toHaveCount(0);
});

/** The id of the plan's agreed version, from its link on the versions page. */
async function agreedId(page: Page, patientId: string): Promise<string> {
	await page.goto(`/patients/${patientId}/plan/versions`);
	const href = await page
		.getByRole('link', { name: /^Agreed with the person ?, saved/ })
		.getAttribute('href');
	return href!.split('/').at(-1)!;
}
