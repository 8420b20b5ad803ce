import { expect, it } from 'vitest';
import { describeEachDatabase } from './fixtures';
import {
	meetingChannelDemo,
	newMeeting,
	once,
	send,
	type Answer
} from './meeting-channel-fixtures';

describeEachDatabase('meeting channel', (db) => {
	// No refill: a flood is refused however slowly the machine gets through it.
	const demo = meetingChannelDemo(db, { rate: { burst: 20, perSecond: 0 } });

	it('a malformed payload gets an error answer and the server keeps serving', async () => {
		const meetingId = await newMeeting(db());
		const socket = await demo.as('gp@riverside.test');
		const bad = await send(socket, 'meeting:join', { meetingId: 'not-a-uuid' });
		expect(bad.ok).toBe(false);
		expect(bad.error).toMatch(/^invalid payload: meetingId/);
		expect((await send(socket, 'meeting:hand', 'nonsense')).ok).toBe(false);
		expect((await send(socket, 'meeting:current-item', { meetingId, itemId: '' })).ok).toBe(false);
		socket.emit('meeting:timer', null); // no acknowledgement at all
		expect((await send(socket, 'meeting:join', { meetingId })).ok).toBe(true);
	});

	it('a flooding client is rate limited and then disconnected', async () => {
		const socket = await demo.as('coach@riverside.test');
		const answers: Answer[] = [];
		const dropped = once(socket, 'disconnect');
		for (let i = 0; i < 200; i++) {
			socket.emit('meeting:hand', { meetingId: 'x', raised: true }, (a: Answer) => answers.push(a));
		}
		await dropped;
		expect(answers.some((a) => a.error === 'rate limited')).toBe(true);
	});
});
