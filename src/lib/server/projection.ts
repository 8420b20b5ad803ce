import { and, eq, inArray } from 'drizzle-orm';
import * as Y from 'yjs';
import { carePlanToJson, type CarePlanJson } from '../domain/collab/careplan';
import type { DocKind } from '../domain/collab/documents';
import { meetingToJson, type MeetingDocJson } from '../domain/collab/meeting';
import { mayPresent } from '../domain/roles';
import { isUuid } from '../domain/uuid';
import type { Db } from './db';
import { agendaItem, carePlan, meeting, membership, patient } from './db/schema';

export type ProjectionTarget = {
	name: string;
	kind: DocKind;
	id: string;
	organisationId: string;
	doc: Y.Doc;
};

export type Projection =
	{ kind: 'careplan'; content: CarePlanJson } | { kind: 'meeting'; content: MeetingDocJson };

/** The structured content of a live document, as the relational tables hold it. */
function projectionOf(target: ProjectionTarget): Projection {
	return target.kind === 'careplan'
		? { kind: 'careplan', content: carePlanToJson(target.doc) }
		: { kind: 'meeting', content: meetingToJson(target.doc) };
}

/**
 * Writes a live document's structured content into the relational tables. An ended meeting's
 * agenda is left as it is, unless `options.final` says this is the projection that records its
 * end (meeting-end.ts as it ends it, the demo seeding a past meeting): the minutes read it, so an
 * edit that reaches the document later (from another process, sent before that process heard of
 * the end) never changes the minutes (hazard: "minutes changed after they were agreed").
 */
export async function project(
	db: Db,
	target: ProjectionTarget,
	options: { final?: boolean } = {},
	projection: Projection = projectionOf(target)
): Promise<void> {
	if (projection.kind === 'careplan') {
		const { content } = projection;
		const reviewDate = validDate(content.carePlan.review.reviewDate);
		const values = {
			patientId: target.id,
			organisationId: target.organisationId,
			schemaVersion: content.schemaVersion ?? 1,
			content,
			reviewDate,
			updatedAt: new Date()
		};
		await db
			.insert(carePlan)
			.values(values)
			.onConflictDoUpdate({ target: carePlan.patientId, set: values });
		return;
	}
	const { agenda } = projection.content;
	await db.transaction(async (tx) => {
		// Held (FOR SHARE: the end's UPDATE waits, inserts that reference the meeting do not), so
		// that the end cannot land between this check and the write.
		const [row] = await tx
			.select({ status: meeting.status })
			.from(meeting)
			.where(eq(meeting.id, target.id))
			.for('share');
		if (row?.status === 'ended' && !options.final) return;
		// A client can write any id into a document: keep only this organisation's patients.
		const wanted = [
			...new Set(agenda.map((i) => i.patientId).filter((id): id is string => isUuid(id)))
		];
		const known = wanted.length
			? new Set(
					(
						await tx
							.select({ id: patient.id })
							.from(patient)
							.where(
								and(inArray(patient.id, wanted), eq(patient.organisationId, target.organisationId))
							)
					).map((r) => r.id)
				)
			: new Set<string>();
		// Nor can a client's choice of presenter be trusted: only a member of this organisation
		// who may present (roles.ts: mayPresent) is recorded; anyone else is no presenter.
		const named = [
			...new Set(agenda.map((i) => i.presenterId).filter((id): id is string => isUuid(id)))
		];
		const presenters = named.length
			? new Set(
					(
						await tx
							.select({ id: membership.userId, role: membership.role })
							.from(membership)
							.where(
								and(
									inArray(membership.userId, named),
									eq(membership.organisationId, target.organisationId)
								)
							)
					)
						.filter((member) => mayPresent(member.role))
						.map((member) => member.id)
				)
			: new Set<string>();
		await tx.delete(agendaItem).where(eq(agendaItem.meetingId, target.id));
		const rows = agenda
			.filter((item) => item.id && item.id.length <= 100)
			.map((item, position) => ({
				meetingId: target.id,
				id: item.id,
				organisationId: target.organisationId,
				position,
				patientId: item.patientId && known.has(item.patientId) ? item.patientId : null,
				reason: item.reason.slice(0, 2000),
				presenterId: item.presenterId && presenters.has(item.presenterId) ? item.presenterId : null,
				minutesAllotted:
					item.minutesAllotted !== null && item.minutesAllotted > 0 && item.minutesAllotted < 1000
						? item.minutesAllotted
						: null,
				questions: item.questions,
				missingInformation: item.missingInformation,
				status: item.status ?? 'pending',
				notes: item.notes,
				outcome: item.outcome,
				updatedAt: new Date()
			}));
		const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
		if (unique.length > 0) await tx.insert(agendaItem).values(unique);
	});
}

function validDate(value: unknown): string | null {
	return typeof value === 'string' &&
		/^\d{4}-\d{2}-\d{2}$/.test(value) &&
		!Number.isNaN(Date.parse(value))
		? value
		: null;
}

/**
 * Projects documents shortly after they change: 300 ms after the last edit, and at least every
 * 1.5 s while edits keep coming, so the API sees live content within 2 s.
 */
export class Projector {
	readonly #db: Db;
	readonly #quietMs: number;
	readonly #maxWaitMs: number;
	readonly #timers = new Map<
		string,
		{ timer: NodeJS.Timeout; first: number; target: ProjectionTarget }
	>();
	readonly #running = new Map<string, Promise<void>>();
	/** What was last written per document: an edit that changes no projected field writes nothing. */
	readonly #written = new Map<string, string>();

	constructor(db: Db, options: { quietMs?: number; maxWaitMs?: number } = {}) {
		this.#db = db;
		this.#quietMs = options.quietMs ?? 300;
		this.#maxWaitMs = options.maxWaitMs ?? 1500;
	}

	schedule(target: ProjectionTarget): void {
		const now = Date.now();
		const existing = this.#timers.get(target.name);
		const first = existing?.first ?? now;
		if (existing) clearTimeout(existing.timer);
		const delay = Math.max(0, Math.min(this.#quietMs, first + this.#maxWaitMs - now));
		const timer = setTimeout(() => void this.#run(target.name), delay);
		this.#timers.set(target.name, { timer, first, target });
	}

	async #run(name: string): Promise<void> {
		const entry = this.#timers.get(name);
		if (!entry) return;
		this.#timers.delete(name);
		const previous = this.#running.get(name) ?? Promise.resolve();
		const run = previous
			.then(async () => {
				const projection = projectionOf(entry.target);
				const json = JSON.stringify(projection);
				if (this.#written.get(name) === json) return;
				await project(this.#db, entry.target, {}, projection);
				this.#written.set(name, json);
			})
			.catch((error: unknown) => console.error(`projection of ${name} failed:`, error));
		this.#running.set(name, run);
		await run;
		if (this.#running.get(name) === run) this.#running.delete(name);
	}

	/** Drops what is remembered of a document that left memory. */
	forget(name: string): void {
		this.#written.delete(name);
	}

	/** Runs every scheduled projection now (shutdown, unload). */
	async flush(): Promise<void> {
		await Promise.all(
			[...this.#timers.keys()].map((name) => {
				clearTimeout(this.#timers.get(name)!.timer);
				return this.#run(name);
			})
		);
		await Promise.all(this.#running.values());
	}
}
