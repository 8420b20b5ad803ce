/**
 * Fixtures for the tests of starting and ending a meeting: the seeded demo, the real-time server
 * (which serves the documents the services edit), meetings of a series, and agendas written by a
 * stock y-websocket client, as a browser would write them.
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import type * as Y from 'yjs';
import { setFragmentText } from '../../src/lib/domain/collab/documents';
import { addAgendaItem, itemText, meetingToJson } from '../../src/lib/domain/collab/meeting';
import { schema, type Db } from '../../src/lib/server/db';
import type { Meeting } from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { ensureSeries } from '../../src/lib/server/meeting-series';
import {
	startCollabServer,
	testClient,
	type Client,
	type CollabServerHandle
} from './collab-fixtures';
import { signedInAs } from './fixtures';
import { until, within } from './wait';

type SignedIn = Awaited<ReturnType<typeof signedInAs>>;

export type ItemInput = { reason: string; notes?: string; outcome?: string };

const DAY = 24 * 60 * 60 * 1000;

/**
 * The seeded demo with its Riverside GP (who chairs the meetings made here), coordinator and
 * nurse, and a running real-time server. Call inside `describeEachDatabase`.
 */
export function meetingEndDemo(db: () => Db) {
	let far = 500;
	const demo = {
		server: undefined as unknown as CollabServerHandle,
		gp: undefined as unknown as SignedIn,
		coordinator: undefined as unknown as SignedIn,
		nurse: undefined as unknown as SignedIn,
		patients: [] as string[],

		/**
		 * A meeting of `series` chaired by the GP, `inDays` from now (each call further on by
		 * default, so that tests' meetings never follow each other by accident).
		 */
		async meeting(series: string, inDays = (far += 30)): Promise<Meeting> {
			const organisationId = demo.gp.user.organisationId;
			const [row] = await db()
				.insert(schema.meeting)
				.values({
					organisationId,
					seriesId: await ensureSeries(db(), organisationId, series),
					title: series,
					startsAt: new Date(Date.now() + inDays * DAY),
					chairId: demo.gp.user.id
				})
				.returning();
			return row;
		},

		/** The server's copy of a meeting's document, once a client has it open. */
		serverDoc(meetingId: string): Y.Doc {
			const document = demo.server.realtime.registry.get(`meeting:${meetingId}`);
			if (!document) throw new Error('the document is not open on the server');
			return document.doc;
		},

		/**
		 * Writes an agenda (one item per patient, with its notes and outcome) through a stock client
		 * of `who`, left open (closed when the test ends); resolves once the server has all of it.
		 */
		async agenda(
			meetingId: string,
			items: ItemInput[],
			who?: SignedIn
		): Promise<{ client: Client; ids: string[] }> {
			const by = who ?? demo.gp;
			const client = testClient(demo.server.url, `meeting:${meetingId}`, by.token);
			await within(client.synced, 'the client to sync');
			const ids = items.map((item, i) => {
				const id = addAgendaItem(client.doc, { patientId: demo.patients[i], reason: item.reason });
				if (item.notes) setFragmentText(itemText(client.doc, id, 'notes'), item.notes);
				if (item.outcome) setFragmentText(itemText(client.doc, id, 'outcome'), item.outcome);
				return id;
			});
			const onServer = demo.serverDoc(meetingId);
			const last = items.at(-1);
			await until(onServer, () => {
				const agenda = meetingToJson(onServer).agenda;
				return agenda.length === items.length && agenda.at(-1)?.outcome === (last?.outcome ?? '');
			});
			return { client, ids };
		},

		/** How many updates of the document are stored. */
		async storedUpdates(meetingId: string): Promise<number> {
			const [row] = await db()
				.select({ n: count() })
				.from(schema.collabUpdate)
				.where(eq(schema.collabUpdate.docName, `meeting:${meetingId}`));
			return row.n;
		},

		/** The meetings of a series, soonest first. */
		async meetingsOf(series: string): Promise<Meeting[]> {
			const seriesId = await ensureSeries(db(), demo.gp.user.organisationId, series);
			const rows = await db()
				.select()
				.from(schema.meeting)
				.where(
					and(
						eq(schema.meeting.seriesId, seriesId),
						eq(schema.meeting.organisationId, demo.gp.user.organisationId)
					)
				);
			return rows.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
		}
	};
	beforeAll(async () => {
		await seedDemo(db());
		demo.gp = await signedInAs(db(), 'gp@riverside.test');
		demo.coordinator = await signedInAs(db(), 'coordinator@riverside.test');
		demo.nurse = await signedInAs(db(), 'nurse@riverside.test');
		demo.patients = (
			await db()
				.select({ id: schema.patient.id })
				.from(schema.patient)
				.where(eq(schema.patient.organisationId, demo.gp.user.organisationId))
				.limit(4)
		).map((p) => p.id);
		demo.server = await startCollabServer(db());
	});
	afterAll(async () => {
		await demo.server?.close();
	});
	return demo;
}
