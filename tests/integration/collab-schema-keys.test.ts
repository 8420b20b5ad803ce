import { expect, it } from 'vitest';
import { changeUpdate, metaMap } from '../../src/lib/domain/collab/documents';
import { agendaItems, meetingToJson, updateAgendaItem } from '../../src/lib/domain/collab/meeting';
import { updateFrame } from './collab-abuse-fixtures';
import { rawSocket } from './collab-fixtures';
import { describeEachDatabase } from './fixtures';
import { meetingEndDemo } from './meeting-end-fixtures';
import { eventually, until, within } from './wait';

// A key outside a document's schema is refused before it is stored, over a real socket: a
// mutated but well-formed update once stored stray keys in real documents.
describeEachDatabase('a key outside the document’s schema', (db) => {
	const demo = meetingEndDemo(db);

	it('a stray key in a meeting’s meta, sent by a stock client: closed with 4422, not stored', async () => {
		const meeting = await demo.meeting('Stray meta MDT');
		const { client } = await demo.agenda(meeting.id, [{ reason: 'Falls' }]);
		const stored = await demo.storedUpdates(meeting.id);
		const closed = new Promise<{ code?: number; reason?: string }>((resolve) =>
			client.provider.once('connection-close', (event) =>
				resolve({ code: event?.code, reason: event?.reason })
			)
		);
		metaMap(client.doc).set('stray', 'x');
		expect(await within(closed, 'the server to close the socket')).toEqual({
			code: 4422,
			reason: 'change outside the document schema'
		});
		expect(await demo.storedUpdates(meeting.id)).toBe(stored);
		expect(metaMap(demo.serverDoc(meeting.id)).has('stray')).toBe(false);
	});

	it('an agenda entry that is not an item: closed with 4422, not stored, the agenda still edits', async () => {
		const meeting = await demo.meeting('Stray item MDT');
		const { client, ids } = await demo.agenda(meeting.id, [{ reason: 'Falls' }], demo.coordinator);
		const socket = rawSocket(`${demo.server.url}/collab/meeting:${meeting.id}`, demo.nurse.token);
		const greeted = new Promise<void>((resolve) => socket.ws.once('message', () => resolve()));
		await within(socket.opened, 'the raw socket to open');
		await within(greeted, 'the greeting');
		const stored = await demo.storedUpdates(meeting.id);
		const server = demo.serverDoc(meeting.id);
		// Built against the server's state, as a real client's edit would be.
		socket.ws.send(
			updateFrame(changeUpdate(server, (d) => agendaItems(d).set('not-an-item', 'junk')))
		);
		expect(await within(socket.closed, 'the close')).toEqual({
			code: 4422,
			reason: 'change outside the document schema'
		});
		expect(await demo.storedUpdates(meeting.id)).toBe(stored);
		expect(agendaItems(server).has('not-an-item')).toBe(false);

		// Another person's edit to the agenda is stored as before.
		updateAgendaItem(client.doc, ids[0], { status: 'discussed' });
		await until(server, () => meetingToJson(server).agenda[0].status === 'discussed');
		await eventually(async () => (await demo.storedUpdates(meeting.id)) > stored);
	});
});
