/**
 * Reading a live document as stored: its snapshot (what compaction folded) and the log of updates
 * since, in the one order that cannot miss an update. Shared by the live server's loads
 * (server/collab/UpdateLog.ts) and the document upgrades run at start.
 */
import { asc, eq } from 'drizzle-orm';
import type { Db } from './db';
import { collabSnapshot, collabUpdate } from './db/schema';

/**
 * The snapshot (first, when there is one) and every logged update of `docName`, oldest first;
 * `logLength` counts the logged ones. The log is read before the snapshot: a compaction (of any
 * process) that commits between the two reads moves rows into the snapshot, so the later
 * snapshot read still finds them; read the other way round, those rows would be in neither.
 * Updates read twice are harmless in Yjs.
 */
export async function readStoredDocument(
	db: Db,
	docName: string
): Promise<{ updates: Uint8Array[]; logLength: number }> {
	const rows = await db
		.select({ update: collabUpdate.update })
		.from(collabUpdate)
		.where(eq(collabUpdate.docName, docName))
		.orderBy(asc(collabUpdate.id));
	const [snapshot] = await db
		.select({ state: collabSnapshot.state })
		.from(collabSnapshot)
		.where(eq(collabSnapshot.docName, docName));
	const updates = rows.map((r) => new Uint8Array(r.update));
	if (snapshot) updates.unshift(new Uint8Array(snapshot.state));
	return { updates, logLength: rows.length };
}
