/**
 * Vocabulary of the coordinator's contacts with a person and the appointments they arrange for
 * them (the database enums, the forms and the pages read these).
 */

/** How a contact was made (a contact log entry). */
export const CONTACT_KINDS = ['call', 'visit', 'message', 'letter'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export const CONTACT_KIND_LABELS: Record<ContactKind, string> = {
	call: 'Phone call',
	visit: 'Visit',
	message: 'Message',
	letter: 'Letter'
};

/** What an appointment is for: a follow-up after a hospital discharge is named as such. */
export const APPOINTMENT_KINDS = ['appointment', 'follow_up', 'discharge_follow_up'] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];

export const APPOINTMENT_KIND_LABELS: Record<AppointmentKind, string> = {
	appointment: 'Appointment',
	follow_up: 'Follow-up',
	discharge_follow_up: 'Follow-up after hospital discharge'
};

export const APPOINTMENT_STATUSES = ['booked', 'attended', 'did_not_attend', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = {
	booked: 'Booked',
	attended: 'Attended',
	did_not_attend: 'Did not attend',
	cancelled: 'Cancelled'
};

/** Reminders the appointment form offers, in minutes before the appointment (null: none). */
export const REMINDERS = { none: null, hour: 60, day: 24 * 60, twoDays: 2 * 24 * 60 } as const;
export type Reminder = keyof typeof REMINDERS;

export const REMINDER_LABELS: Record<Reminder, string> = {
	none: 'No reminder',
	hour: 'An hour before',
	day: 'The day before',
	twoDays: 'Two days before'
};
