import { date, index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ACTION_PRIORITIES, ACTION_STATUSES } from '../../../domain/actions';
import { timestamps } from './columns';
import { meeting } from './meetings';
import { owningOrganisation, user } from './organisations';
import { patient } from './patients';

export const actionStatus = pgEnum('action_status', ACTION_STATUSES);
export const actionPriority = pgEnum('action_priority', ACTION_PRIORITIES);

/** A follow-up action agreed at an MDT (or elsewhere), owned by one member of the team. */
export const mdtAction = pgTable(
	'mdt_action',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: owningOrganisation(),
		meetingId: uuid('meeting_id').references(() => meeting.id),
		agendaItemId: text('agenda_item_id'),
		patientId: uuid('patient_id').references(() => patient.id),
		description: text('description').notNull(),
		assigneeId: uuid('assignee_id')
			.notNull()
			.references(() => user.id),
		dueDate: date('due_date', { mode: 'string' }),
		priority: actionPriority('priority').notNull().default('routine'),
		status: actionStatus('status').notNull().default('open'),
		statusNote: text('status_note'),
		/** When it was marked done (null while it is not): the MDT report's time to completion. */
		completedAt: timestamp('completed_at', { withTimezone: true }),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => user.id),
		...timestamps
	},
	(t) => [
		index('mdt_action_assignee_idx').on(t.assigneeId, t.status),
		index('mdt_action_meeting_idx').on(t.meetingId),
		index('mdt_action_patient_idx').on(t.patientId),
		// Reports: actions created, and completed, in a period.
		index('mdt_action_organisation_created_idx').on(t.organisationId, t.createdAt),
		index('mdt_action_organisation_completed_idx').on(t.organisationId, t.completedAt)
	]
);
export type MdtAction = typeof mdtAction.$inferSelect;
