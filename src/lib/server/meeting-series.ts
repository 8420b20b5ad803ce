import { and, asc, eq } from 'drizzle-orm';
import type { Db } from './db';
import { meetingSeries } from './db/schema';

/**
 * The organisation's meeting series of this name, created if it does not exist yet (safe when two
 * requests create it at once). Returns its id.
 */
export async function ensureSeries(db: Db, organisationId: string, name: string): Promise<string> {
	const [created] = await db
		.insert(meetingSeries)
		.values({ organisationId, name })
		.onConflictDoNothing()
		.returning({ id: meetingSeries.id });
	if (created) return created.id;
	const [existing] = await db
		.select({ id: meetingSeries.id })
		.from(meetingSeries)
		.where(and(eq(meetingSeries.organisationId, organisationId), eq(meetingSeries.name, name)));
	return existing.id;
}

/** The organisation's meeting series, by name: the choices of the meeting form. */
export function listSeries(db: Db, organisationId: string) {
	return db
		.select({ id: meetingSeries.id, name: meetingSeries.name })
		.from(meetingSeries)
		.where(eq(meetingSeries.organisationId, organisationId))
		.orderBy(asc(meetingSeries.name));
}

/** A meeting's series as a form chooses it: one of the organisation's, or a new one by name. */
export type SeriesChoice = { id: string } | { name: string };

/**
 * The id of the chosen series: an existing one of the organisation's (null if it is not theirs),
 * or the one of that name, created if need be.
 */
export async function resolveSeries(
	db: Db,
	organisationId: string,
	choice: SeriesChoice
): Promise<string | null> {
	if ('name' in choice) return ensureSeries(db, organisationId, choice.name);
	const [row] = await db
		.select({ id: meetingSeries.id })
		.from(meetingSeries)
		.where(and(eq(meetingSeries.id, choice.id), eq(meetingSeries.organisationId, organisationId)));
	return row?.id ?? null;
}
