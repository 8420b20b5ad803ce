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

/**
 * Where an appointment's status may go from `current`, `started` saying whether its start has
 * passed. Booked becomes cancelled at any time, and attended or did not attend once it has
 * started. Attended and did not attend stay correctable one into the other (a slip when
 * recording). Cancelled is final, and nothing goes back to booked: to book again the coordinator
 * arranges a new appointment, which the booking rules check (ahead, and never for someone
 * recorded as having died, whose booked appointments closing their episode cancelled).
 * @returns the statuses it may move to, its own not included
 */
export function appointmentStatusChoices(
	current: AppointmentStatus,
	{ started }: { started: boolean }
): AppointmentStatus[] {
	switch (current) {
		case 'booked':
			return started ? ['attended', 'did_not_attend', 'cancelled'] : ['cancelled'];
		case 'attended':
			return ['did_not_attend'];
		case 'did_not_attend':
			return ['attended'];
		case 'cancelled':
			return [];
	}
}

/** Why an appointment's status may not go from `from` to `to` (null when it may, or is unchanged). */
export function appointmentStatusRefusal(
	from: AppointmentStatus,
	to: AppointmentStatus,
	{ started }: { started: boolean }
): string | null {
	if (from === to || appointmentStatusChoices(from, { started }).includes(to)) return null;
	if (from === 'cancelled') return 'A cancelled appointment stays cancelled: arrange a new one';
	if (to === 'booked') {
		return 'Once it is recorded whether they attended, it is not booked again: arrange a new one';
	}
	if (to === 'cancelled') {
		return 'Once it is recorded whether they attended, the appointment is not cancelled';
	}
	return 'Whether they attended is known once it has started';
}
