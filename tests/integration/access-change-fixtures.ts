/**
 * Fixtures for the tests of access changes reaching open sockets: a person with a care plan, a
 * meeting document and the meeting channel open, and the checks that what they send after the
 * change is neither stored nor obeyed.
 */
import { and, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { expect, onTestFinished } from 'vitest';
import type * as Y from 'yjs';
import { aboutMeFragment } from '../../src/lib/domain/collab/careplan';
import { appendParagraph, fragmentText } from '../../src/lib/domain/collab/documents';
import { addAgendaItem, agendaOrder, itemText } from '../../src/lib/domain/collab/meeting';
import { schema, type Db } from '../../src/lib/server/db';
import { connect, seesAwareness, type Client } from './collab-fixtures';
import { connected, send } from './meeting-channel-fixtures';
import { until, within } from './wait';

/** The code of the next close of the client's socket. */
export function nextClose(client: Client): Promise<number | undefined> {
	return within(
		new Promise((resolve) =>
			client.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code))
		),
		'the socket to close'
	);
}

/**
 * Waits for the client's socket to close, then opens another (the stock client gives up after a
 * 44xx, as the browser's page reload would not) and waits for it to sync; the close code.
 */
export async function reopenedAfterClose(client: Client): Promise<number | undefined> {
	const code = await nextClose(client);
	const synced = resynced(client);
	client.provider.connect();
	await synced;
	return code;
}

function resynced(client: Client): Promise<void> {
	return within(
		new Promise<void>((resolve) => {
			const onSync = (isSynced: boolean) => {
				if (!isSynced) return;
				client.provider.off('sync', onSync);
				resolve();
			};
			client.provider.on('sync', onSync);
		}),
		'the client to sync again'
	);
}

/** Resolves once `client` sees another client's awareness state that passes `check`. */

/** A stock client, destroyed when the test ends; resolves once synced. */
export async function openDocument(url: string, name: string, token: string): Promise<Client> {
	const client = connect(url, name, token);
	onTestFinished(() => client.destroy());
	await within(client.synced, `${name} to sync`);
	return client;
}

/** The http:// address of a server whose ws:// address is `url` (the meeting channel's). */
export const httpOf = (url: string) => url.replace(/^ws:/, 'http:');

/** Someone with a care plan, a meeting's document and its room open, as the GP had. */
export type Everything = { careplan: Client; meeting: Client; room: Socket; items: string[] };

/**
 * Opens a care plan and a meeting's document at `collabUrl`, puts two items on the meeting's
 * agenda and joins its room at `channelUrl` (by default the same server); the chair starts the
 * meeting and steers to the second item, so that steering is shown to work before any change.
 */
export async function openEverything(options: {
	collabUrl: string;
	channelUrl?: string;
	token: string;
	careplan: string;
	meetingId: string;
}): Promise<Everything> {
	const { collabUrl, token, meetingId } = options;
	const careplan = await openDocument(collabUrl, options.careplan, token);
	const meeting = await openDocument(collabUrl, `meeting:${meetingId}`, token);
	const items = [addAgendaItem(meeting.doc, { reason: 'Falls' })];
	items.push(addAgendaItem(meeting.doc, { reason: 'Medication review' }));
	// The room steers only to items on the live agenda: wait until the server's copy has both.
	const check = await openDocument(collabUrl, `meeting:${meetingId}`, token);
	await until(check.doc, () => agendaOrder(check.doc).length === items.length);
	check.destroy();
	const room = await connected(options.channelUrl ?? httpOf(collabUrl), token);
	expect((await send(room, 'meeting:join', { meetingId })).ok).toBe(true);
	expect((await send(room, 'meeting:start', { meetingId })).ok).toBe(true);
	const steered = await send(room, 'meeting:current-item', { meetingId, itemId: items[1] });
	expect(steered.state?.currentItemId).toBe(items[1]);
	return { careplan, meeting, room, items };
}

/**
 * A co-edited text of the document `name`, within its schema: a care plan's "what matters to me",
 * the notes of a meeting's first agenda item.
 */
export function textOf(name: string): (doc: Y.Doc) => Y.XmlFragment {
	return name.startsWith('careplan:')
		? (doc) => aboutMeFragment(doc, 'whatMattersToMe')
		: (doc) => itemText(doc, 'item-1', 'notes');
}

/** Types `text` into the client's copy of the document `name`. */
export function type(client: Client, name: string, text: string): void {
	appendParagraph(textOf(name)(client.doc), text);
}

/** What the client's copy of the document `name` holds in that text. */
export function read(client: Client, name: string): string {
	return fragmentText(textOf(name)(client.doc));
}

/** Rows of a document's log written by this user. */
export async function storedBy(db: Db, name: string, userId: string): Promise<number> {
	const rows = await db
		.select({ id: schema.collabUpdate.id })
		.from(schema.collabUpdate)
		.where(and(eq(schema.collabUpdate.docName, name), eq(schema.collabUpdate.userId, userId)));
	return rows.length;
}

/**
 * Proves that `text`, typed into `sender`'s copy of the document `name`, was not stored: once the
 * sender's socket has been read up to a later awareness marker, a colleague's edit (stored and
 * applied in arrival order) reaches `witness` without it, and the log holds no more of the
 * sender's rows than `rowsBefore`.
 */
export async function expectNotStored(options: {
	db: Db;
	name: string;
	text: string;
	sender: Client;
	senderId: string;
	rowsBefore: number;
	colleague: Client;
	witness: Client;
}): Promise<void> {
	const { sender, colleague, witness, name } = options;
	const marker = `after-${crypto.randomUUID()}`;
	sender.provider.awareness.setLocalStateField('marker', marker);
	await seesAwareness(colleague, (state) => state.marker === marker);
	const stamp = `colleague ${crypto.randomUUID()}`;
	type(colleague, name, stamp);
	await until(witness.doc, () => read(witness, name).includes(stamp));
	expect(read(witness, name)).not.toContain(options.text);
	expect(await storedBy(options.db, name, options.senderId)).toBe(options.rowsBefore);
}
