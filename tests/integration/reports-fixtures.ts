/** Inserts the hand-made dataset of reports-dataset.ts into an empty database. */
import type { Breakdown } from '../../src/lib/domain/reports';
import { schema, type Db } from '../../src/lib/server/db';
import { computeReportTable, reportContext } from '../../src/lib/server/reports';
import {
	ACTIONS,
	EPISODES,
	MEASURES,
	MEETINGS,
	PEOPLE,
	PERIOD,
	REFERRALS,
	SERVICE_REFERRALS,
	SERVICES
} from './reports-dataset';

export type ReportDataset = {
	north: string;
	south: string;
	practices: Record<'alder' | 'birch' | 'cedar' | 'zeta', string>;
	people: Record<string, string>;
};

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];
/** A value of the table as the column's type (the database checks enums). */
const as = <T>(value: string | null) => value as T;

/** Inserts the dataset into an empty database, directly (no services, no audit). */
export async function insertReportDataset(db: Db): Promise<ReportDataset> {
	const org = async (values: Insert<typeof schema.organisation>) =>
		(await db.insert(schema.organisation).values(values).returning())[0].id;
	const north = await org({
		kind: 'pcn',
		name: 'North PCN',
		odsCode: 'U90001',
		firstContactTargetDays: 5
	});
	const south = await org({ kind: 'pcn', name: 'South PCN', odsCode: 'U90002' });
	// Inserted out of order: the breakdown sorts practices by name (Alder, Birch, Cedar). South's
	// practice would sort first of all if it were listed.
	const practice = (name: string, odsCode: string, parentId: string) =>
		org({ kind: 'practice', name, odsCode, parentId });
	const practices = {
		cedar: await practice('Cedar Health Centre', 'P90003', north),
		alder: await practice('Alder Practice', 'P90001', north),
		birch: await practice('Birch Surgery', 'P90002', north),
		zeta: await practice('Aardvark Surgery', 'P90009', south)
	};
	const pcn = (name: string | null) => (name === 'south' ? south : north);
	const [user] = await db
		.insert(schema.user)
		.values({ email: 'reports@north.test', name: 'Report Tester', passwordHash: 'x' })
		.returning();

	const people: Record<string, string> = {};
	const pcnOf: Record<string, string> = {};
	for (const [key, person] of Object.entries(PEOPLE)) {
		pcnOf[key] = person.practice === 'zeta' ? south : north;
		const [row] = await db
			.insert(schema.patient)
			.values({
				organisationId: pcnOf[key],
				practiceId: practices[person.practice as keyof typeof practices],
				nhsNumber: String(9000000000 + Object.keys(people).length),
				givenName: key.toUpperCase(),
				familyName: 'Tester',
				dateOfBirth: person.born!,
				sex: as(person.sex),
				postcode: 'LS1 1AA',
				ethnicity: person.ethnicity!,
				imdDecile: person.imd === null ? null : Number(person.imd)
			})
			.returning();
		people[key] = row.id;
	}

	await db.insert(schema.referral).values(
		Object.values(REFERRALS).map((r) => ({
			organisationId: pcnOf[r.person!],
			patientId: people[r.person!],
			source: as<Insert<typeof schema.referral>['source']>(r.source),
			reason: 'For the report tests',
			presentingNeed: as<Insert<typeof schema.referral>['presentingNeed']>(r.need),
			referrer: 'Dr Test',
			receivedOn: r.received!,
			firstContactOn: r.contact,
			outcome: as<Insert<typeof schema.referral>['outcome']>(r.outcome),
			outcomeDetail: r.detail,
			referredOnTo: r.outcome === 'referred_on' ? ('health_wellbeing_coach' as const) : null
		}))
	);

	await db.insert(schema.caseloadEpisode).values(
		Object.values(EPISODES).map((e) => ({
			organisationId: pcnOf[e.person!],
			patientId: people[e.person!],
			openedOn: e.opened!,
			openReason: as<Insert<typeof schema.caseloadEpisode>['openReason']>(e.reason),
			closedOn: e.closed,
			closeReason: as<Insert<typeof schema.caseloadEpisode>['closeReason']>(e['close reason'])
		}))
	);

	const series: Record<string, string> = {};
	for (const [key, name] of [
		['north', 'North MDT'],
		['south', 'South MDT']
	]) {
		const [row] = await db
			.insert(schema.meetingSeries)
			.values({ organisationId: pcn(key), name })
			.returning();
		series[key] = row.id;
	}
	for (const [key, m] of Object.entries(MEETINGS)) {
		const [meeting] = await db
			.insert(schema.meeting)
			.values({
				organisationId: pcn(m.pcn),
				seriesId: series[m.pcn!],
				title: key,
				startsAt: new Date(m.starts!),
				status: as<Insert<typeof schema.meeting>['status']>(m.status)
			})
			.returning();
		await db.insert(schema.agendaItem).values(
			m.items!.split(' ').map((item, position) => {
				const [person, status] = item.split(':');
				return {
					meetingId: meeting.id,
					id: `${key}-${position}`,
					organisationId: pcn(m.pcn),
					position,
					patientId: person === '-' ? null : people[person],
					status
				};
			})
		);
	}

	await db.insert(schema.mdtAction).values(
		Object.values(ACTIONS).map((a) => ({
			organisationId: pcn(a.pcn),
			patientId: a.person && people[a.person],
			description: 'A follow-up',
			assigneeId: user.id,
			createdBy: user.id,
			createdAt: new Date(a.created!),
			completedAt: a.completed ? new Date(a.completed) : null,
			dueDate: a.due,
			status: as<Insert<typeof schema.mdtAction>['status']>(a.status)
		}))
	);

	await db.insert(schema.outcomeMeasure).values(
		MEASURES.map((m) => {
			const values = m.values!.split(' ').map(Number);
			const [lifeSatisfaction, worthwhile, happy, anxious] = values;
			return {
				organisationId: pcnOf[m.person!],
				patientId: people[m.person!],
				kind: as<'pam' | 'ons4'>(m.kind),
				recordedOn: m.recorded!,
				pamLevel: m.kind === 'pam' ? values[0] : null,
				pamScore: m.kind === 'pam' ? values[1] : null,
				ons4: m.kind === 'ons4' ? { lifeSatisfaction, worthwhile, happy, anxious } : null,
				createdAt: new Date(m.created ?? `${m.recorded}T12:00:00Z`)
			};
		})
	);

	const services: Record<string, string> = {};
	for (const [key, s] of Object.entries(SERVICES)) {
		const [row] = await db
			.insert(schema.communityService)
			.values({
				organisationId: pcn(s.pcn),
				name: key,
				category: as<Insert<typeof schema.communityService>['category']>(s.category),
				contact: '0113 000 0000',
				area: 'Leeds'
			})
			.returning();
		services[key] = row.id;
	}
	await db.insert(schema.serviceReferral).values(
		Object.values(SERVICE_REFERRALS).map((s) => ({
			organisationId: pcnOf[s.person!],
			patientId: people[s.person!],
			serviceId: services[s.service!],
			sentOn: s.sent!,
			reason: 'For the report tests',
			status: as<Insert<typeof schema.serviceReferral>['status']>(s.status),
			by: user.id
		}))
	);

	return { north, south, practices, people };
}

/**
 * A table's raw figures (before suppression) for the dataset's period and its previous period,
 * as `{ row label: [figure of each key] }`, the total row last as "All people".
 */
export async function reportFigures(
	db: Db,
	organisationId: string,
	tableId: string,
	breakdown: Breakdown,
	keys: readonly string[]
) {
	const context = await reportContext(db, organisationId, { period: PERIOD, breakdown });
	const table = await computeReportTable(context, tableId);
	if (!table) throw new Error(`no such table: ${tableId}`);
	const pick = (period: 'current' | 'previous') =>
		Object.fromEntries(
			[...table.rows, table.total].map((row) => [row.label, keys.map((key) => row[period][key])])
		);
	return { current: pick('current'), previous: pick('previous') };
}
