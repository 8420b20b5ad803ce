import { describe, expect, it } from 'vitest';
import { defaultWorklist, parseWorklistQuery, worklistSearch } from '../../src/lib/domain/worklist';

const ID = '0b6f6a3c-8d2e-4a51-9a7e-2f1c3d4e5f60';

describe('the worklist query in the URL', () => {
	it('reads every filter and sort, and writes them back the same', () => {
		const search = `?scope=pcn&episode=off&practice=${ID}&coordinator=none&risk=frailty&risk=safeguarding&review=due&nocontact=30&q=Smith&sort=age&dir=desc&page=3`;
		const query = parseWorklistQuery(new URLSearchParams(search), 'mine');
		expect(query).toEqual({
			scope: 'pcn',
			episode: 'off',
			practiceId: ID,
			coordinatorId: 'none',
			risks: ['frailty', 'safeguarding'],
			reviewDue: true,
			noContactDays: 30,
			search: 'Smith',
			sort: 'age',
			direction: 'desc',
			page: 3
		});
		expect(worklistSearch(query)).toBe(search);
		expect(parseWorklistQuery(new URLSearchParams(worklistSearch(query)), 'mine')).toEqual(query);
	});

	it('falls back to the defaults for anything unknown, never failing the page', () => {
		const query = parseWorklistQuery(
			new URLSearchParams(
				'scope=everyone&episode=maybe&practice=1;drop&coordinator=x&risk=boredom&nocontact=9999&sort=shoe&page=-2'
			),
			'mine'
		);
		expect(query).toEqual(defaultWorklist('mine'));
		expect(defaultWorklist('mine').episode).toBe('open');
		expect(defaultWorklist('pcn').episode).toBe('any');
	});

	it('leaves the defaults out of links, and a change resets nothing else', () => {
		const base = defaultWorklist('mine');
		expect(worklistSearch(base)).toBe('?scope=mine');
		expect(worklistSearch({ ...base, risks: ['frailty'] }, { sort: 'review', page: 1 })).toBe(
			'?scope=mine&risk=frailty&sort=review'
		);
	});
});
