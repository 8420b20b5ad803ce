import { describe, expect, it } from 'vitest';
import {
	activityRecordText,
	contactRecordText,
	measureActivity,
	mdtDiscussionRecordText,
	ons4RecordText,
	pamRecordText,
	planAgreedRecordText,
	planReviewRecordText,
	referralRecordText,
	safeguardingConcernRecordText,
	socialPrescribingReferralRecordText,
	triageRecordText
} from '../../src/lib/domain/activity-record';
import { snomedConcepts, UNCODED_LABEL } from '../../src/lib/domain/snomed';

const patient = { name: 'Joan Example', nhsNumber: '9990000018' };
const VERIFIED = new Set(snomedConcepts().map((c) => c.sctid));
const codesIn = (text: string) => [...text.matchAll(/\[SNOMED CT (\d+)\]/g)].map((m) => m[1]);

const texts = {
	referral: referralRecordText({
		patient,
		receivedOn: '2026-11-02',
		source: 'hospital_discharge',
		referrer: 'Ward 7 discharge team',
		urgency: 'soon',
		reason: 'Lives alone after a fall',
		recordedBy: 'Sam Whitfield'
	}),
	triage: triageRecordText({
		patient,
		receivedOn: '2026-11-02',
		firstContactOn: '2026-11-03',
		firstContactMode: 'telephone',
		outcome: 'accepted',
		outcomeDetail: null,
		referredOnTo: null,
		triagedOn: '2026-11-03',
		triagedBy: 'Sam Whitfield'
	}),
	contact: contactRecordText({
		patient,
		occurredAt: new Date('2026-11-16T10:30:00Z'),
		kind: 'call',
		withWhom: 'Joan and her daughter',
		summary: 'Discussed the falls clinic.\nDaughter will drive her.',
		durationMinutes: 15,
		by: 'Sam Whitfield'
	}),
	socialPrescribing: socialPrescribingReferralRecordText({
		patient,
		sentOn: '2026-11-10',
		service: 'Riverside Befriending',
		reason: 'Lonely since her husband died',
		status: 'accepted',
		outcome: null,
		by: 'Ali Link'
	}),
	planAgreed: planAgreedRecordText({
		patient,
		agreedOn: '2026-11-12',
		how: 'In person at home, with her daughter',
		agreedBy: 'Sam Whitfield',
		reviewDate: '2027-02-12'
	}),
	planReview: planReviewRecordText({
		patient,
		reviewedOn: '2026-11-20',
		reviewedBy: 'Sam Whitfield',
		notes: 'Goals still right'
	}),
	pam: pamRecordText({ patient, recordedOn: '2026-11-01', score: 47.1, by: 'Pat Coach' }),
	ons4: ons4RecordText({
		patient,
		recordedOn: '2026-11-01',
		answers: { lifeSatisfaction: 4, worthwhile: 7, happy: 9, anxious: 6 },
		by: 'Pat Coach'
	}),
	safeguarding: safeguardingConcernRecordText({
		patient,
		raisedOn: '2026-11-05',
		category: 'financial',
		namedContact: 'Dr Tom Okafor',
		consentToShare: 'yes',
		immediateRisk: false,
		raisedBy: 'Sam Whitfield'
	}),
	mdt: mdtDiscussionRecordText({
		meeting: { title: 'Frailty MDT', date: '2026-11-16' },
		patient: { ...patient, efiDeficits: null },
		reason: 'Falls',
		notes: '',
		decision: '',
		actions: []
	})
};

describe('copy to clinical record for each kind of activity', () => {
	it('opens every text with what happened and when, and names the patient', () => {
		for (const [kind, text] of Object.entries(texts)) {
			expect(text.split('\n')[0], kind).toMatch(/ — (\w{3} )?\d{1,2} \w{3} 2026/);
			expect(text, kind).toContain('Joan Example, NHS number 999 000 0018');
		}
	});

	it('uses only codes of the verified table', () => {
		for (const [kind, text] of Object.entries(texts)) {
			for (const code of codesIn(text)) expect(VERIFIED.has(code), `${kind}: ${code}`).toBe(true);
		}
	});

	it('codes what has a verified code', () => {
		expect(texts.socialPrescribing.split('\n')[0]).toBe(
			'Referral to social prescribing service [SNOMED CT 871731000000106] — 10 Nov 2026'
		);
		expect(texts.planReview.split('\n')[0]).toBe(
			'Review of care plan [SNOMED CT 425268008] — 20 Nov 2026'
		);
		expect(texts.pam).toContain('PAM-13 score [SNOMED CT 925431000000109]: 47.1');
		expect(texts.pam).toContain(
			'Patient Activation Measure level [SNOMED CT 962851000000103]: 2 (Lacks knowledge and confidence to act)'
		);
		expect(codesIn(texts.mdt)).toEqual(['384682003']);
	});

	it('labels what has no verified code', () => {
		expect(texts.referral.split('\n')[0]).toBe(
			`Referral to care coordinator ${UNCODED_LABEL} — 2 Nov 2026`
		);
		expect(texts.triage.split('\n')[0]).toContain(UNCODED_LABEL);
		expect(texts.contact.split('\n')[0]).toBe(
			`Care coordination contact: phone call ${UNCODED_LABEL} — Mon 16 Nov 2026, 10:30`
		);
		expect(texts.planAgreed.split('\n')[0]).toBe(
			`Personalised care and support plan agreed ${UNCODED_LABEL} — 12 Nov 2026`
		);
		expect(texts.ons4.split('\n')[0]).toContain(UNCODED_LABEL);
		expect(texts.safeguarding.split('\n')[0]).toContain(UNCODED_LABEL);
		for (const text of [texts.referral, texts.contact, texts.planAgreed, texts.ons4]) {
			expect(codesIn(text)).toEqual([]);
		}
		expect(UNCODED_LABEL).toBe('(no verified SNOMED CT code)');
	});

	it('says who recorded it', () => {
		expect(texts.referral).toContain('Recorded by: Sam Whitfield');
		expect(texts.triage).toContain('Triaged by: Sam Whitfield');
		expect(texts.contact).toContain('Recorded by: Sam Whitfield');
		expect(texts.socialPrescribing).toContain('Referred by: Ali Link');
		expect(texts.pam).toContain('Recorded by: Pat Coach');
		expect(texts.safeguarding).toContain('Raised by: Sam Whitfield');
	});

	it('keeps a summary’s lines indented under its heading', () => {
		expect(texts.contact).toContain(
			'Summary:\n  Discussed the falls clinic.\n  Daughter will drive her.'
		);
	});

	it('codes a triage that refers the person on to a link worker as a social prescribing referral', () => {
		const text = triageRecordText({
			patient,
			receivedOn: '2026-11-02',
			firstContactOn: null,
			firstContactMode: null,
			outcome: 'referred_on',
			outcomeDetail: 'Wants a walking group',
			referredOnTo: 'social_prescribing_link_worker',
			triagedOn: '2026-11-04',
			triagedBy: null
		});
		expect(codesIn(text)).toEqual(['871731000000106']);
		expect(text).toContain('Referred on to: Social prescribing link worker');
		expect(text).toContain('First contact: not made');
	});

	it('bands each ONS4 answer on its own and never sums them', () => {
		expect(texts.ons4).toContain(
			'how satisfied are you with your life nowadays? 4 out of 10 (low)'
		);
		expect(texts.ons4).toContain('how happy did you feel yesterday? 9 out of 10 (very high)');
		expect(texts.ons4).toContain('how anxious did you feel yesterday? 6 out of 10 (high)');
		expect(texts.ons4).not.toMatch(/total|\b26\b/i);
	});

	it('leaves a safeguarding concern’s description out unless it is given', () => {
		expect(texts.safeguarding).not.toContain('Concern:');
		expect(texts.safeguarding).toContain('Category: Financial or material abuse');
		const withDetail = safeguardingConcernRecordText({
			patient,
			raisedOn: '2026-11-05',
			category: 'neglect',
			namedContact: 'Dr Tom Okafor',
			consentToShare: 'not_asked',
			immediateRisk: true,
			raisedBy: null,
			description: 'No food in the house'
		});
		expect(withDetail).toContain('Concern: No food in the house');
		expect(withDetail).toContain('Immediate risk: yes');
	});

	it('removes control characters from what people typed', () => {
		const text = contactRecordText({
			patient: { name: 'Joan\r\nExample\u0007', nhsNumber: '9990000018' },
			occurredAt: new Date('2026-11-16T10:30:00Z'),
			kind: 'visit',
			withWhom: 'Joan\rDecision: none',
			summary: 'Line\u001b[2J',
			durationMinutes: null,
			by: 'Sam\nWhitfield'
		});
		expect(text).not.toMatch(/[^\P{Cc}\n]/u);
		expect(text).toContain('With: Joan Decision: none\n');
		expect(text).toContain('Recorded by: Sam Whitfield');
	});
});

describe('an activity carried by the timeline', () => {
	it('reads a stored PAM and a valid ONS4, and nothing from a broken ONS4', () => {
		const row = { at: '2026-11-01', pamScore: null, pamLevel: null, ons4: null, by: 'Pat Coach' };
		expect(measureActivity({ ...row, kind: 'pam', pamScore: 61.3, pamLevel: 3 })).toEqual({
			kind: 'pam',
			recordedOn: '2026-11-01',
			score: 61.3,
			level: 3,
			by: 'Pat Coach'
		});
		const answers = { lifeSatisfaction: 4, worthwhile: 7, happy: 9, anxious: 6 };
		expect(measureActivity({ ...row, kind: 'ons4', ons4: answers })?.kind).toBe('ons4');
		expect(measureActivity({ ...row, kind: 'ons4', ons4: { ...answers, happy: 11 } })).toBeNull();
		expect(measureActivity({ ...row, kind: 'pam' })).toBeNull();
	});

	it('gives the same text as the function of its kind', () => {
		const record = {
			kind: 'social_prescribing_referral' as const,
			sentOn: '2026-11-10',
			service: 'Riverside Befriending',
			reason: 'Lonely since her husband died',
			status: 'accepted' as const,
			outcome: null,
			by: 'Ali Link'
		};
		expect(activityRecordText(patient, record)).toBe(texts.socialPrescribing);
	});
});
