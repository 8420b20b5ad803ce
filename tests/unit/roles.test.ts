import { describe, expect, it } from 'vitest';
import {
	can,
	documentEditPermission,
	documentRestorePermission,
	isReadOnly,
	mayAddAction,
	mayChangeChair,
	mayEditCarePlan,
	mayEditMeeting,
	mayBeAssigned,
	mayChair,
	mayEndMeeting,
	mayPresent,
	mayRecordMeeting,
	maySteerMeeting,
	mayUpdateAction,
	ROLES,
	type Role
} from '../../src/lib/domain/roles';

const clinical: Role[] = [
	'gp',
	'care_coordinator',
	'social_prescribing_link_worker',
	'health_wellbeing_coach',
	'practice_nurse',
	'pharmacist'
];
const actor = (role: Role, id = `${role}-id`) => ({ id, role });

describe('who may do what', () => {
	it('every role may read patients; only observers and PCN managers are read-only', () => {
		for (const role of ROLES) expect(can(role, 'patient:read')).toBe(true);
		expect(ROLES.filter(isReadOnly)).toEqual(['pcn_manager', 'observer']);
	});

	it('care coordinators, admins and PCN managers read the service reports; no one else', () => {
		expect(ROLES.filter((role) => can(role, 'reports:read'))).toEqual([
			'care_coordinator',
			'admin',
			'pcn_manager'
		]);
	});

	it('clinical roles write care plans; admins and observers watch them', () => {
		expect(ROLES.filter(mayEditCarePlan)).toEqual(clinical);
	});

	it('clinical roles and admins organise meetings; observers do not', () => {
		expect(ROLES.filter(mayEditMeeting)).toEqual([...clinical, 'admin']);
	});

	it('only clinical roles agree or update follow-up actions (clinical content); admins read them', () => {
		expect(ROLES.filter(mayAddAction)).toEqual(clinical);
		expect(ROLES.filter(mayUpdateAction)).toEqual(clinical);
	});

	it('only clinical roles write a meeting’s agenda, notes and outcomes; admins read them', () => {
		expect(ROLES.filter(mayRecordMeeting)).toEqual(clinical);
	});

	it('only clinical roles chair a meeting, present a person or are assigned an action', () => {
		expect(ROLES.filter(mayChair)).toEqual(clinical);
		expect(ROLES.filter(mayPresent)).toEqual(clinical);
		expect(ROLES.filter(mayBeAssigned)).toEqual(clinical);
	});

	it('only admins manage users and read the audit trail', () => {
		expect(ROLES.filter((r) => can(r, 'users:manage'))).toEqual(['admin']);
		expect(ROLES.filter((r) => can(r, 'audit:read'))).toEqual(['admin']);
	});

	it('a document kind is written under its own permission', () => {
		expect(documentEditPermission('careplan')).toBe('careplan:edit');
		expect(documentEditPermission('meeting')).toBe('meeting:record');
		// Restoring a care plan replaces what was agreed: the permission that agrees plans.
		expect(documentRestorePermission('careplan')).toBe('careplan:agree');
		expect(documentRestorePermission('meeting')).toBe('meeting:record');
	});

	it('live documents are clinical content: only clinical roles write them', () => {
		for (const kind of ['careplan', 'meeting'] as const) {
			expect(ROLES.filter((r) => can(r, documentEditPermission(kind)))).toEqual(clinical);
		}
	});
});

describe('steering and ending a meeting', () => {
	it('the named chair steers and ends it, whatever their role; nobody else does', () => {
		const meeting = { chairId: 'practice_nurse-id' };
		expect(maySteerMeeting(actor('practice_nurse'), meeting)).toBe(true);
		expect(mayEndMeeting(actor('practice_nurse'), meeting)).toBe(true);
		for (const role of ROLES.filter((r) => r !== 'practice_nurse')) {
			expect(maySteerMeeting(actor(role), meeting)).toBe(false);
			expect(mayEndMeeting(actor(role), meeting)).toBe(false);
		}
	});

	it('without a chair, care coordinators and GPs steer and end it', () => {
		const meeting = { chairId: null };
		expect(ROLES.filter((r) => maySteerMeeting(actor(r), meeting))).toEqual([
			'gp',
			'care_coordinator'
		]);
		expect(ROLES.filter((r) => mayEndMeeting(actor(r), meeting))).toEqual([
			'gp',
			'care_coordinator'
		]);
	});

	it('an observer named as chair still cannot steer: read-only is read-only', () => {
		const meeting = { chairId: 'observer-id' };
		expect(maySteerMeeting(actor('observer'), meeting)).toBe(false);
	});
});

describe('changing a meeting’s chair', () => {
	const meeting = { chairId: 'practice_nurse-id', createdBy: 'care_coordinator-id' };

	it('the organiser, the current chair and admins may; no other clinician may', () => {
		expect(ROLES.filter((r) => mayChangeChair(actor(r), meeting))).toEqual([
			'care_coordinator',
			'practice_nurse',
			'admin'
		]);
	});

	it('a GP who neither organised nor chairs it cannot make themselves chair', () => {
		expect(mayChangeChair(actor('gp'), meeting)).toBe(false);
	});

	it('an organiser who has become an observer no longer may', () => {
		expect(mayChangeChair(actor('observer', 'care_coordinator-id'), meeting)).toBe(false);
	});

	it('with no chair named, those who may steer it then may name one, as may the organiser', () => {
		const unchaired = { chairId: null, createdBy: 'pharmacist-id' };
		expect(ROLES.filter((r) => mayChangeChair(actor(r), unchaired))).toEqual([
			'gp',
			'care_coordinator',
			'pharmacist',
			'admin'
		]);
	});
});

describe('admins read clinical content', () => {
	it('an admin named chair before the rule cannot steer or end the meeting', () => {
		const meeting = { chairId: 'admin-id' };
		expect(maySteerMeeting(actor('admin'), meeting)).toBe(false);
		expect(mayEndMeeting(actor('admin'), meeting)).toBe(false);
	});
});
