/**
 * The demo's referrals (issue 10, item 8): about a year of referrals to the care coordination
 * service from every source, triaged by telephone with each outcome (accepted, signposted to
 * what, referred on, declined), some after failed attempts, some late; and a few waiting, over
 * target or asking for a decision after three failed attempts. Synthetic, deterministic (seeded
 * randomness; dates relative to today), and seeded once per PCN.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type {
	PresentingNeed,
	ContactMode,
	ReferralSource,
	ReferralUrgency,
	ReferredOnTo,
	TriageOutcome
} from '../../domain/referrals';
import { addWorkingDays, isWorkingDay } from '../../domain/working-days';
import type { Db } from '../db';
import { caseloadEpisode, contactAttempt, membership, patient, referral, user } from '../db/schema';
import { createRandom, type Random, type Weighted } from './random';

const DAY = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

const SOURCES: Weighted<ReferralSource> = [
	['gp_practice', 35],
	['hospital_discharge', 20],
	['community_services', 15],
	['vcse', 10],
	['self', 10],
	['family_carer', 10]
];

/** Reasons as referrers write them, each with the main need it presents. */
const REASONS: Record<ReferralSource, readonly (readonly [string, PresentingNeed])[]> = {
	gp_practice: [
		[
			'Frequent attender; lives alone and struggling to manage several long-term conditions',
			'long_term_conditions'
		],
		['Recent falls and low mood; would benefit from coordinated support', 'falls_frailty'],
		['Missed several appointments; confused about medicines', 'medicines'],
		['Carer strain reported at review; needs a plan for both of them', 'carer_strain']
	],
	hospital_discharge: [
		['Discharged after a fall; needs follow-up at home and a check on equipment', 'after_hospital'],
		['Discharged after pneumonia; lives alone, no package of care', 'after_hospital'],
		[
			'Third admission this year with heart failure; coordination of community follow-up',
			'long_term_conditions'
		]
	],
	community_services: [
		['District nurses concerned about self-neglect and isolation', 'loneliness'],
		['Community matron asks for help with benefits and housing', 'money_housing'],
		['Physiotherapy discharge: would benefit from staying active locally', 'falls_frailty']
	],
	vcse: [
		['Food bank volunteers concerned about money worries and health', 'money_housing'],
		['Befriending service notes worsening memory and missed meals', 'memory']
	],
	self: [
		['Asks for help to cope with several health problems and loneliness', 'loneliness'],
		['Wants support to get out more after bereavement', 'mental_wellbeing']
	],
	family_carer: [
		['Daughter worried mum is not coping at home since dad died', 'mental_wellbeing'],
		['Husband caring alone, exhausted; asks for support for them both', 'carer_strain']
	]
};

const REFERRERS: Record<ReferralSource, readonly string[]> = {
	gp_practice: ['Dr Okafor, GP', 'Practice nurse, Bridge Street Surgery', 'Reception team lead'],
	hospital_discharge: ['Ward 7 discharge team, General Hospital', 'Frailty unit, General Hospital'],
	community_services: ['District nursing team', 'Community matron', 'Community physiotherapy'],
	vcse: ['Riverside Food Bank', 'Age UK Riverside'],
	self: ['Self-referral by telephone'],
	family_carer: ['Daughter, by telephone', 'Husband, by email']
};

const SIGNPOSTED_TO = [
	'Age UK Riverside befriending service',
	'Citizens Advice Riverside: benefits check',
	'Walking for Health group, Riverside Park',
	'Riverside Carers Hub',
	'NHS Talking Therapies (self-referral)',
	'Men’s Shed, Bridge Street',
	'Pension Credit information and application help'
];

const REFERRED_ON: Weighted<ReferredOnTo> = [
	['social_prescribing_link_worker', 5],
	['health_wellbeing_coach', 3],
	['other_professional', 2]
];

const OTHER_PROFESSIONALS = [
	'Community matron',
	'Falls prevention team',
	'Memory assessment service'
];

const DECLINE_REASONS = [
	'Already well supported by the community matron; no care coordination need',
	'The person declined: happy with their current support',
	'Moved out of the PCN’s area',
	'No reply after three attempts; letter sent and the GP informed'
];

const OUTCOMES: Weighted<Exclude<TriageOutcome, 'accepted'>> = [
	['signposted', 45],
	['referred_on', 30],
	['declined', 25]
];

const MODES: Weighted<ContactMode> = [
	['telephone', 80],
	['home_visit', 8],
	['face_to_face', 6],
	['video', 4],
	['letter', 2]
];

type Person = {
	id: string;
	episode: { id: string; openedOn: string; fromReferral: boolean } | null;
};
type Staff = { coordinator: string; others: string[] };

/** How many referrals each demo PCN gets (by ODS code): Riverside a year's, Hillside a few. */
const DEMO_REFERRALS: Record<string, { seed: number; perWeek: number; weeks: number }> = {
	U99901: { seed: 1010, perWeek: 3, weeks: 52 },
	U99902: { seed: 2020, perWeek: 1, weeks: 8 }
};

/**
 * Seeds a PCN's referrals once (none yet): about `perWeek` a week over `weeks`, triaged, and a
 * few waiting. A person whose open caseload episode came from a referral gets that referral,
 * accepted the day the episode opened (and linked to it).
 */
export async function seedDemoReferrals(
	db: Db,
	organisationId: string,
	pcnOdsCode: string
): Promise<void> {
	const options = DEMO_REFERRALS[pcnOdsCode];
	if (!options) return;
	const [existing] = await db
		.select({ id: referral.id })
		.from(referral)
		.where(eq(referral.organisationId, organisationId))
		.limit(1);
	if (existing) return;
	const staff = await staffOf(db, organisationId);
	if (!staff) return;
	const people = await peopleOf(db, organisationId);
	if (people.length === 0) return;
	const random = createRandom(options.seed);
	const today = Date.parse(`${isoDay(Date.now())}T00:00:00Z`);

	await db.transaction(async (tx) => {
		const add = (plan: Plan) => insertReferral(tx, organisationId, staff, plan);
		// Accepted from a referral: the day the episode opened.
		for (const person of people.filter((p) => p.episode?.fromReferral)) {
			const contactOn = person.episode!.openedOn;
			const receivedOn = isoDay(Date.parse(`${contactOn}T00:00:00Z`) - random.int(1, 6) * DAY);
			await add({ random, person, receivedOn, contactOn, outcome: 'accepted', failed: 0 });
		}
		// The year's flow, triaged.
		const total = Math.round((options.perWeek * options.weeks * 5) / 7);
		for (let i = 0; i < total; i += 1) {
			// Three weeks ago at the latest, so that even a late first contact is in the past.
			const receivedOn = isoDay(today - random.int(21, options.weeks * 7) * DAY);
			const late = random.chance(0.15);
			const contactOn = addWorkingDays(receivedOn, late ? random.int(6, 10) : random.int(0, 5));
			const person = random.pick(people);
			// Accepted when already on the caseload (a new referral for someone we support).
			const outcome =
				person.episode && person.episode.openedOn <= contactOn && random.chance(0.5)
					? 'accepted'
					: random.weighted(OUTCOMES);
			const failed = random.weighted([
				[0, 6],
				[1, 3],
				[2, 1]
			] as const);
			await add({ random, person, receivedOn, contactOn, outcome, failed });
		}
		// Waiting: within target, over target, and one asking for a decision.
		const waiting: [workingDaysAgo: number, failed: number][] = [
			[0, 0],
			[1, 0],
			[2, 1],
			[4, 0],
			[7, 1],
			[9, 0],
			[12, 2],
			[8, 3]
		];
		for (const [ago, failed] of waiting) {
			const receivedOn = workingDaysBefore(isoDay(today), ago);
			await add({
				random,
				person: random.pick(people),
				receivedOn,
				contactOn: null,
				outcome: null,
				failed
			});
		}
	});
}

type Plan = {
	random: Random;
	person: Person;
	receivedOn: string;
	/** The first contact's day, null while none. */
	contactOn: string | null;
	outcome: TriageOutcome | null;
	failed: number;
};

async function insertReferral(tx: Db, organisationId: string, staff: Staff, plan: Plan) {
	const { random, person, receivedOn, contactOn, outcome } = plan;
	const source = random.weighted(SOURCES);
	const urgency: ReferralUrgency =
		source === 'hospital_discharge'
			? random.weighted([
					['soon', 2],
					['urgent', 1]
				] as const)
			: random.weighted([
					['routine', 7],
					['soon', 2],
					['urgent', 1]
				] as const);
	const by = random.chance(0.8) ? staff.coordinator : random.pick(staff.others);
	const detail = outcomeDetail(random, outcome);
	const [row] = await tx
		.insert(referral)
		.values({
			organisationId,
			patientId: person.id,
			source,
			...reasonOf(random.pick(REASONS[source])),
			urgency,
			referrer: random.pick(REFERRERS[source]),
			receivedOn,
			firstContactOn: contactOn,
			firstContactMode: contactOn ? random.weighted(MODES) : null,
			firstContactBy: contactOn ? by : null,
			outcome,
			...detail,
			triagedAt: outcome && contactOn ? new Date(`${contactOn}T15:00:00Z`) : null,
			triagedBy: outcome ? by : null,
			createdBy: staff.coordinator
		})
		.returning({ id: referral.id });
	// Failed attempts on the working days after it arrived, before any first contact.
	const attempts = Array.from({ length: plan.failed }, (_, i) => ({
		organisationId,
		referralId: row.id,
		attemptedAt: new Date(`${addWorkingDays(receivedOn, i)}T${10 + i}:30:00Z`),
		mode: 'telephone' as const,
		succeeded: false,
		note: random.pick([
			'No answer',
			'No answer; voicemail left',
			'Line busy',
			'Wrong number on record'
		]),
		by
	})).filter((a) => !contactOn || a.attemptedAt.toISOString().slice(0, 10) <= contactOn);
	if (contactOn) {
		attempts.push({
			organisationId,
			referralId: row.id,
			attemptedAt: new Date(`${contactOn}T14:00:00Z`),
			mode: 'telephone',
			succeeded: true,
			note: 'Spoke with them; triage completed',
			by
		});
	}
	if (attempts.length > 0) await tx.insert(contactAttempt).values(attempts);
	if (
		outcome === 'accepted' &&
		person.episode?.fromReferral &&
		person.episode.openedOn === contactOn
	) {
		await tx
			.update(caseloadEpisode)
			.set({ referralId: row.id })
			.where(eq(caseloadEpisode.id, person.episode.id));
	}
}

function reasonOf([reason, presentingNeed]: readonly [string, PresentingNeed]) {
	return { reason, presentingNeed };
}

function outcomeDetail(random: Random, outcome: TriageOutcome | null) {
	if (outcome === 'signposted') return { outcomeDetail: random.pick(SIGNPOSTED_TO) };
	if (outcome === 'declined') return { outcomeDetail: random.pick(DECLINE_REASONS) };
	if (outcome === 'referred_on') {
		const to = random.weighted(REFERRED_ON);
		return {
			referredOnTo: to,
			outcomeDetail: to === 'other_professional' ? random.pick(OTHER_PROFESSIONALS) : null
		};
	}
	return {};
}

/** The `n`-th working day before `day` (0: `day` itself). */
function workingDaysBefore(day: string, n: number): string {
	let time = Date.parse(`${day}T00:00:00Z`);
	for (let left = n; left > 0;) {
		time -= DAY;
		if (isWorkingDay(isoDay(time))) left -= 1;
	}
	return isoDay(time);
}

async function staffOf(db: Db, organisationId: string): Promise<Staff | null> {
	const members = await db
		.select({ id: user.id, role: membership.role })
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(eq(membership.organisationId, organisationId))
		.orderBy(asc(user.email));
	const coordinator = members.find((m) => m.role === 'care_coordinator');
	if (!coordinator) return null;
	const others = members
		.filter((m) => ['social_prescribing_link_worker', 'health_wellbeing_coach'].includes(m.role))
		.map((m) => m.id);
	return { coordinator: coordinator.id, others: others.length > 0 ? others : [coordinator.id] };
}

async function peopleOf(db: Db, organisationId: string): Promise<Person[]> {
	const rows = await db
		.select({
			id: patient.id,
			episodeId: caseloadEpisode.id,
			openedOn: caseloadEpisode.openedOn,
			openReason: caseloadEpisode.openReason
		})
		.from(patient)
		.leftJoin(
			caseloadEpisode,
			and(eq(caseloadEpisode.patientId, patient.id), isNull(caseloadEpisode.closedOn))
		)
		.where(eq(patient.organisationId, organisationId))
		.orderBy(asc(patient.nhsNumber));
	return rows.map((r) => ({
		id: r.id,
		episode:
			r.episodeId && r.openedOn
				? {
						id: r.episodeId,
						openedOn: r.openedOn,
						fromReferral: r.openReason === 'accepted_from_referral'
					}
				: null
	}));
}
