import { describe, expect, it } from 'vitest';
import { SERVICE_REFERRAL_STATUSES } from '../../src/lib/domain/community-services';
import { can, ROLES } from '../../src/lib/domain/roles';
import { statusChangeProblems, statusChoices } from '../../src/lib/domain/service-referrals';

describe('a referral to a community service moves on as a real one does', () => {
	it('a sent referral may be accepted, seen, missed, declined or closed; it cannot go back', () => {
		expect(statusChoices('sent')).toEqual(SERVICE_REFERRAL_STATUSES);
		expect(statusChangeProblems('attended', 'sent', null)).toHaveProperty('status');
		expect(statusChangeProblems('accepted', 'sent', null)).toHaveProperty('status');
	});

	it('after a missed appointment, another may be offered and attended', () => {
		expect(statusChangeProblems('did_not_attend', 'accepted', null)).toEqual({});
		expect(statusChangeProblems('did_not_attend', 'attended', 'Went the next week')).toEqual({});
	});

	it('declining and closing need the outcome in words; closed is final', () => {
		expect(statusChangeProblems('sent', 'declined', null)).toEqual({
			outcome: 'Enter why it was declined'
		});
		expect(statusChangeProblems('attended', 'closed', null)).toEqual({
			outcome: 'Enter the outcome before closing it'
		});
		expect(statusChoices('closed')).toEqual([]);
		expect(statusChangeProblems('closed', 'closed', 'x')).toHaveProperty('status');
	});

	it('the same status may be kept, to add or correct the outcome', () => {
		expect(statusChangeProblems('attended', 'attended', 'Enjoys it')).toEqual({});
	});
});

describe('who may keep the directory and refer', () => {
	it('clinical roles refer; admins also keep the directory; observers only read', () => {
		expect(ROLES.filter((r) => can(r, 'service:refer'))).not.toContain('admin');
		expect(ROLES.filter((r) => can(r, 'service:edit'))).toContain('admin');
		expect(can('observer', 'service:edit') || can('observer', 'service:refer')).toBe(false);
		expect(can('care_coordinator', 'service:refer')).toBe(true);
	});
});
