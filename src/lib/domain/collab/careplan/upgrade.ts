/**
 * Carries a version 1 or 2 care plan document forward to version 3 (see ./schema.ts). Version 1
 * kept each goal's description and each action's "what" as a Y.Text inside the goal's or action's
 * map, and versions 1 and 2 kept each action's "who" and who reviews the plan as strings in their
 * maps, all bound to no collaborative editor: a field whose whole value was written back garbled
 * or replaced two people's typing. Version 2 keeps goal descriptions and action whats, version 3
 * also action whos and `review.responsible`, in rich-text fragments of their own, named by id.
 *
 * The upgrade copies every such text into its fragment (one paragraph per line); it deletes
 * nothing, so an older reader of the same document (an old tab) loses nothing either. It is
 * deterministic: the same document upgrades to the same content. The server runs it once on every
 * stored document (src/lib/server/document-upgrades.ts) and on a saved version before reading or
 * restoring it (src/lib/server/versions.ts).
 */
import * as Y from 'yjs';
import {
	fragmentText,
	isUuid,
	metaMap,
	readString,
	readText,
	schemaVersionOf,
	setFragmentText,
	SCHEMA_VERSION
} from '../documents';
import {
	goalActionWhat,
	goalActionWho,
	goalDescription,
	goalsArray,
	reviewMap,
	reviewResponsible
} from './schema';

/** Does this document still need the upgrade to the current version? */
export function needsCarePlanUpgrade(doc: Y.Doc): boolean {
	const version = schemaVersionOf(doc);
	if (version !== null) return version < SCHEMA_VERSION.careplan;
	// Plans made before versions were stamped, or whose only edits stamp no version (the review):
	// only goals and who reviews need carrying forward.
	if (doc.share.has('goals') && goalsArray(doc).length > 0) return true;
	return doc.share.has('review') && readString(reviewMap(doc).get('responsible')).trim() !== '';
}

/** A fragment of that name, or null when a hostile client used the name for another type. */
function fragmentOf(read: () => Y.XmlFragment): Y.XmlFragment | null {
	try {
		return read();
	} catch {
		return null;
	}
}

/** Copies an older version's text into its fragment, unless the fragment already says something. */
function carry(text: string, fragment: Y.XmlFragment | null): void {
	if (!fragment || text === '' || fragmentText(fragment) !== '') return;
	setFragmentText(fragment, text);
}

function carryAction(doc: Y.Doc, action: unknown): void {
	if (!(action instanceof Y.Map)) return;
	const actionId = action.get('id');
	if (!isUuid(actionId)) return;
	carry(
		readText(action.get('what')),
		fragmentOf(() => goalActionWhat(doc, actionId))
	);
	carry(
		readString(action.get('who')),
		fragmentOf(() => goalActionWho(doc, actionId))
	);
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
				readText(goal.get('description')),
				fragmentOf(() => goalDescription(doc, goalId))
			);
			const actions = goal.get('actions');
			if (actions instanceof Y.Array)
				for (const action of actions.toArray()) carryAction(doc, action);
		}
		carry(
			readString(reviewMap(doc).get('responsible')),
			fragmentOf(() => reviewResponsible(doc))
		);
		metaMap(doc).set('schemaVersion', SCHEMA_VERSION.careplan);
	});
	return true;
}
