/**
 * Carries a version 1 care plan document forward to version 2 (see ./schema.ts). Version 1 kept
 * each goal's description and each action's "what" as a Y.Text inside the goal's or action's map,
 * bound to no collaborative editor: a field whose whole value was written back garbled two
 * people's typing. Version 2 keeps each in a rich-text fragment of its own, named by id.
 *
 * The upgrade copies every such text into its fragment (one paragraph per line); it deletes
 * nothing, so a version 1 reader of the same document (an old tab) loses nothing either. It is
 * deterministic: the same document upgrades to the same content. The server runs it once on every
 * stored document (src/lib/server/document-upgrades.ts) and on a saved version before reading or
 * restoring it (src/lib/server/versions.ts).
 */
import * as Y from 'yjs';
import {
	fragmentText,
	isUuid,
	metaMap,
	readText,
	schemaVersionOf,
	setFragmentText,
	SCHEMA_VERSION
} from '../documents';
import { goalActionWhat, goalDescription, goalsArray } from './schema';

/** Does this document still need the version 2 upgrade? */
export function needsCarePlanUpgrade(doc: Y.Doc): boolean {
	const version = schemaVersionOf(doc);
	if (version !== null) return version < SCHEMA_VERSION.careplan;
	// Plans made before versions were stamped (all of version 1): only goals need carrying forward.
	return doc.share.has('goals') && goalsArray(doc).length > 0;
}

/** A fragment of that name, or null when a hostile client used the name for another type. */
function fragmentOf(read: () => Y.XmlFragment): Y.XmlFragment | null {
	try {
		return read();
	} catch {
		return null;
	}
}

/** Copies a version 1 text into its fragment, unless the fragment already says something. */
function carry(legacy: unknown, fragment: Y.XmlFragment | null): void {
	const text = readText(legacy);
	if (!fragment || text === '' || fragmentText(fragment) !== '') return;
	setFragmentText(fragment, text);
}

/** Upgrades the document in place (one transaction); false if it needed nothing. */
export function upgradeCarePlanDocument(doc: Y.Doc): boolean {
	if (!needsCarePlanUpgrade(doc)) return false;
	doc.transact(() => {
		for (const goal of goalsArray(doc).toArray()) {
			if (!(goal instanceof Y.Map)) continue;
			const goalId = goal.get('id');
			if (!isUuid(goalId)) continue;
			carry(
				goal.get('description'),
				fragmentOf(() => goalDescription(doc, goalId))
			);
			const actions = goal.get('actions');
			if (!(actions instanceof Y.Array)) continue;
			for (const action of actions.toArray()) {
				if (!(action instanceof Y.Map)) continue;
				const actionId = action.get('id');
				if (!isUuid(actionId)) continue;
				carry(
					action.get('what'),
					fragmentOf(() => goalActionWhat(doc, actionId))
				);
			}
		}
		metaMap(doc).set('schemaVersion', SCHEMA_VERSION.careplan);
	});
	return true;
}
