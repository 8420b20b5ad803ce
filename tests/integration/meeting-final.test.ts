import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { changeUpdate, setFragmentText } from '../../src/lib/domain/collab/documents';
import {
	itemText,
	markMeetingEnded,
	meetingEndedAt,
	meetingToJson
} from '../../src/lib/domain/collab/meeting';
import { ActionInputError, createAction } from '../../src/lib/server/actions';
import { authoriseDocument, meetingDocument } from '../../src/lib/server/collab-access';
import { schema, type Db } from '../../src/lib/server/db';
import { endMeeting } from '../../src/lib/server/meeting-end';
import { startMeeting } from '../../src/lib/server/meeting-room';
import { project } from '../../src/lib/server/projection';
import { isFinalDocumentError, realtime } from '../../src/lib/server/realtime-bridge';
import { createVersion, restoreVersion } from '../../src/lib/server/versions';
import * as syncProtocol from 'y-protocols/sync';
import { syncFrame, updateFrame } from './collab-abuse-fixtures';
import { rawSocket, testClient } from './collab-fixtures';
import { changedBeforeEachTransaction, describeEachDatabase } from './fixtures';
import { meetingEndDemo } from './meeting-end-fixtures';
import { within } from './wait';

// After the end the minutes are final: nothing anyone sends, and nothing the server itself would
// write, changes the meeting's document any more (hazard: "minutes changed after they were agreed").
describeEachDatabase('an ended meeting', (db) => {
	const demo = meetingEndDemo(db);

	/** A meeting with one item, started and ended by its chair. */
	async function endedMeeting(series: string, before?: (id: string) => Promise<unknown>) {
		const meeting = await demo.meeting(series);
		const agenda = await demo.agenda(meeting.id, [{ reason: 'Falls', notes: 'As agreed.' }]);
		await before?.(meeting.id);
		await startMeeting(db(), realtime(), demo.gp.user, meeting.id);
		await endMeeting(db(), realtime()!, demo.gp.user, meeting.id);
		return { meeting, ...agenda };
	}

	const notesOnServer = (meetingId: string) =>
		meetingToJson(demo.serverDoc(meetingId)).agenda[0].notes;

	/** The GP agrees an action for the item through `through`: refused, and nothing stored. */
	async function refusedAction(through: Db, meetingId: string, itemId: string, what: string) {
		const refused = createAction(through, demo.gp.user, {
			description: what,
			assigneeId: demo.nurse.user.id,
			dueDate: null,
			priority: 'routine',
			meetingId,
			agendaItemId: itemId
		});
		await expect(refused).rejects.toBeInstanceOf(ActionInputError);
		await expect(refused).rejects.toThrow(/has ended/);
		const actions = await db()
			.select()
			.from(schema.mdtAction)
			.where(eq(schema.mdtAction.meetingId, meetingId));
		expect(actions).toEqual([]);
	}

	it('refuses an edit sent afterwards by a client that was there: closed with 4410, not stored', async () => {
		const { meeting, client, ids } = await endedMeeting('Forged edit MDT');
		const stored = await demo.storedUpdates(meeting.id);
		const closed = new Promise<number>((resolve) =>
			client.provider.on('connection-close', (event: { code: number } | null) =>
				resolve(event?.code ?? 0)
			)
		);
		setFragmentText(itemText(client.doc, ids[0], 'notes'), 'Changed after the end.');
		expect(await within(closed, 'the server to close the socket')).toBe(4410);
		// A 44xx close is final for the stock client: it does not send the refused edit again.
		expect(client.provider.shouldConnect).toBe(false);
		expect(await demo.storedUpdates(meeting.id)).toBe(stored);
		expect(notesOnServer(meeting.id)).toBe('As agreed.');
	});

	it('refuses what a socket opened after the end sends too: 4410, not stored', async () => {
		const { meeting, ids } = await endedMeeting('Raw socket MDT');
		const socket = rawSocket(`${demo.server.url}/collab/meeting:${meeting.id}`, demo.nurse.token);
		const greeted = new Promise<void>((resolve) => socket.ws.once('message', () => resolve()));
		await within(socket.opened, 'the raw socket to open');
		await within(greeted, 'the greeting');
		const stored = await demo.storedUpdates(meeting.id);
		// An edit built against the server's state, as a real client's would be.
		const forged = changeUpdate(demo.serverDoc(meeting.id), (doc) =>
			setFragmentText(itemText(doc, ids[0], 'outcome'), 'Forged decision.')
		);
		socket.ws.send(updateFrame(forged));
		expect((await within(socket.closed, 'the close')).code).toBe(4410);
		expect(await demo.storedUpdates(meeting.id)).toBe(stored);
		expect(meetingToJson(demo.serverDoc(meeting.id)).agenda[0].outcome).toBe('');
	});

	it('takes what a reconnecting client already had as no change, and keeps it connected', async () => {
		const { meeting } = await endedMeeting('Reconnect MDT');
		const socket = rawSocket(`${demo.server.url}/collab/meeting:${meeting.id}`, demo.nurse.token);
		const greeted = new Promise<void>((resolve) => socket.ws.once('message', () => resolve()));
		await within(socket.opened, 'the raw socket to open');
		await within(greeted, 'the greeting');
		// A whole copy of the final document, deletions included, as a sync step 2 carries it.
		socket.ws.send(updateFrame(Y.encodeStateAsUpdate(demo.serverDoc(meeting.id))));
		const answered = new Promise<void>((resolve) => socket.ws.once('message', () => resolve()));
		socket.ws.send(syncFrame((encoder) => syncProtocol.writeSyncStep1(encoder, new Y.Doc())));
		await within(answered, 'the answer to the sync request');
		expect(socket.ws.readyState).toBe(socket.ws.OPEN);
		socket.ws.terminate();
	});

	it('refuses a forged update from a raw y-websocket client open since before the end: 4410, not stored', async () => {
		let socket: ReturnType<typeof rawSocket> | undefined;
		const { meeting, ids } = await endedMeeting('Raw before end MDT', async (meetingId) => {
			socket = rawSocket(`${demo.server.url}/collab/meeting:${meetingId}`, demo.nurse.token);
			const greeted = new Promise<void>((r) => socket!.ws.once('message', () => r()));
			await within(socket.opened, 'the raw socket to open');
			await within(greeted, 'the greeting');
		});
		const stored = await demo.storedUpdates(meeting.id);
		const forged = changeUpdate(demo.serverDoc(meeting.id), (doc) =>
			setFragmentText(itemText(doc, ids[0], 'outcome'), 'Forged decision.')
		);
		socket!.ws.send(updateFrame(forged));
		expect(await within(socket!.closed, 'the close')).toEqual({
			code: 4410,
			reason: 'meeting ended'
		});
		expect(await demo.storedUpdates(meeting.id)).toBe(stored);
		expect(meetingToJson(demo.serverDoc(meeting.id)).agenda[0].outcome).toBe('');
	});

	it('opens read-only for everyone afterwards: a new client’s edits are not stored', async () => {
		const { meeting, ids } = await endedMeeting('Late client MDT');
		const access = await authoriseDocument(db(), demo.gp.user, `meeting:${meeting.id}`);
		expect(access).toMatchObject({ readOnly: true, ended: true });
		const stored = await demo.storedUpdates(meeting.id);
		const late = testClient(demo.server.url, `meeting:${meeting.id}`, demo.gp.token);
		await within(late.synced, 'the late client to sync');
		setFragmentText(itemText(late.doc, ids[0], 'notes'), 'Written after the end.');
		// A sync round trip: the server has handled what the client sent before it answers.
		const other = testClient(demo.server.url, `meeting:${meeting.id}`, demo.nurse.token);
		await within(other.synced, 'another client to sync');
		expect(meetingToJson(other.doc).agenda[0].notes).toBe('As agreed.');
		expect(await demo.storedUpdates(meeting.id)).toBe(stored);
	});

	it('keeps the minutes as they were at the end, whatever later reaches the document', async () => {
		const { meeting, ids } = await endedMeeting('Late peer edit MDT');
		// As an edit another process accepted before it heard of the end would arrive.
		const late = new Y.Doc();
		Y.applyUpdate(late, Y.encodeStateAsUpdate(demo.serverDoc(meeting.id)));
		setFragmentText(itemText(late, ids[0], 'notes'), 'Arrived after the end.');
		await project(db(), { ...meetingDocument(meeting.organisationId, meeting.id), doc: late });
		const [item] = await db()
			.select()
			.from(schema.agendaItem)
			.where(eq(schema.agendaItem.meetingId, meeting.id));
		expect(item.notes).toBe('As agreed.');
	});

	it('refuses a client writing the end itself: 4422, not stored, and the meeting goes on', async () => {
		const meeting = await demo.meeting('Forged end MDT');
		const { client } = await demo.agenda(meeting.id, [{ reason: 'Falls', notes: 'Ongoing.' }]);
		const stored = await demo.storedUpdates(meeting.id);
		const closed = new Promise<{ code?: number; reason?: string }>((resolve) =>
			client.provider.once('connection-close', (event) =>
				resolve({ code: event?.code, reason: event?.reason })
			)
		);
		markMeetingEnded(client.doc, new Date().toISOString());
		expect(await within(closed, 'the server to close the socket')).toEqual({
			code: 4422,
			reason: 'change outside the document schema'
		});
		expect(await demo.storedUpdates(meeting.id)).toBe(stored);
		expect(meetingEndedAt(demo.serverDoc(meeting.id))).toBeNull();
		// The chair can still end it, and the minutes keep the notes.
		await startMeeting(db(), realtime(), demo.gp.user, meeting.id);
		await endMeeting(db(), realtime()!, demo.gp.user, meeting.id);
		expect(meetingEndedAt(demo.serverDoc(meeting.id))).not.toBeNull();
	});

	it('refuses a new action for it', async () => {
		const { meeting, ids } = await endedMeeting('Late action MDT');
		await refusedAction(db(), meeting.id, ids[0], 'Agreed after the end');
	});

	it('refuses a new action when the meeting ends between the action’s checks and its insert', async () => {
		const meeting = await demo.meeting('Racing action MDT');
		const { ids } = await demo.agenda(meeting.id, [{ reason: 'Falls' }]);
		await startMeeting(db(), realtime(), demo.gp.user, meeting.id);
		// The end commits just as the action's transaction opens: after its checks have passed.
		const endingMeanwhile = changedBeforeEachTransaction(db(), () =>
			db()
				.update(schema.meeting)
				.set({ status: 'ended', endedAt: new Date() })
				.where(eq(schema.meeting.id, meeting.id))
		);
		await refusedAction(endingMeanwhile, meeting.id, ids[0], 'Agreed as the meeting ended');
	});

	it('refuses the server’s own edits: a version restored, an item carried to it', async () => {
		const access = (id: string) => meetingDocument(demo.gp.user.organisationId, id);
		let versionId = '';
		const { meeting } = await endedMeeting('Restore MDT', async (meetingId) => {
			({ id: versionId } = await createVersion(
				db(),
				realtime()!,
				demo.gp.user,
				access(meetingId),
				'Before the meeting'
			));
		});
		const stored = await demo.storedUpdates(meeting.id);
		const restored = restoreVersion(db(), realtime()!, demo.gp.user, access(meeting.id), versionId);
		await expect(restored).rejects.toSatisfy(isFinalDocumentError);
		const anyEdit = changeUpdate(new Y.Doc(), (doc) => doc.getMap('agendaItems').set('x', 1));
		await expect(
			realtime()!.applyServerUpdate(access(meeting.id), anyEdit, demo.gp.user.id)
		).rejects.toSatisfy(isFinalDocumentError);
		expect(await demo.storedUpdates(meeting.id)).toBe(stored);
	});
});
