/**
 * Upgrades of the live documents already stored, run once at start after the SQL migrations (on
 * PostgreSQL under the same advisory lock, so one process does it while the others wait). Each
 * upgrade reads every stored document of its kind, and appends what it changes to the document's
 * log as an ordinary update (attributed to no one) in one transaction with the record that it ran:
 * no client ever receives a document of an older schema, and history is never rewritten.
 */
import { like } from 'drizzle-orm';
import * as Y from 'yjs';
import { upgradeCarePlanDocument } from '../domain/collab/careplan/upgrade';
import { changeUpdate, docNamePattern, type DocKind } from '../domain/collab/documents';
import { upgradeMeetingDocument } from '../domain/collab/meeting-upgrade';
import { readStoredDocument } from './collab-store';
import type { Db } from './db';
import { collabSnapshot, collabUpdate, documentUpgrade } from './db/schema';

type DocumentUpgrade = {
	/** Recorded in `document_upgrade` once it has run. */
	name: string;
	/** The kind of document it applies to: every stored one of that kind. */
	kind: DocKind;
	/** Changes the document in place; false when it needs nothing. */
	upgrade(doc: Y.Doc): boolean;
};

const UPGRADES: DocumentUpgrade[] = [
	{ name: 'meeting-v2', kind: 'meeting', upgrade: upgradeMeetingDocument },
	{ name: 'careplan-v2', kind: 'careplan', upgrade: upgradeCarePlanDocument },
	// The same function, carrying version 1 and 2 plans forward to version 3 (who reviews the
	// plan and an action's who as co-edited texts); recorded apart, so it runs where v2 already ran.
	{ name: 'careplan-v3', kind: 'careplan', upgrade: upgradeCarePlanDocument }
];

/** Runs every upgrade that has not run yet; returns how many documents each changed. */
export async function runDocumentUpgrades(db: Db): Promise<Record<string, number>> {
	const done = new Set((await db.select().from(documentUpgrade)).map((row) => row.name));
	const changed: Record<string, number> = {};
	for (const upgrade of UPGRADES.filter((u) => !done.has(u.name))) {
		changed[upgrade.name] = await db.transaction(async (tx) => {
			let count = 0;
			for (const name of await storedNames(tx, docNamePattern(upgrade.kind))) {
				const doc = await loadStored(tx, name);
				let needed = false;
				const update = changeUpdate(doc, (copy) => {
					needed = upgrade.upgrade(copy);
				});
				doc.destroy();
				if (!needed) continue;
				await tx.insert(collabUpdate).values({ docName: name, update, userId: null });
				count++;
			}
			await tx.insert(documentUpgrade).values({ name: upgrade.name });
			return count;
		});
	}
	return changed;
}

async function storedNames(db: Db, pattern: string): Promise<string[]> {
	const [snapshots, logs] = await Promise.all([
		db
			.select({ name: collabSnapshot.docName })
			.from(collabSnapshot)
			.where(like(collabSnapshot.docName, pattern)),
		db
			.selectDistinct({ name: collabUpdate.docName })
			.from(collabUpdate)
			.where(like(collabUpdate.docName, pattern))
	]);
	return [...new Set([...snapshots, ...logs].map((row) => row.name))].sort();
}

/** A stored document as it loads: its snapshot, then its log in order. */
async function loadStored(db: Db, name: string): Promise<Y.Doc> {
	const doc = new Y.Doc();
	const { updates } = await readStoredDocument(db, name);
	for (const update of updates) {
		try {
			Y.applyUpdate(doc, update);
		} catch (error) {
			// As when the live server loads it: an unreadable update is skipped, never lost.
			console.error(`document upgrade: skipping an unreadable update of ${name}:`, error);
		}
	}
	return doc;
}
