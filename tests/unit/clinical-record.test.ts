import { describe, expect, it } from 'vitest';
import {
	clinicalRecordText,
	MDT_CONFERENCE_SNOMED,
	UNCODED,
	type ClinicalRecordInput
} from '../../src/lib/domain/clinical-record';
import { FRAILTY_SNOMED } from '../../src/lib/domain/frailty';

// Every SCTID in shared/domain/README.md "SNOMED CT codes verified in public sources".
const VERIFIED = new Set([
	'871731000000106',
	'871711000000103',
	'425268008',
	'962851000000103',
	'925431000000109',
	'925791000000100',
	'925831000000107',
	'925861000000102',
	'768820003',
	'384682003',
	'444804000',
	'816281000000101',
	'1515861000000103',
	'1515871000000105',
	'1515881000000107',
	'1515891000000109',
	'1515901000000105',
	'1515911000000107',
	'1515921000000101'
]);

const item: ClinicalRecordInput = {
	meeting: { title: 'Riverside frailty MDT', date: '2026-11-16' },
	patient: { name: 'Joan Example', nhsNumber: '9990000018', efiDeficits: 14 },
	reason: 'Severe frailty; two falls this month',
	notes: 'Two falls at home in March.\nLives alone; daughter visits daily.',
	decision: 'Refer to falls clinic; OT home assessment',
	actions: [
		{ description: 'Refer to the falls clinic', assignee: 'Dr Tom Okafor', dueDate: '2026-11-23' },
		{ description: 'OT home assessment', assignee: 'Priya Shah', dueDate: null }
	]
};

const codesIn = (text: string) => [...text.matchAll(/\[SNOMED CT (\d+)\]/g)].map((m) => m[1]);

describe('text for the clinical record', () => {
	const text = clinicalRecordText(item);

	it('opens with the MDT procedure code and the date of the meeting', () => {
		expect(text.split('\n')[0]).toBe(
			'Multidisciplinary care conference (procedure) [SNOMED CT 384682003] — 16 Nov 2026'
		);
		expect(MDT_CONFERENCE_SNOMED).toBe('384682003');
	});

	it('codes the frailty category exactly as verified', () => {
		expect(text).toContain('Severe frailty [SNOMED CT 925861000000102] (eFI 14/36 deficits)');
		expect(
			codesIn(clinicalRecordText({ ...item, patient: { ...item.patient, efiDeficits: 6 } }))
		).toContain(FRAILTY_SNOMED.mild);
		expect(
			codesIn(clinicalRecordText({ ...item, patient: { ...item.patient, efiDeficits: 10 } }))
		).toContain(FRAILTY_SNOMED.moderate);
	});

	it('uses no code that is not in the verified table', () => {
		for (const deficits of [null, 0, 4, 5, 9, 13, 36]) {
			const each = clinicalRecordText({
				...item,
				patient: { ...item.patient, efiDeficits: deficits }
			});
			for (const code of codesIn(each)) expect(VERIFIED.has(code)).toBe(true);
		}
		expect(codesIn(text)).toEqual(['384682003', '925861000000102']);
	});

	it('contains no other 15 to 18 digit number', () => {
		const long = [...text.matchAll(/\d{15,18}/g)].map((m) => m[0]);
		expect(long).toEqual(['925861000000102']);
	});

	it('labels what has no verified code as uncoded', () => {
		expect(text).toContain(`Decision ${UNCODED}:`);
		expect(text).toContain(`Actions ${UNCODED}:`);
		const fit = clinicalRecordText({ ...item, patient: { ...item.patient, efiDeficits: 2 } });
		expect(fit).toContain(`Frailty: fit (eFI 2/36 deficits) ${UNCODED}`);
		expect(codesIn(fit)).toEqual(['384682003']);
	});

	it('shows the patient with a spaced NHS number, the discussion line by line and the decision', () => {
		expect(text).toContain('Patient: Joan Example, NHS number 999 000 0018');
		expect(text).toContain('Reason for discussion: Severe frailty; two falls this month');
		expect(text).toContain(
			'Discussion:\n  Two falls at home in March.\n  Lives alone; daughter visits daily.'
		);
		expect(text).toContain('\n  Refer to falls clinic; OT home assessment\n');
	});

	it('keeps a nested list nested: its items indented under their parent item', () => {
		const nested = clinicalRecordText({
			...item,
			notes: '- Falls\n  - Two in March\n  - One in April\n- Lives alone',
			decision: '  Refer to falls clinic\n    - urgent'
		});
		expect(nested).toContain(
			'Discussion:\n  - Falls\n    - Two in March\n    - One in April\n  - Lives alone\n'
		);
		// An indentation every line shares is the text's, not nesting: it goes.
		expect(nested).toContain(`Decision ${UNCODED}:\n  Refer to falls clinic\n    - urgent\n`);
	});

	it('lists each action with its owner and due date', () => {
		expect(text).toContain('  - Refer to the falls clinic — owner: Dr Tom Okafor, due 23 Nov 2026');
		expect(text).toContain('  - OT home assessment — owner: Priya Shah, due no date set');
	});

	it('says so when nothing was written', () => {
		const empty = clinicalRecordText({
			...item,
			notes: ' ',
			decision: '',
			actions: [],
			reason: ''
		});
		expect(empty).toContain('Discussion:\n  None recorded');
		expect(empty).toContain(`Decision ${UNCODED}:\n  None recorded`);
		expect(empty).toContain(`Actions ${UNCODED}:\n  None`);
		expect(empty).toContain('Reason for discussion: not recorded');
	});
});

describe('amendments in the clinical record text', () => {
	it('follow the actions, each with its date and who made it', () => {
		const text = clinicalRecordText({
			...item,
			amendments: [
				{
					text: 'Referral is to the community falls service.\nNot the hospital clinic.',
					by: 'Sam Whitfield',
					date: '2026-11-18'
				}
			]
		});
		expect(text.split('\n').slice(-3)).toEqual([
			'Amendments after the meeting:',
			'  - 18 Nov 2026, Sam Whitfield: Referral is to the community falls service.',
			'    Not the hospital clinic.'
		]);
	});

	it('are left out when there are none', () => {
		expect(clinicalRecordText(item)).not.toContain('Amendments');
	});
});

describe('typed text cannot break the record text', () => {
	const text = clinicalRecordText({
		...item,
		meeting: { title: 'Frailty MDT\rDecision:\u0007', date: '2026-11-16' },
		patient: { ...item.patient, name: 'Joan\r\nExample\u001b[8m' },
		reason: 'Falls\u0000',
		notes: 'First line\r\nSecond\rThird\u2028Fourth\u001b[2J',
		decision: 'Refer\u0007 to falls clinic',
		actions: [{ description: 'Call\r\nher GP', assignee: 'Dr\tTom\u0085Okafor', dueDate: null }],
		amendments: [{ text: 'Late\rnote', by: 'Sam\r\nWhitfield', date: '2026-11-18' }]
	});

	it('removes every control character but the newline between lines', () => {
		expect(text).not.toMatch(/[^\P{Cc}\n]/u);
	});

	it('keeps names, titles and actions on their own line', () => {
		expect(text).toContain('Meeting: Frailty MDT Decision:\n');
		expect(text).toContain('Patient: Joan Example[8m, NHS number 999 000 0018');
		expect(text).toContain('Reason for discussion: Falls\n');
		expect(text).toContain('  - Call her GP — owner: Dr Tom Okafor, due no date set');
		expect(text).toContain('  - 18 Nov 2026, Sam Whitfield: Late\n    note');
	});

	it('keeps the lines of the notes, each a line of its own under its heading', () => {
		expect(text).toContain('Discussion:\n  First line\n  Second\n  Third\n  Fourth[2J\n');
		expect(text).toContain('  Refer to falls clinic\n');
	});

	it('puts a reason of several lines beneath its heading', () => {
		const several = clinicalRecordText({ ...item, reason: 'Falls\r\nLives alone' });
		expect(several).toContain('Reason for discussion:\n  Falls\n  Lives alone\nDiscussion:');
	});
});
