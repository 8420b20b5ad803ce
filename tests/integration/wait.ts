/**
 * Waiting for events in tests. Every wait has a timeout, but only so that an event that never
 * comes fails with a message naming it: the timeout is generous, so that a busy machine never
 * trips it, and it is never what a test asserts. Tests never assert how long something took.
 */
import type * as Y from 'yjs';

/** How long a test waits for an event that should come. */
export const EVENT_TIMEOUT_MS = 20_000;

/** The timeout of a test that does far more than most: starts processes, sends many frames. */
export const LONG_TEST_TIMEOUT_MS = 300_000;

/** `promise`, or a rejection naming `what` if it has not settled within `ms`. */
export function within<T>(
	promise: Promise<T>,
	what: string,
	ms: number = EVENT_TIMEOUT_MS
): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
		promise.then(
			(value) => {
				clearTimeout(timer);
				resolve(value);
			},
			(error: unknown) => {
				clearTimeout(timer);
				reject(error);
			}
		);
	});
}

/** Resolves when `check` holds, re-checking on every change of `doc`. */
export function until(
	doc: Y.Doc,
	check: () => boolean,
	ms: number = EVENT_TIMEOUT_MS
): Promise<void> {
	return new Promise((resolve, reject) => {
		if (check()) return resolve();
		const timer = setTimeout(() => {
			doc.off('update', onUpdate);
			reject(new Error('timed out waiting for the document'));
		}, ms);
		const onUpdate = () => {
			if (!check()) return;
			clearTimeout(timer);
			doc.off('update', onUpdate);
			resolve();
		};
		doc.on('update', onUpdate);
	});
}

/** Polls `check` (for state that sends no event, such as database rows) until it is truthy. */
export async function eventually<T>(
	check: () => Promise<T | undefined | null | false>,
	ms: number = EVENT_TIMEOUT_MS
): Promise<T> {
	const deadline = Date.now() + ms;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
		await new Promise((r) => setTimeout(r, 25));
	}
}
