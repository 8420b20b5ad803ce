/**
 * The demo's safeguarding concerns: each person the demo flags with an open concern (see
 * meetings.ts) gets the concern behind the flag, raised by the PCN's care coordinator to its GP,
 * so that the flag, the Safeguarding tab and the GP's list agree. Synthetic; seeded once (a
 * person with any concern is left alone).
 */
import { and, eq, notExists } from 'drizzle-orm';
import type { Db } from '../db';
import { membership, patient, safeguardingConcern } from '../db/schema';

const DAY = 86_400_000;

export async function seedDemoSafeguarding(db: Db, organisationId: string) {
	const members = await db
		.select({ id: membership.userId, role: membership.role })
		.from(membership)
		.where(eq(membership.organisationId, organisationId));
	const coordinator = members.find((m) => m.role === 'care_coordinator');
	const gp = members.find((m) => m.role === 'gp');
	if (!coordinator || !gp) return;
	const flagged = await db
		.select({ id: patient.id })
		.from(patient)
		.where(
			and(
				eq(patient.organisationId, organisationId),
				eq(patient.safeguardingConcern, true),
				notExists(
					db
						.select({ id: safeguardingConcern.id })
						.from(safeguardingConcern)
						.where(eq(safeguardingConcern.patientId, patient.id))
				)
			)
		);
	if (flagged.length === 0) return;
	await db.insert(safeguardingConcern).values(
		flagged.map((person) => ({
			organisationId,
			patientId: person.id,
			category: 'self_neglect' as const,
			description:
				'On a home visit the house was cold and there was little food in. Says they are managing ' +
				'but has declined help with shopping twice. A neighbour is worried they are not eating.',
			namedContactId: gp.id,
			consentToShare: 'yes' as const,
			immediateRisk: false,
			raisedBy: coordinator.id,
			raisedAt: new Date(Date.now() - 3 * DAY)
		}))
	);
}
