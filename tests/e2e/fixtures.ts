import AxeBuilder from '@axe-core/playwright';
import {
	expect,
	test as base,
	type BrowserContext,
	type Locator,
	type Page,
	type WebSocketRoute
} from '@playwright/test';

/**
 * Playwright's test, closing at its end every browser context the test opened itself
 * (`browser.newContext()`), which Playwright leaves open: a room left open by one test
 * otherwise stays connected through the next ones, and its traffic lands in their traces.
 */
export const test = base.extend<{ closeOpenedContexts: void }>({
	closeOpenedContexts: [
		async ({ browser }, use) => {
			const before = new Set(browser.contexts());
			await use();
			const opened = browser.contexts().filter((context) => !before.has(context));
			await Promise.all(opened.map((context) => context.close()));
		},
		{ auto: true }
	]
});

export const DEMO_PASSWORD = 'demo-password-2026';

/** Resolves once the page has hydrated, so that clicks and form submissions are handled. */
export async function hydrated(page: Page) {
	await page.waitForFunction(() => document.body.dataset.hydrated === 'true');
}

/** Signs in through the real form, waiting for hydration first so the click is handled. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
	await page.goto('/login');
	await hydrated(page);
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * Presses a button that reveals a form field, again if the field does not appear: on a
 * loaded machine a click that lands while live updates re-render the page can be lost
 * (seen once in CI on the room's Add action). The field appearing is the assertion.
 */
export async function reveal(button: Locator, field: Locator) {
	await expect(async () => {
		if (!(await field.isVisible())) await button.click();
		await expect(field).toBeVisible({ timeout: 5_000 });
	}).toPass({ timeout: 60_000 });
}

export async function signedIn(page: Page, email: string) {
	await signIn(page, email);
	await expect(page).toHaveURL(/\/caseload/);
}

/** axe-core's serious and critical violations on the page, each as `rule: targets`. */
export async function seriousViolations(page: Page): Promise<string[]> {
	const { violations } = await new AxeBuilder({ page }).analyze();
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * The text of a collaborative field as its owner typed it: one line per paragraph, without the
 * name labels of other people's carets (which the editor draws inside the text).
 */
export function fieldText(field: Locator): Promise<string> {
	return field.evaluate((element) => {
		const copy = element.cloneNode(true) as HTMLElement;
		for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
		const blocks = [...copy.querySelectorAll('p')];
		return blocks.length > 0
			? blocks.map((block) => block.textContent ?? '').join('\n')
			: (copy.textContent ?? '');
	});
}

/**
 * The live sockets (documents and the meeting channel) of every page of a context, which the test
 * drops as a real network would: `context.setOffline` alone leaves open WebSockets open. While
 * down, new sockets are refused and counted.
 */
export async function droppableSockets(context: BrowserContext) {
	let down = false;
	let refusedDocumentSockets = 0;
	let refusedChannelSockets = 0;
	const open = new Set<{ page: WebSocketRoute; server: WebSocketRoute }>();
	await context.routeWebSocket(/\/(collab|socket\.io)\//, (page) => {
		if (down) {
			if (page.url().includes('/collab/')) refusedDocumentSockets += 1;
			else refusedChannelSockets += 1;
			return page.close({ code: 1006 });
		}
		const socket = { page, server: page.connectToServer() };
		open.add(socket);
		page.onClose(() => open.delete(socket));
	});
	return {
		/** Drops every socket; with `offline`, the browser also knows it has no network. */
		async drop(options: { offline: boolean }) {
			down = true;
			if (options.offline) await context.setOffline(true);
			for (const socket of [...open]) {
				await socket.page.close({ code: 1006 });
				await socket.server.close();
			}
		},
		async restore() {
			down = false;
			await context.setOffline(false);
		},
		refusedDocumentSockets: () => refusedDocumentSockets,
		/** Attempts of the meeting channel (socket.io) refused while down. */
		refusedChannelSockets: () => refusedChannelSockets
	};
}

/** Opens the agenda page of the PCN's next meeting of this title; returns its path. */
export async function openUpcomingMeeting(page: Page, title: string): Promise<string> {
	await page.goto('/meetings');
	await page
		.getByRole('table', { name: /Upcoming/ })
		.getByRole('link', { name: title })
		.first()
		.click();
	await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
	return new URL(page.url()).pathname;
}

/**
 * The page does not scroll sideways at its window's width (a phone's, say). On failure the
 * message names the elements that reach past the window's edge.
 */
export async function fitsTheWindow(page: Page) {
	const { scrollWidth, innerWidth, wide } = await page.evaluate(() => ({
		scrollWidth: document.documentElement.scrollWidth,
		innerWidth: window.innerWidth,
		wide: [...document.querySelectorAll('body *')]
			.filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5)
			.map((element) => `${element.tagName.toLowerCase()}.${element.className}`)
			.slice(0, 8)
	}));
	expect(
		scrollWidth,
		`wider than the window at ${page.url()}: ${wide.join(', ')}`
	).toBeLessThanOrEqual(innerWidth);
}
