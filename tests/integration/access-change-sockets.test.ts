import { afterAll, beforeAll, expect, it, onTestFinished } from 'vitest';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { updateMember } from '../../src/lib/server/users';
import {
	expectNotStored,
	httpOf,
	openDocument,
	openEverything,
	read,
	reopenedAfterClose,
	storedBy,
	type
} from './access-change-fixtures';
import { demoDocuments, startCollabServer, type CollabServerHandle } from './collab-fixtures';
import { describeEachDatabase, signedInAs } from './fixtures';
import { connected, newMeeting, send } from './meeting-channel-fixtures';
import { until } from './wait';

type SignedIn = Awaited<ReturnType<typeof signedInAs>>;

describeEachDatabase('a change of role reaches the sockets already open', (db) => {
	let server: CollabServerHandle;
	let careplan: string;
	let admin: SignedIn;
	let coordinator: SignedIn;
	let nurse: SignedIn;

	beforeAll(async () => {
		await seedDemo(db());
		careplan = (await demoDocuments(db())).riverside.careplan;
		// Sessions are checked again only hourly: nothing but the access change can act in time.
		server = await startCollabServer(db(), { sessionCheckMs: 60 * 60 * 1000 });
		admin = await signedInAs(db(), 'admin@riverside.test');
		coordinator = await signedInAs(db(), 'coordinator@riverside.test');
		nurse = await signedInAs(db(), 'nurse@riverside.test');
	});
	afterAll(async () => {
		await server?.close();
	});

	it('a GP made observer can no longer store edits to a care plan or a meeting, nor steer it', async () => {
		const gp = await signedInAs(db(), 'gp@riverside.test');
		onTestFinished(async () => {
			await updateMember(db(), admin.user, gp.user.id, { role: 'gp' });
		});
		const meetingId = await newMeeting(db(), 'gp@riverside.test');
		const names = [careplan, `meeting:${meetingId}`];
		const open = await openEverything({
			collabUrl: server.url,
			token: gp.token,
			careplan,
			meetingId
		});
		const gpDocs = [open.careplan, open.meeting];
		const colleagues = await Promise.all(
			names.map((name) => openDocument(server.url, name, coordinator.token))
		);
		const witnesses = await Promise.all(
			names.map((name) => openDocument(server.url, name, nurse.token))
		);
		const rowsBefore = await Promise.all(names.map((name) => storedBy(db(), name, gp.user.id)));
		const reopened = gpDocs.map(reopenedAfterClose);

		expect(await updateMember(db(), admin.user, gp.user.id, { role: 'observer' })).toBe(true);
		// Sent straight after the change, over the sockets opened as a GP.
		names.forEach((name, i) => type(gpDocs[i], name, `LATE EDIT ${i}`));
		const itemId = open.items[0];
		const item = send(open.room, 'meeting:current-item', { meetingId, itemId });
		const timer = send(open.room, 'meeting:timer', { meetingId, itemId, action: 'start' });

		expect(await item).toEqual({ ok: false, error: 'read only' });
		expect(await timer).toEqual({ ok: false, error: 'read only' });
		// Each document socket is closed as one whose access changed; the client opens another,
		// read-only, which sends the late edit again: it is not stored either.
		expect(await Promise.all(reopened)).toEqual([4403, 4403]);
		for (const [i, name] of names.entries()) {
			await expectNotStored({
				db: db(),
				name,
				text: `LATE EDIT ${i}`,
				sender: gpDocs[i],
				senderId: gp.user.id,
				rowsBefore: rowsBefore[i],
				colleague: colleagues[i],
				witness: witnesses[i]
			});
		}
		const watcher = await connected(httpOf(server.url), coordinator.token);
		const joined = await send(watcher, 'meeting:join', { meetingId });
		expect(joined.state).toMatchObject({ currentItemId: open.items[1], timer: { itemId: null } });
		// The room shows them as an observer now.
		expect(joined.presence?.find((p) => p.userId === gp.user.id)?.role).toBe('observer');
	});

	it('an observer made a GP is given a socket that stores their edits', async () => {
		const observer = await signedInAs(db(), 'observer@riverside.test');
		onTestFinished(async () => {
			await updateMember(db(), admin.user, observer.user.id, { role: 'observer' });
		});
		const client = await openDocument(server.url, careplan, observer.token);
		const reopened = reopenedAfterClose(client);
		expect(await updateMember(db(), admin.user, observer.user.id, { role: 'gp' })).toBe(true);
		expect(await reopened).toBe(4403);
		const rowsBefore = await storedBy(db(), careplan, observer.user.id);
		type(client, careplan, 'Now a GP: reviewed.');
		const witness = await openDocument(server.url, careplan, nurse.token);
		await until(witness.doc, () => read(witness, careplan).includes('Now a GP: reviewed.'));
		expect(await storedBy(db(), careplan, observer.user.id)).toBeGreaterThan(rowsBefore);
	});
});
