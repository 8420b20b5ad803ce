/**
 * Who may do what: the roles of a PCN team, the permission table, and every access rule built on
 * them. Pure and shared by the routes, the socket servers (/collab and the meeting channel) and
 * the UI, so that a page, an API, a form action and a socket all give one answer. No other
 * module names a role.
 */

/** The roles a member of a PCN can hold, as the MDT knows them. */
export const ROLES = [
	'gp',
	'care_coordinator',
	'social_prescribing_link_worker',
	'health_wellbeing_coach',
	'practice_nurse',
	'pharmacist',
	'admin',
	'pcn_manager',
	'observer'
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
	gp: 'GP',
	care_coordinator: 'Care coordinator',
	social_prescribing_link_worker: 'Social prescribing link worker',
	health_wellbeing_coach: 'Health and wellbeing coach',
	practice_nurse: 'Practice nurse',
	pharmacist: 'Pharmacist',
	admin: 'Admin',
	pcn_manager: 'PCN manager',
	observer: 'Observer (read only)'
};

/** The role of the person who sets up a new PCN (the setup page): they manage its users. */
export const FIRST_USER_ROLE: Role = 'admin';

/** Clinical and care roles: the people who work with patients and their plans. */
const CLINICAL: readonly Role[] = [
	'gp',
	'care_coordinator',
	'social_prescribing_link_worker',
	'health_wellbeing_coach',
	'practice_nurse',
	'pharmacist'
];

/** What a role may do. One table, so that every check in the app reads the same rules. */
export const PERMISSIONS = {
	'patient:read': ROLES,
	'patient:write': CLINICAL,
	/** Co-editing a care plan is clinical work; everyone else who may read it watches. */
	'careplan:edit': CLINICAL,
	/**
	 * Organising meetings: scheduling, their details and invite lists, adding follow-up actions.
	 * Admins organise meetings too.
	 */
	'meeting:edit': [...CLINICAL, 'admin'],
	/**
	 * Writing a meeting's clinical content: its live document (agenda items with their reasons
	 * and questions, discussion notes, outcomes and decisions) and amendments to its minutes.
	 * Clinical work: admins organise the meeting but read what the clinicians write.
	 */
	'meeting:record': CLINICAL,
	/** Changing the chair of any meeting, not only of one they organise or chair. */
	'meeting:change-any-chair': ['admin'],
	/**
	 * Steering a meeting that has no named chair (current item, timer, ending it). A named chair
	 * steers their own meeting whatever their role, as long as they may write its clinical content.
	 */
	'meeting:chair-unchaired': ['care_coordinator', 'gp'],
	/** Being named a meeting's chair: the chair leads a clinical discussion. */
	'meeting:chair': CLINICAL,
	/** Being named an agenda item's presenting professional: presenting a person is clinical work. */
	'meeting:present': CLINICAL,
	/** Being named a person's assigned care coordinator: their single point of contact. */
	'caseload:coordinate': ['care_coordinator'],
	/** Being assigned a follow-up action: the work is clinical and care work. */
	'action:be-assigned': CLINICAL,
	/**
	 * Agreeing a follow-up action for a person, in a meeting or on their record: clinical content
	 * (what is to be done for the person), so clinical and care work only; admins read actions.
	 */
	'action:create': CLINICAL,
	/** Updating a follow-up action: its status, note and assignee (clinical content, as above). */
	'action:update': CLINICAL,
	/**
	 * Receiving referrals to the care coordination service, logging attempts at a first contact
	 * and triaging them (first contact and outcome, which may put the person on the caseload):
	 * clinical and care work. Everyone who may read patients sees the inbox.
	 */
	'referral:triage': CLINICAL,
	/**
	 * Keeping the PCN's directory of community services up to date (adding and editing services,
	 * their capacity and when they were last checked) and recording what services say about
	 * capacity and gaps: clinical and care roles, and admins, who often keep such lists. Everyone
	 * who may read patients reads the directory.
	 */
	'service:edit': [...CLINICAL, 'admin'],
	/**
	 * Referring a person to a community service (social prescribing) and recording how it went:
	 * its status and outcome. Clinical and care work on the person's record.
	 */
	'service:refer': CLINICAL,
	/**
	 * Marking a care plan as agreed with the person (a named version: who, when, how agreed) and
	 * restoring an earlier version: the clinical and care roles who build plans with people.
	 */
	'careplan:agree': CLINICAL,
	/** Recording outcome measures (PAM score and level from a licensed tool, ONS4 answers). */
	'measure:record': CLINICAL,
	/**
	 * Raising a safeguarding concern and reading concerns' details (category, description,
	 * consent, outcome): clinical roles and the care coordinator. Others see only that a concern
	 * is open. Acknowledging one is for its named contact alone (mayAcknowledgeConcern).
	 */
	'safeguarding:raise': CLINICAL,
	'safeguarding:read': CLINICAL,
	/** The carers register: recording carer's assessments and the carer's support referrals. */
	'carers:record': CLINICAL,
	/** Exporting a person's whole record (FHIR R4 bundle) to another system. */
	'record:export': CLINICAL,
	'users:manage': ['admin'],
	/** The PCN's own settings, such as its target for a referral's first contact. */
	'pcn:settings': ['admin'],
	'audit:read': ['admin'],
	/**
	 * The PCN's service reports (the Reports page and its CSV downloads): figures for the whole
	 * PCN by practice, age, sex, ethnicity and deprivation, small numbers suppressed. For those
	 * who run the service and answer to commissioners: care coordinators, the PCN's manager and
	 * admins.
	 */
	'reports:read': ['care_coordinator', 'pcn_manager', 'admin']
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
	return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Someone acting: a signed-in member of the PCN. */
export type Actor = { id: string; role: Role };

/** Permissions that only let a role read: holding them changes nothing. */
const READING: readonly Permission[] = ['patient:read', 'reports:read'];

/**
 * A role that may change nothing at all (today: observers and PCN managers). Read-only people
 * sync live documents without their edits being stored, and cannot raise a hand or add actions.
 */
export function isReadOnly(role: Role): boolean {
	return !(Object.keys(PERMISSIONS) as Permission[]).some(
		(permission) => !READING.includes(permission) && can(role, permission)
	);
}

/**
 * May this person steer the meeting — set the current item, start and stop the item timer? The
 * named chair may; when there is none, any care coordinator or GP may. Never a role that may not
 * write the meeting's clinical content (observers, admins), even if once named chair.
 */
export function maySteerMeeting(actor: Actor, meeting: { chairId: string | null }): boolean {
	if (!can(actor.role, 'meeting:record')) return false;
	return meeting.chairId
		? meeting.chairId === actor.id
		: can(actor.role, 'meeting:chair-unchaired');
}

/** Ending a meeting (carry-forward, minutes) is the chair's, as steering is. */
export function mayEndMeeting(actor: Actor, meeting: { chairId: string | null }): boolean {
	return maySteerMeeting(actor, meeting);
}

/** May this role organise meetings: schedule them, change their details and invite list? */
export function mayEditMeeting(role: Role): boolean {
	return can(role, 'meeting:edit');
}

/**
 * May this role write a meeting's clinical content: its agenda, discussion notes, outcomes and
 * decisions, and amendments to its minutes? Only clinical roles; the others read them.
 */
export function mayRecordMeeting(role: Role): boolean {
	return can(role, 'meeting:record');
}

/**
 * May this person change who chairs a meeting? The chair steers the meeting and ends it, so
 * naming oneself chair must not be open to every clinician (issue 9, item 10): only the
 * organiser (who scheduled it, `createdBy`), the current chair, or an admin may; when no chair is
 * named, also those who may steer an unchaired meeting. Always someone who may organise meetings.
 */
export function mayChangeChair(
	actor: Actor,
	meeting: { chairId: string | null; createdBy: string | null }
): boolean {
	if (!can(actor.role, 'meeting:edit')) return false;
	if (can(actor.role, 'meeting:change-any-chair')) return true;
	if (actor.id === meeting.createdBy || actor.id === meeting.chairId) return true;
	return meeting.chairId === null && can(actor.role, 'meeting:chair-unchaired');
}

/**
 * May someone of this role be named a meeting's chair? Only clinical roles: admins organise
 * meetings but do not lead the discussion, and observers change nothing.
 */
export function mayChair(role: Role): boolean {
	return can(role, 'meeting:chair');
}

/**
 * May someone of this role be an agenda item's presenting professional? Only clinical roles:
 * admins organise meetings and observers watch them; neither presents a person.
 */
export function mayPresent(role: Role): boolean {
	return can(role, 'meeting:present');
}

/** May someone of this role be a person's assigned care coordinator? Care coordinators only. */
export function mayCoordinateCare(role: Role): boolean {
	return can(role, 'caseload:coordinate');
}

/** May a follow-up action be assigned to someone of this role? Only clinical roles. */
export function mayBeAssigned(role: Role): boolean {
	return can(role, 'action:be-assigned');
}

/** May this role co-edit a person's care and support plan? */
export function mayEditCarePlan(role: Role): boolean {
	return can(role, 'careplan:edit');
}

/** May this role agree a follow-up action for a person (in a meeting or on their record)? */
export function mayAddAction(role: Role): boolean {
	return can(role, 'action:create');
}

/** May this role change a follow-up action's status, note or assignee? */
export function mayUpdateAction(role: Role): boolean {
	return can(role, 'action:update');
}

/**
 * The permission that lets a role write to a live document of this kind. Both kinds are clinical
 * content, so only clinical roles write them; everyone else who may open them reads.
 */
export function documentEditPermission(kind: 'careplan' | 'meeting'): Permission {
	return kind === 'careplan' ? 'careplan:edit' : 'meeting:record';
}

/**
 * The permission to restore a saved version of a live document: for a care plan, the one that
 * agrees plans (a restore replaces what was agreed); for a meeting, writing its record.
 */
export function documentRestorePermission(kind: 'careplan' | 'meeting'): Permission {
	return kind === 'careplan' ? 'careplan:agree' : 'meeting:record';
}

/**
 * Whether this user may acknowledge a safeguarding concern: only the named contact it was raised
 * to, and only while they may read concerns' details (a role change takes it away).
 */
export function mayAcknowledgeConcern(
	actor: { id: string; role: Role },
	concern: { namedContactId: string }
): boolean {
	return can(actor.role, 'safeguarding:read') && concern.namedContactId === actor.id;
}
