/**
 * The demo's community services and social prescribing (issue 10, items 5 and 8): Riverside's
 * directory of a dozen fictional VCSE and statutory services across the categories (phone numbers
 * in Ofcom's drama range 01632 960xxx, emails at example.org), a year of its caseload's referrals
 * to them with every status and their outcomes, and what some services said about capacity and
 * gaps. Hillside has a small directory. Synthetic, deterministic (seeded randomness; dates
 * relative to today), and seeded once per PCN.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type {
	ServiceCategory,
	ServiceFeedbackKind,
	ServiceReferralStatus
} from '../../domain/community-services';
import type { Db } from '../db';
import {
	caseloadEpisode,
	communityService,
	membership,
	patient,
	serviceFeedback,
	serviceReferral,
	user
} from '../db/schema';
import { createRandom, type Weighted } from './random';

const DAY = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

type DemoService = {
	name: string;
	category: ServiceCategory;
	description: string;
	contact: string;
	area: string;
	eligibility?: string;
	referralRoute?: string;
	capacity?: string;
	/** Days before today it was last checked; null if never. */
	checkedDaysAgo: number | null;
	active?: boolean;
	/** Why a person is referred to it (one is picked). */
	reasons: readonly string[];
};

const RIVERSIDE: DemoService[] = [
	{
		name: 'Riverside Befriending Circle',
		category: 'befriending',
		description:
			'Weekly visits or phone calls from a trained volunteer for people who feel lonely.',
		contact: '01632 960101 · befriending@riverside-circle.example.org',
		area: 'Riverside and Bridge Street',
		eligibility: 'Adults 60 and over who live alone or feel isolated',
		referralRoute: 'Referral form by email; self-referral by phone',
		capacity: 'Taking referrals; volunteer matched within 3 weeks',
		checkedDaysAgo: 21,
		reasons: ['Lives alone and rarely leaves the house', 'Lonely since bereavement last year']
	},
	{
		name: 'Telephone Friends Riverside',
		category: 'befriending',
		description: 'A friendly call at the same time each week, for people who cannot get out.',
		contact: '01632 960102',
		area: 'Whole PCN',
		eligibility: 'Adults who are housebound',
		referralRoute: 'Phone the coordinator',
		capacity: 'Short waiting list: about 2 weeks',
		checkedDaysAgo: 75,
		reasons: ['Housebound after a stroke; would like regular contact']
	},
	{
		name: 'Money Matters Advice Riverside',
		category: 'benefits_money',
		description: 'Free, confidential advice on benefits, debt and grants, including home visits.',
		contact: '01632 960110 · advice@moneymatters.example.org',
		area: 'Whole PCN',
		eligibility: 'Anyone living in the PCN’s area',
		referralRoute: 'Online referral form; drop-in Tuesdays at the library',
		capacity: '6-week wait for a full benefits check',
		checkedDaysAgo: 14,
		reasons: [
			'Worried about bills; may be entitled to Attendance Allowance',
			'Debt letters unopened; needs a benefits check'
		]
	},
	{
		name: 'Parkside Walking Group',
		category: 'physical_activity',
		description: 'Gentle, led walks of 30 to 60 minutes, finishing with tea.',
		contact: '01632 960120 · walks@parkside.example.org',
		area: 'Riverside Park',
		eligibility: 'Anyone who can walk for 30 minutes with rests',
		referralRoute: 'Drop in: Mondays and Thursdays, 10:00 at the park café',
		capacity: 'Drop-in, no wait',
		checkedDaysAgo: 40,
		reasons: ['Wants to get fitter and meet people', 'Advised to walk more for diabetes']
	},
	{
		name: 'Steady Steps Strength and Balance',
		category: 'physical_activity',
		description: 'A 12-week class to build strength and balance and prevent falls.',
		contact: '01632 960121',
		area: 'Meadow Lane Community Hall',
		eligibility: 'Over-65s with a fall or fear of falling',
		referralRoute: 'Referral by a health professional',
		capacity: 'Next course starts in 8 weeks',
		checkedDaysAgo: 120,
		reasons: ['Two falls this year; fearful of going out']
	},
	{
		name: 'Riverside Carers’ Centre',
		category: 'carers_support',
		description:
			'Support for unpaid carers: a carer’s assessment, breaks, a support group and advice.',
		contact: '01632 960130 · hello@riversidecarers.example.org',
		area: 'Whole PCN',
		eligibility: 'Unpaid carers of any age',
		referralRoute: 'Phone, email or the online form',
		capacity: 'Taking referrals',
		checkedDaysAgo: 30,
		reasons: ['Caring for his wife with dementia; exhausted', 'Carer strain; wants a break']
	},
	{
		name: 'Bridge Street Men’s Shed',
		category: 'peer_support',
		description: 'A workshop where men meet to make, mend and talk, three mornings a week.',
		contact: '01632 960140 · shed@bridgestreet.example.org',
		area: 'Bridge Street',
		eligibility: 'Men over 18; all abilities',
		referralRoute: 'Drop in, or phone to arrange a first visit with a member',
		capacity: 'Taking new members',
		checkedDaysAgo: 60,
		reasons: ['Retired and low in mood; enjoys woodwork']
	},
	{
		name: 'Living Well with Long-Term Conditions',
		category: 'self_management',
		description: 'A free six-week course on managing pain, fatigue, medicines and low mood.',
		contact: '01632 960150 · courses@livingwell.example.org',
		area: 'Whole PCN, online or in person',
		eligibility: 'Adults with one or more long-term conditions',
		referralRoute: 'Referral form; self-referral welcome',
		capacity: 'Next course in 4 weeks; places limited to 12',
		checkedDaysAgo: 45,
		reasons: ['Struggling to manage COPD and diabetes together']
	},
	{
		name: 'Calm Minds Wellbeing Café',
		category: 'mental_wellbeing',
		description:
			'A weekly drop-in café with peer support workers for people feeling low or anxious.',
		contact: '01632 960160',
		area: 'Riverside Library',
		eligibility: 'Adults; not a crisis service',
		referralRoute: 'Drop in on Wednesdays, 14:00 to 16:00',
		capacity: 'Drop-in, no wait',
		checkedDaysAgo: 200,
		reasons: ['Anxious and low since retirement']
	},
	{
		name: 'Riverside Housing Options',
		category: 'housing',
		description: 'The council’s team for repairs, adaptations, rehousing and homelessness advice.',
		contact: '01632 960170 · housingoptions@riverside-council.example.org',
		area: 'Riverside borough',
		eligibility: 'Residents of the borough',
		referralRoute: 'Online form, or phone for urgent cases',
		capacity: 'Adaptations assessed within 10 weeks',
		checkedDaysAgo: 90,
		reasons: ['Damp flat worsening breathing', 'Cannot manage the stairs at home']
	},
	{
		name: 'Back to Work Riverside',
		category: 'employment',
		description: 'One-to-one support to find and keep work alongside a health condition.',
		contact: '01632 960180 · team@backtowork.example.org',
		area: 'Whole PCN',
		eligibility: 'Working-age adults out of work because of their health',
		referralRoute: 'Referral form by email',
		capacity: 'Taking referrals',
		checkedDaysAgo: 150,
		reasons: ['Wants to return to work after long sickness absence']
	},
	{
		name: 'Digital Skills Drop-in',
		category: 'training',
		description: 'Help to use a phone or tablet: video calls, the NHS App, online shopping.',
		contact: '01632 960190',
		area: 'Riverside Library',
		eligibility: 'Anyone',
		referralRoute: 'Drop in, Fridays 10:00 to 12:00',
		capacity: 'Closed until further notice (volunteers needed)',
		checkedDaysAgo: 10,
		active: false,
		reasons: ['Wants to order repeat prescriptions on the NHS App']
	}
];

const HILLSIDE: DemoService[] = [
	{
		name: 'Hillside Good Neighbours',
		category: 'befriending',
		description: 'Volunteer befrienders and help with shopping.',
		contact: '01632 960201',
		area: 'Hillside',
		checkedDaysAgo: 30,
		reasons: []
	},
	{
		name: 'Quarry Road Advice Point',
		category: 'benefits_money',
		description: 'Benefits and debt advice.',
		contact: '01632 960202',
		area: 'Hillside',
		checkedDaysAgo: null,
		reasons: []
	}
];

const DEMO_SERVICES: Record<string, { seed: number; services: DemoService[]; referrals: number }> =
	{
		U99901: { seed: 3030, services: RIVERSIDE, referrals: 60 },
		U99902: { seed: 4040, services: HILLSIDE, referrals: 0 }
	};

/** Where the year's referrals end up, and how often. */
const STATUSES: Weighted<ServiceReferralStatus> = [
	['attended', 30],
	['closed', 25],
	['accepted', 12],
	['did_not_attend', 10],
	['declined', 10],
	['sent', 13]
];

const OUTCOMES: Partial<Record<ServiceReferralStatus, readonly string[]>> = {
	attended: [
		'Goes every week; says she looks forward to it and feels less alone',
		'Attended the first session; plans to keep going',
		'Benefits check done: Attendance Allowance claim made'
	],
	did_not_attend: [
		'Did not go to the first session; felt too anxious. Will offer to go with them',
		'Missed the appointment: unwell that day'
	],
	declined: [
		'Service declined: outside their area',
		'The person decided it was not for them after the first call',
		'Service full; advised to try again in 3 months'
	],
	closed: [
		'Completed the course; goals met, confidence managing pain improved',
		'Attended for 3 months, now goes independently: closed',
		'No contact after two letters: closed and GP informed'
	],
	accepted: ['Service has been in touch; first visit arranged']
};

const FEEDBACK: { service: string; kind: ServiceFeedbackKind; note: string; daysAgo: number }[] = [
	{
		service: 'Money Matters Advice Riverside',
		kind: 'capacity',
		note: 'Waiting time for a full benefits check up from 3 to 6 weeks; urgent cases still seen in a week',
		daysAgo: 14
	},
	{
		service: 'Steady Steps Strength and Balance',
		kind: 'gap',
		note: 'No class in Bridge Street: people there cannot get to Meadow Lane without transport',
		daysAgo: 60
	},
	{
		service: 'Riverside Befriending Circle',
		kind: 'quality',
		note: 'Most people matched within 3 weeks; feedback from families very positive',
		daysAgo: 35
	},
	{
		service: 'Digital Skills Drop-in',
		kind: 'capacity',
		note: 'Paused: two volunteers left. Asked the PCN to share the volunteer advert',
		daysAgo: 10
	},
	{
		service: 'Calm Minds Wellbeing Café',
		kind: 'gap',
		note: 'Nothing in the evenings for people who work; the café asks for a second session',
		daysAgo: 120
	}
];

/**
 * Seeds a PCN's directory once (none yet), then its social prescribing referrals: about a year of
 * the caseload's referrals to active services, with every status and an outcome where one would
 * be recorded, and some services' feedback.
 */
export async function seedDemoServices(
	db: Db,
	organisationId: string,
	pcnOdsCode: string
): Promise<void> {
	const options = DEMO_SERVICES[pcnOdsCode];
	if (!options) return;
	const [existing] = await db
		.select({ id: communityService.id })
		.from(communityService)
		.where(eq(communityService.organisationId, organisationId))
		.limit(1);
	if (existing) return;
	const staff = await referrersOf(db, organisationId);
	if (staff.length === 0) return;
	const random = createRandom(options.seed);
	const today = Date.parse(`${isoDay(Date.now())}T00:00:00Z`);
	const daysAgo = (days: number) => isoDay(today - days * DAY);

	await db.transaction(async (tx) => {
		const created = await tx
			.insert(communityService)
			.values(
				options.services.map(({ checkedDaysAgo, reasons: _reasons, ...service }) => ({
					...service,
					organisationId,
					lastCheckedOn: checkedDaysAgo === null ? null : daysAgo(checkedDaysAgo)
				}))
			)
			.returning({ id: communityService.id, name: communityService.name });
		const ids = new Map(created.map((s) => [s.name, s.id]));
		const feedback = FEEDBACK.filter((f) => ids.has(f.service)).map((f) => ({
			organisationId,
			serviceId: ids.get(f.service)!,
			recordedOn: daysAgo(f.daysAgo),
			kind: f.kind,
			note: f.note,
			by: random.pick(staff)
		}));
		if (feedback.length > 0) await tx.insert(serviceFeedback).values(feedback);

		const people = options.referrals > 0 ? await caseloadOf(tx, organisationId) : [];
		if (people.length === 0) return;
		const referable = options.services.filter((s) => s.active !== false);
		const open = new Set<string>();
		const rows: (typeof serviceReferral.$inferInsert)[] = [];
		for (let i = 0; i < options.referrals; i += 1) {
			const service = random.pick(referable);
			const person = random.pick(people);
			const status = random.weighted(STATUSES);
			// At most one open referral of a person to a service, as the app allows.
			const key = `${person}:${service.name}`;
			const isOpen = status === 'sent' || status === 'accepted';
			if (isOpen && open.has(key)) continue;
			if (isOpen) open.add(key);
			// Still waiting: sent recently. Otherwise any time in the year.
			const sentDaysAgo = status === 'sent' ? random.int(1, 20) : random.int(14, 360);
			const outcomes = OUTCOMES[status];
			rows.push({
				organisationId,
				patientId: person,
				serviceId: ids.get(service.name)!,
				sentOn: daysAgo(sentDaysAgo),
				reason: random.pick(service.reasons),
				status,
				outcome: outcomes ? random.pick(outcomes) : null,
				by: random.pick(staff),
				createdAt: new Date(today - sentDaysAgo * DAY),
				updatedAt: new Date(today - Math.floor(sentDaysAgo / 2) * DAY)
			});
		}
		if (rows.length > 0) await tx.insert(serviceReferral).values(rows);
	});
}

/** The members who refer people to services in the demo: the coordinator and the link worker. */
async function referrersOf(db: Db, organisationId: string): Promise<string[]> {
	const members = await db
		.select({ id: user.id, role: membership.role })
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(eq(membership.organisationId, organisationId))
		.orderBy(asc(user.email));
	return members
		.filter((m) => ['care_coordinator', 'social_prescribing_link_worker'].includes(m.role))
		.map((m) => m.id);
}

/** The people on the caseload (an open episode), by NHS number: whom the team refers. */
async function caseloadOf(db: Db, organisationId: string): Promise<string[]> {
	const rows = await db
		.select({ id: patient.id })
		.from(patient)
		.innerJoin(
			caseloadEpisode,
			and(eq(caseloadEpisode.patientId, patient.id), isNull(caseloadEpisode.closedOn))
		)
		.where(eq(patient.organisationId, organisationId))
		.orderBy(asc(patient.nhsNumber));
	return rows.map((r) => r.id);
}
