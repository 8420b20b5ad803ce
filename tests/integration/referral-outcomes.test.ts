/**
 * The referrals inbox counts what triage decided (signposting counted, as it is otherwise
 * invisible), of the source and urgency chosen, and lists the referrals of one outcome.
 */
import { beforeAll, expect, it } from 'vitest';
import { defaultWorklist } from '../../src/lib/domain/worklist';
import type { SessionUser } from '../../src/lib/server/auth';
import { londonToday } from '../../src/lib/server/caseload-episodes';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { referralFilters } from '../../src/lib/server/referral-filters';
import { recordTriage } from '../../src/lib/server/referral-triage';
import {
	countReferralOutcomes,
	createReferral,
	listReferrals
} from '../../src/lib/server/referrals';
import { worklist } from '../../src/lib/server/worklist';
import { describeEachDatabase, signedInAs } from './fixtures';

describeEachDatabase('triage outcomes counted in the referrals inbox', (db) => {
	let coordinator: SessionUser;
	let hillside: SessionUser;

	beforeAll(async () => {
		await seedDemo(db());
		coordinator = (await signedInAs(db(), 'coordinator@riverside.test')).user;
		hillside = (await signedInAs(db(), 'coordinator@hillside.test')).user;
	});

	it('counts a referral signposted once triaged, under its source and nowhere else', async () => {
		const before = await countReferralOutcomes(db(), coordinator, {});
		const fromFamily = await countReferralOutcomes(db(), coordinator, { source: 'family_carer' });
		const fromSelf = await countReferralOutcomes(db(), coordinator, { source: 'self' });
		const theirs = await countReferralOutcomes(db(), hillside, {});
		const [person] = (await worklist(db(), coordinator, defaultWorklist('pcn'))).rows;
		const id = await createReferral(db(), coordinator, {
			nhsNumber: person.nhsNumber,
			source: 'family_carer',
			reason: 'Her son worries she is lonely',
			urgency: 'routine',
			referrer: 'Her son',
			receivedOn: londonToday()
		});
		expect(await countReferralOutcomes(db(), coordinator, {})).toEqual(before);
		await recordTriage(db(), coordinator, id, {
			firstContactOn: londonToday(),
			firstContactMode: 'telephone',
			firstContactById: null,
			outcome: 'signposted',
			outcomeDetail: 'Riverside lunch club',
			referredOnTo: null
		});
		expect(await countReferralOutcomes(db(), coordinator, {})).toEqual({
			...before,
			signposted: before.signposted + 1
		});
		expect(
			await countReferralOutcomes(db(), coordinator, { source: 'family_carer' })
		).toMatchObject({ signposted: fromFamily.signposted + 1 });
		expect(await countReferralOutcomes(db(), coordinator, { source: 'self' })).toEqual(fromSelf);
		expect(await countReferralOutcomes(db(), hillside, {})).toEqual(theirs);
	});

	it('lists the referrals of one outcome, triaged whatever the status asked', async () => {
		const { filters } = referralFilters(new URLSearchParams('outcome=signposted'));
		expect(filters).toMatchObject({ status: 'all', outcome: 'signposted' });
		const page = await listReferrals(db(), coordinator, { ...filters, limit: 500 });
		const counted = await countReferralOutcomes(db(), coordinator, {});
		expect(page.total).toBe(counted.signposted);
		expect(page.referrals.every((r) => r.outcome === 'signposted')).toBe(true);
		// The inbox's filter form sends its status with every outcome chosen: "open" too.
		for (const status of ['open', 'triaged', 'all']) {
			const asked = referralFilters(new URLSearchParams({ status, outcome: 'signposted' }));
			expect(asked).toEqual({ filters, problem: null });
		}
		expect(referralFilters(new URLSearchParams('outcome=ignored')).problem).toMatch(
			/^outcome must be one of/
		);
	});
});
