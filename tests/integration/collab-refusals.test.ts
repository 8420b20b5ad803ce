import { expect, it, vi } from 'vitest';
import { CLOSE } from '../../server/collab/protocol';
import { UpdateLog } from '../../server/collab/UpdateLog';
import { MAX_EDIT_BYTES, MAX_FRAME_BYTES } from '../../src/lib/domain/collab/limits';
import { browserConnection, countingClient, notes, startServer } from './collab-browser-fixtures';
import { storageDemo, storedDocument } from './collab-storage-fixtures';
import { describeEachDatabase } from './fixtures';
import { until, within } from './wait';

/** Close codes the server sent, read from its log: its own closes, and 1009 from `ws`. */
function serverCloses() {
	const codes: number[] = [];
	const warn = vi.spyOn(console, 'warn').mockImplementation((message: unknown) => {
		const text = String(message);
		const match = /^collab: closing \S+: (\d+)/.exec(text);
		if (match) codes.push(Number(match[1]));
		else if (text.includes('over the size limit')) codes.push(CLOSE.tooBig.code);
	});
	return { codes, restore: () => warn.mockRestore() };
}

describeEachDatabase('edits the server would refuse', (db) => {
	const demo = storageDemo(db);

	it('the largest edit the browser lets in fits in a frame: it is stored and reaches the others', async () => {
		const name = await demo.newMeeting();
		const server = await startServer(db(), new UpdateLog(db()));
		const writer = countingClient(server.url, name, demo.coordinator.token, { confirm: true });
		const reader = countingClient(server.url, name, demo.gp.token, { confirm: false });
		await within(Promise.all([writer.synced, reader.synced]), 'both to sync');
		notes(writer.doc, 'item-1').insert(0, 'x'.repeat(MAX_EDIT_BYTES));
		await writer.allConfirmed();
		await until(reader.doc, () => notes(reader.doc, 'item-1').length === MAX_EDIT_BYTES);
	});

	it('a browser never sends an edit over the frame limit: it takes it out, and later edits arrive', async () => {
		const name = await demo.newMeeting();
		const server = await startServer(db(), new UpdateLog(db()));
		const closes = serverCloses();
		const browser = browserConnection(server.url, name, demo.coordinator.token);
		const reader = countingClient(server.url, name, demo.gp.token, { confirm: false });
		await browser.until((view) => view.state === 'connected', 'the browser to connect');
		await within(reader.synced, 'the reader to sync');

		notes(browser.doc, 'item-1').insert(0, 'x'.repeat(MAX_FRAME_BYTES));
		await browser.until((view) => view.reason !== null, 'the browser to say so');
		expect(browser.connection.view.reason).toBe(
			'A change was too large to share, so it was taken out.'
		);
		expect(notes(browser.doc, 'item-1').toString()).toBe('');
		notes(browser.doc, 'item-2').insert(0, 'Refer to falls clinic.');
		await until(reader.doc, () => notes(reader.doc, 'item-2').toString() !== '');
		await browser.until(
			(view) => view.state === 'connected' && view.unsentEdits === 0,
			'every edit to be confirmed'
		);
		closes.restore();
		expect(closes.codes).toEqual([]);
		expect(notes(reader.doc, 'item-1').toString()).toBe('');
	});

	it('a frame the server refuses (1009) is taken out, not sent again; later edits arrive', async () => {
		const name = await demo.newMeeting();
		// A server whose limit is below the browser's, as during a deployment that lowers it.
		const server = await startServer(db(), new UpdateLog(db()), { maxPayloadBytes: 64 * 1024 });
		const closes = serverCloses();
		const browser = browserConnection(server.url, name, demo.coordinator.token);
		await browser.until((view) => view.state === 'connected', 'the browser to connect');

		notes(browser.doc, 'item-1').insert(0, 'Fine. ');
		notes(browser.doc, 'item-2').insert(0, 'x'.repeat(100 * 1024));
		await browser.until((view) => view.reason !== null, 'the browser to say so');
		notes(browser.doc, 'item-3').insert(0, 'Refer to falls clinic.');
		await browser.until(
			(view) => view.state === 'connected' && view.unsentEdits === 0,
			'the other edits to be confirmed'
		);
		closes.restore();
		expect(closes.codes).toEqual([CLOSE.tooBig.code]);
		const stored = await storedDocument(db(), name);
		expect(notes(stored, 'item-1').toString()).toBe('Fine. ');
		expect(notes(stored, 'item-2').toString()).toBe('');
		expect(notes(stored, 'item-3').toString()).toBe('Refer to falls clinic.');
	});

	it('a refusal (4400) is shown with its reason, and the browser does not try again', async () => {
		const name = await demo.newMeeting();
		const server = await startServer(db(), new UpdateLog(db()));
		const browser = browserConnection(server.url, name, demo.coordinator.token);
		await browser.until((view) => view.state === 'connected', 'the browser to connect');
		browser.connection.provider.ws!.send(Uint8Array.of(9, 0, 0));
		await browser.until((view) => view.state === 'refused', 'the refusal');
		expect(browser.connection.view.reason).toBe(
			`The server refused this page: ${CLOSE.badMessage.reason}.`
		);
		browser.connection.online();
		expect(browser.connection.provider.ws).toBeNull();
		expect(browser.connection.provider.shouldConnect).toBe(false);
	});

	it('too many messages (4429) is shown and tried again later, not refused for good', async () => {
		const name = await demo.newMeeting();
		const server = await startServer(db(), new UpdateLog(db()), {
			limits: { burst: 20, messagesPerSecond: 1 }
		});
		const browser = browserConnection(server.url, name, demo.coordinator.token);
		await browser.until((view) => view.state === 'connected', 'the browser to connect');
		const text = notes(browser.doc, 'item-1');
		for (let i = 0; i < 40; i++) text.insert(text.length, 'x');
		await browser.until((view) => view.reason !== null, 'the refusal');
		expect(browser.connection.view).toMatchObject({
			state: 'reconnecting',
			reason: 'Too many changes at once: trying again shortly.'
		});
	});
});
