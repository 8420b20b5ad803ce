import { expect, it } from 'vitest';
import { UpdateLog } from '../../server/collab/UpdateLog';
import type { Db } from '../../src/lib/server/db';
import { browserConnection, countingClient, notes, startServer } from './collab-browser-fixtures';
import { logRows, storageDemo, storedDocument } from './collab-storage-fixtures';
import { describeEachDatabase, signedInAs } from './fixtures';
import { until, within } from './wait';

/** An update log whose appends can be held back: stored, but not yet committed. */
class HeldLog extends UpdateLog {
	#held: Promise<void> | undefined;

	constructor(db: Db) {
		super(db);
	}

	/** Holds every append, from now on, until the returned function is called. */
	hold(): () => void {
		let release!: () => void;
		this.#held = new Promise((resolve) => (release = resolve));
		return () => {
			this.#held = undefined;
			release();
		};
	}

	override async append(docName: string, update: Uint8Array, userId: string | null) {
		await this.#held;
		return super.append(docName, update, userId);
	}
}

describeEachDatabase('confirmations of stored edits', (db) => {
	const demo = storageDemo(db);

	it('a client that asks is told when each update it sent is stored, and never before', async () => {
		const name = await demo.newMeeting();
		const log = new HeldLog(db());
		const server = await startServer(db(), log);
		const client = countingClient(server.url, name, demo.coordinator.token, { confirm: true });
		await within(client.synced, 'the client to sync');
		// Its sync step 2 was empty (nothing to send), and is confirmed all the same.
		await client.allConfirmed();
		expect(client.counts.sent).toBeGreaterThan(0);
		expect(await logRows(db(), name)).toHaveLength(0);

		const release = log.hold();
		const before = client.counts.confirmed;
		notes(client.doc, 'item-1').insert(0, 'Refer to falls clinic.');
		expect(client.counts.sent).toBe(before + 1);
		await client.roundTrip();
		expect(client.counts.confirmed).toBe(before);

		release();
		await client.allConfirmed();
		const stored = await storedDocument(db(), name);
		expect(notes(stored, 'item-1').toString()).toBe('Refer to falls clinic.');
	});

	it('confirmations go only to those who asked: a stock client and an observer get none', async () => {
		const name = await demo.newMeeting();
		const server = await startServer(db(), new UpdateLog(db()));
		const observer = await signedInAs(db(), 'observer@riverside.test');
		const asking = countingClient(server.url, name, demo.coordinator.token, { confirm: true });
		const stock = countingClient(server.url, name, demo.gp.token, { confirm: false });
		const readOnly = countingClient(server.url, name, observer.token, { confirm: true });
		await within(Promise.all([asking.synced, stock.synced, readOnly.synced]), 'all to sync');

		notes(stock.doc, 'item-1').insert(0, 'Stop amlodipine. ');
		await until(asking.doc, () => notes(asking.doc, 'item-1').length > 0);
		notes(asking.doc, 'item-2').insert(0, 'Refer to falls clinic.');
		notes(readOnly.doc, 'item-3').insert(0, 'Not saved.');
		await asking.allConfirmed();
		await stock.roundTrip();
		await readOnly.roundTrip();

		expect(asking.counts.confirmations).toBeGreaterThan(0);
		expect(stock.counts.confirmations).toBe(0);
		expect(readOnly.counts.confirmations).toBe(0);
		const stored = await storedDocument(db(), name);
		expect(notes(stored, 'item-3').toString()).toBe('');
	});

	it('edits made while disconnected count as unsent until the reconnection has stored them', async () => {
		const name = await demo.newMeeting();
		const server = await startServer(db(), new UpdateLog(db()));
		const browser = browserConnection(server.url, name, demo.coordinator.token);
		await browser.until((view) => view.state === 'connected', 'the browser to connect');

		browser.connection.provider.disconnect();
		const text = notes(browser.doc, 'item-1');
		text.insert(0, 'Daughter to be called. ');
		text.insert(text.length, 'Review in two weeks.');
		expect(browser.connection.view.unsentEdits).toBe(2);

		browser.connection.online();
		await browser.until(
			(view) => view.state === 'connected' && view.unsentEdits === 0,
			'the edits to be confirmed'
		);
		const stored = await storedDocument(db(), name);
		expect(notes(stored, 'item-1').toString()).toBe('Daughter to be called. Review in two weeks.');
	});
});
