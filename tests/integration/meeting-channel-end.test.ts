import { afterEach, expect, it } from 'vitest';
import type { MeetingEnded } from '../../src/lib/domain/meeting-channel';
import { endMeeting } from '../../src/lib/server/meeting-end';
import { startMeeting } from '../../src/lib/server/meeting-room';
import { realtime } from '../../src/lib/server/realtime-bridge';
import { describeEachDatabase } from './fixtures';
import { connected, disconnectClients, once, send } from './meeting-channel-fixtures';
import { meetingEndDemo } from './meeting-end-fixtures';

// One process, no Redis (REDIS_URL is not set for the tests): the end reaches the room through
// the meeting channel of the server that ended it.
describeEachDatabase('the end of a meeting, told through the meeting channel', (db) => {
	const demo = meetingEndDemo(db);
	afterEach(disconnectClients);

	it('everyone in the room hears meeting:ended with the time the service ended it', async () => {
		const meeting = await demo.meeting('Told MDT');
		await demo.agenda(meeting.id, [{ reason: 'Falls', notes: 'Two falls this month.' }]);
		await startMeeting(db(), realtime(), demo.gp.user, meeting.id);
		const url = demo.server.url.replace(/^ws:/, 'http:');
		const [chair, coordinator] = await Promise.all([
			connected(url, demo.gp.token),
			connected(url, demo.coordinator.token)
		]);
		for (const socket of [chair, coordinator]) {
			expect(await send(socket, 'meeting:join', { meetingId: meeting.id })).toMatchObject({
				ok: true
			});
		}
		const told = [chair, coordinator].map((socket) => once<MeetingEnded>(socket, 'meeting:ended'));

		const ended = await endMeeting(db(), realtime()!, demo.gp.user, meeting.id);
		const expected = { meetingId: meeting.id, endedAt: ended!.endedAt.toISOString() };
		expect(await Promise.all(told)).toEqual([expected, expected]);
	});
});
