/** The roles a member of a PCN can hold, as the MDT knows them. */
export const ROLES = [
	'gp',
	'care_coordinator',
	'social_prescribing_link_worker',
	'health_wellbeing_coach',
	'practice_nurse',
	'pharmacist',
	'admin',
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
	observer: 'Observer (read only)'
};

/** What a role may do. One table, so that every check in the app reads the same rules. */
export const PERMISSIONS = {
	'patient:read': ROLES,
	'patient:write': [
		'gp',
		'care_coordinator',
		'social_prescribing_link_worker',
		'health_wellbeing_coach',
		'practice_nurse',
		'pharmacist'
	],
	/** Co-editing a care plan is clinical work; everyone else who may read it watches. */
	'careplan:edit': [
		'gp',
		'care_coordinator',
		'social_prescribing_link_worker',
		'health_wellbeing_coach',
		'practice_nurse',
		'pharmacist'
	],
	'meeting:edit': [
		'gp',
		'care_coordinator',
		'social_prescribing_link_worker',
		'health_wellbeing_coach',
		'practice_nurse',
		'pharmacist',
		'admin'
	],
	'users:manage': ['admin'],
	'audit:read': ['admin']
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
	return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
