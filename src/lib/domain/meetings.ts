/** The life of an MDT meeting: the database enum, the services and the meetings list read these. */

export const MEETING_STATUSES = ['scheduled', 'in_progress', 'ended', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
	scheduled: 'Scheduled',
	in_progress: 'In progress',
	ended: 'Ended',
	cancelled: 'Cancelled'
};
