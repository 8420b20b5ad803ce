import { expect, it } from 'vitest';
import { describeEachDatabase } from './fixtures';
import { meetingChannelDemo, newMeeting, once, send, userId } from './meeting-channel-fixtures';

describeEachDatabase('meeting channel', (db) => {
	const demo = meetingChannelDemo(db);

	it('notifyAction reaches the meeting room and the assignee’s personal room', async () => {
		const meetingId = await newMeeting(db());
		const chair = await demo.as('gp@riverside.test');
		await send(chair, 'meeting:join', { meetingId });
		const assignee = await demo.as('linkworker@riverside.test'); // not in the meeting room
		const assigneeId = await userId(db(), 'linkworker@riverside.test');
		const action = {
			id: crypto.randomUUID(),
			description: 'Refer to the falls prevention group',
			assigneeId,
			dueDate: '2026-06-30',
			priority: 'soon' as const,
			status: 'open' as const,
			patientId: null
		};

		const inRoom = once(chair, 'action:changed');
		const personal = once(assignee, 'action:assigned');
		demo.running.channel.notifyAction({
			kind: 'created',
			meetingId,
			organisationId: 'ignored-here',
			assigneeId,
			action
		});
		expect(await inRoom).toEqual({ kind: 'created', action });
		expect(await personal).toEqual({ kind: 'created', action });
	});

	it('a reassignment reaches the one who had the action, wherever they are', async () => {
		const coach = await demo.as('coach@riverside.test'); // had it; in no meeting room
		const nurse = await demo.as('nurse@riverside.test'); // has it now
		const [coachId, nurseId] = [
			await userId(db(), 'coach@riverside.test'),
			await userId(db(), 'nurse@riverside.test')
		];
		const action = {
			id: crypto.randomUUID(),
			description: 'Arrange a home visit',
			assigneeId: nurseId,
			dueDate: null,
			priority: 'routine' as const,
			status: 'open' as const,
			patientId: null
		};
		const formerHears = once(coach, 'action:changed');
		const newHears = once(nurse, 'action:assigned');
		demo.running.channel.notifyAction({
			kind: 'assigned',
			meetingId: null,
			organisationId: 'ignored-here',
			assigneeId: nurseId,
			previousAssigneeId: coachId,
			action
		});
		expect(await formerHears).toEqual({ kind: 'assigned', action });
		expect(await newHears).toEqual({ kind: 'assigned', action });
	});
});
