import { expect, it } from 'vitest';
import { describeEachDatabase, signedInAs } from './fixtures';
import {
	attendance,
	client,
	connected,
	meetingChannelDemo,
	newMeeting,
	once,
	send
} from './meeting-channel-fixtures';

describeEachDatabase('meeting channel', (db) => {
	const demo = meetingChannelDemo(db);

	it('refuses a connection without a session cookie', async () => {
		const error = await once<Error>(client(demo.url), 'connect_error');
		expect(error.message).toBe('unauthorised');
	});

	it('refuses a connection with a forged session token', async () => {
		const error = await once<Error>(client(demo.url, 'abc.def'), 'connect_error');
		expect(error.message).toBe('unauthorised');
	});

	it('refuses a connection from another origin', async () => {
		const { token } = await signedInAs(db(), 'gp@riverside.test');
		const socket = client(demo.url, token, { origin: 'https://evil.example' });
		const error = await once<Error>(socket, 'connect_error');
		expect(error.message).toBe('forbidden origin');
	});

	it('a member of another PCN cannot join a Riverside meeting', async () => {
		const meetingId = await newMeeting(db());
		const hillside = await demo.as('coordinator@hillside.test');
		expect(await send(hillside, 'meeting:join', { meetingId })).toEqual({
			ok: false,
			error: 'not found'
		});
		expect(await attendance(db(), meetingId, 'coordinator@hillside.test')).toHaveLength(0);
	});

	it('endSessions disconnects every socket of that session, and no other', async () => {
		const ending = await signedInAs(db(), 'nurse@riverside.test');
		const tab1 = await connected(demo.url, ending.token);
		const tab2 = await connected(demo.url, ending.token);
		const other = await demo.as('gp@riverside.test');

		const closed = Promise.all([once(tab1, 'disconnect'), once(tab2, 'disconnect')]);
		demo.running.channel.endSessions([ending.session.id]);
		await closed;
		expect(other.connected).toBe(true);
		expect((await send(other, 'meeting:join', { meetingId: await newMeeting(db()) })).ok).toBe(
			true
		);
	});
});
