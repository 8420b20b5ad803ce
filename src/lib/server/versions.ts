import { and, desc, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { carePlanToJson, upgradeCarePlanDocument } from '../domain/collab/careplan';
import { changeUpdate, type DocKind } from '../domain/collab/documents';
import { meetingToJson } from '../domain/collab/meeting';
import { upgradeMeetingDocument } from '../domain/collab/meeting-upgrade';
import { rootKind } from '../domain/collab/roots';
import { isUuid } from '../domain/uuid';
import { recordAudit } from './audit';
import type { SessionUser } from './auth';
import type { DocumentAccess } from './collab-access';
import type { Db } from './db';
import { collabVersion, user } from './db/schema';
import type { RealtimeBridge } from './realtime-bridge';

const copy = (value: unknown) => (value instanceof Y.AbstractType ? value.clone() : value);

/**
 * The edit that makes `live` read as `version` does: an ordinary update on top of the live
 * history (a restore never rewrites history, and can itself be undone by another restore).
 */
function restoreUpdate(kind: DocKind, live: Y.Doc, versionState: Uint8Array): Uint8Array {
	const source = openVersion(kind, versionState);
	const update = changeUpdate(live, (working) => {
		for (const name of new Set([...working.share.keys(), ...source.share.keys()])) {
			switch (rootKind(kind, name)) {
				case 'xml': {
					const target = working.getXmlFragment(name);
					target.delete(0, target.length);
					target.insert(
						0,
						source
							.getXmlFragment(name)
							.toArray()
							.map((n) => n.clone() as Y.XmlElement | Y.XmlText)
					);
					break;
				}
				case 'array': {
					const target = working.getArray(name);
					target.delete(0, target.length);
					target.insert(0, source.getArray(name).toArray().map(copy));
					break;
				}
				case 'map': {
					const target = working.getMap(name);
					const from = source.getMap(name);
					for (const key of [...target.keys()]) if (!from.has(key)) target.delete(key);
					for (const [key, value] of from.entries()) target.set(key, copy(value));
					break;
				}
				case 'text': {
					const target = working.getText(name);
					target.delete(0, target.length);
					target.applyDelta(source.getText(name).toDelta());
					break;
				}
			}
		}
	});
	source.destroy();
	return update;
}

/** A saved state as a document of the current schema (a version saved before an upgrade is upgraded). */
function openVersion(kind: DocKind, state: Uint8Array): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	if (kind === 'meeting') upgradeMeetingDocument(doc);
	else upgradeCarePlanDocument(doc);
	return doc;
}

/** A saved state's content as JSON: a care plan (CarePlanJson) or a meeting (MeetingJson). */
export function documentContent(kind: DocKind, state: Uint8Array) {
	const doc = openVersion(kind, state);
	const content = kind === 'careplan' ? carePlanToJson(doc) : meetingToJson(doc);
	doc.destroy();
	return content;
}

/** Saves the document's current state as a named version ("Agreed with patient"). */
export async function createVersion(
	db: Db,
	live: RealtimeBridge,
	actor: SessionUser,
	access: DocumentAccess,
	label: string
) {
	const state = await live.withDocument(access, (doc) => Y.encodeStateAsUpdate(doc));
	const [version] = await db
		.insert(collabVersion)
		.values({
			organisationId: access.organisationId,
			docName: access.name,
			label,
			state,
			createdBy: actor.id
		})
		.returning({ id: collabVersion.id, createdAt: collabVersion.createdAt });
	await recordAudit(db, {
		action: 'create',
		organisationId: access.organisationId,
		userId: actor.id,
		entityType: 'version',
		entityId: version.id,
		after: { docName: access.name, label }
	});
	return { id: version.id, label, createdAt: version.createdAt, createdBy: actor.name };
}

export function listVersions(db: Db, access: DocumentAccess) {
	return db
		.select({
			id: collabVersion.id,
			label: collabVersion.label,
			createdAt: collabVersion.createdAt,
			createdBy: user.name,
			agreedHow: collabVersion.agreedHow,
			agreedOn: collabVersion.agreedOn,
			meetingId: collabVersion.meetingId
		})
		.from(collabVersion)
		.innerJoin(user, eq(user.id, collabVersion.createdBy))
		.where(
			and(
				eq(collabVersion.docName, access.name),
				eq(collabVersion.organisationId, access.organisationId)
			)
		)
		.orderBy(desc(collabVersion.createdAt));
}

async function findVersion(db: Db, access: DocumentAccess, versionId: string) {
	if (!isUuid(versionId)) return null;
	const [row] = await db
		.select({
			id: collabVersion.id,
			label: collabVersion.label,
			state: collabVersion.state,
			createdAt: collabVersion.createdAt,
			createdBy: user.name,
			agreedHow: collabVersion.agreedHow,
			agreedOn: collabVersion.agreedOn,
			meetingId: collabVersion.meetingId
		})
		.from(collabVersion)
		.innerJoin(user, eq(user.id, collabVersion.createdBy))
		.where(
			and(
				eq(collabVersion.id, versionId),
				eq(collabVersion.docName, access.name),
				eq(collabVersion.organisationId, access.organisationId)
			)
		);
	return row ?? null;
}

/** A version opened read-only: its label, who and when, and its content as JSON. */
export async function getVersion(db: Db, access: DocumentAccess, versionId: string) {
	const row = await findVersion(db, access, versionId);
	if (!row) return null;
	const { state, ...version } = row;
	return { ...version, content: documentContent(access.kind, new Uint8Array(state)) };
}

/** Restores a version as a new edit on the live document, attributed to the actor. */
export async function restoreVersion(
	db: Db,
	live: RealtimeBridge,
	actor: SessionUser,
	access: DocumentAccess,
	versionId: string
): Promise<boolean> {
	const row = await findVersion(db, access, versionId);
	if (!row) return false;
	const update = await live.withDocument(access, (doc) =>
		restoreUpdate(access.kind, doc, new Uint8Array(row.state))
	);
	await live.applyServerUpdate(access, update, actor.id);
	await recordAudit(db, {
		action: 'update',
		organisationId: access.organisationId,
		userId: actor.id,
		entityType: 'version',
		entityId: versionId,
		detail: `restored "${row.label}" to ${access.name}`
	});
	return true;
}
