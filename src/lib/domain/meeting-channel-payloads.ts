/**
 * The payload each meeting-channel event must carry, as zod schemas: the server validates every
 * event with them. The rest of the contract (names, answers, state) is in ./meeting-channel.ts.
 */
import { z } from 'zod';

const MeetingRef = z.object({ meetingId: z.uuid() });
const ItemRef = MeetingRef.extend({ itemId: z.string().min(1).max(100) });

/** Every event a client may send, with the payload it must carry. */
export const CLIENT_EVENTS = {
	/** Enter a meeting room: presence, attendance for the minutes, the live state. */
	'meeting:join': MeetingRef,
	'meeting:leave': MeetingRef,
	/** The chair starts the meeting: in progress, with the first item not yet discussed current. */
	'meeting:start': MeetingRef,
	/** The chair sets the agenda item everyone follows. */
	'meeting:current-item': ItemRef,
	/** The chair starts or stops the current item's timer. */
	'meeting:timer': ItemRef.extend({ action: z.enum(['start', 'stop']) }),
	'meeting:hand': MeetingRef.extend({ raised: z.boolean() })
};
