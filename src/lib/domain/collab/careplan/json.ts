/** The care plan document read as plain JSON, for the projection, versions and the API. */
import * as Y from 'yjs';
import {
	fragmentText,
	isUuid,
	readBoolean,
	readEnum,
	readIsoDate,
	readList,
	readScore,
	readString,
	readText,
	schemaVersionOf
} from '../documents';
import {
	ABOUT_ME_HEADINGS,
	CONTINGENCY_TEXT_FIELDS,
	GOAL_ACTION_STATUSES,
	GOAL_STATUSES,
	PERSONAL_CONTACTS_TEXT_FIELDS,
	PLAN_TEXT_FIELDS,
	contingencyMetaMap,
	goalActionWhat,
	goalActionWho,
	goalDescription,
	goalsArray,
	reviewMap,
	reviewResponsible,
	type CarePlanJson,
	type GoalActionJson,
	type GoalJson,
	type ReviewJson
} from './schema';

/**
 * A goal's or action's text: version 2 keeps it in a fragment named by id, version 1 in a Y.Text
 * in the entry's map (read for saved versions and documents not yet upgraded).
 */
function entryText(
	doc: Y.Doc,
	entry: Y.Map<unknown>,
	key: 'description' | 'what',
	fragment: (doc: Y.Doc, id: string) => Y.XmlFragment
): string {
	if ((schemaVersionOf(doc) ?? 1) < 2) return readText(entry.get(key));
	const id = entry.get('id');
	return isUuid(id) ? textOf(() => fragment(doc, id)) : '';
}

/** The fragment's text; '' for none, or when its name holds another kind of type (a hostile client's). */
function textOf(fragment: (() => Y.XmlFragment) | null): string {
	if (!fragment) return '';
	try {
		return fragmentText(fragment());
	} catch {
		return '';
	}
}

/**
 * An action's who or who reviews the plan: version 3 keeps it in a fragment, versions 1 and 2 as a
 * string in the map (`legacy`). A plan not yet stamped with a version (nobody has added a goal)
 * is read from the fragment once it says something: the Plan tab binds the fragment at once, and
 * typing in it stamps no version.
 */
function coEditedValue(
	doc: Y.Doc,
	legacy: unknown,
	fragment: (() => Y.XmlFragment) | null
): string {
	const version = schemaVersionOf(doc);
	if (version !== null && version < 3) return readString(legacy);
	const text = textOf(fragment);
	return version === null && text === '' ? readString(legacy) : text;
}

function readGoalAction(doc: Y.Doc, entry: unknown): GoalActionJson | null {
	if (!(entry instanceof Y.Map)) return null;
	const id = entry.get('id');
	return {
		id: readString(id),
		what: entryText(doc, entry, 'what', goalActionWhat),
		who: coEditedValue(doc, entry.get('who'), isUuid(id) ? () => goalActionWho(doc, id) : null),
		when: readIsoDate(entry.get('when')),
		status: readEnum(entry.get('status'), GOAL_ACTION_STATUSES),
		confidence: readScore(entry.get('confidence'))
	};
}

function readGoal(doc: Y.Doc, entry: unknown): GoalJson | null {
	if (!(entry instanceof Y.Map)) return null;
	return {
		id: readString(entry.get('id')),
		description: entryText(doc, entry, 'description', goalDescription),
		importance: readScore(entry.get('importance')),
		status: readEnum(entry.get('status'), GOAL_STATUSES),
		actions: readList(entry.get('actions'), (action) => readGoalAction(doc, action))
	};
}

function readReview(doc: Y.Doc, map: Y.Map<unknown>): ReviewJson {
	return {
		reviewDate: readIsoDate(map.get('reviewDate')),
		responsible: coEditedValue(doc, map.get('responsible'), () => reviewResponsible(doc)),
		agreedWithPerson: readBoolean(map.get('agreedWithPerson')),
		agreedDate: readIsoDate(map.get('agreedDate')),
		agreedHow: readString(map.get('agreedHow')),
		preparedBy: readString(map.get('preparedBy'))
	};
}

function textsOf<K extends string>(
	doc: Y.Doc,
	prefix: string,
	fields: readonly { key: K }[]
): Record<K, string> {
	const texts = {} as Record<K, string>;
	for (const { key } of fields) texts[key] = fragmentText(doc.getXmlFragment(`${prefix}.${key}`));
	return texts;
}

/**
 * The plan as plain JSON by PRSB section, of a version 1, 2 or 3 document; never throws, whatever
 * a client wrote.
 */
export function carePlanToJson(doc: Y.Doc): CarePlanJson {
	return {
		schemaVersion: schemaVersionOf(doc),
		aboutMe: textsOf(doc, 'aboutMe', ABOUT_ME_HEADINGS),
		personalContacts: textsOf(doc, 'contacts', PERSONAL_CONTACTS_TEXT_FIELDS),
		carePlan: {
			...textsOf(doc, 'plan', PLAN_TEXT_FIELDS),
			goals: readList(goalsArray(doc), (goal) => readGoal(doc, goal)),
			review: readReview(doc, reviewMap(doc))
		},
		contingencyPlan: {
			...textsOf(doc, 'contingency', CONTINGENCY_TEXT_FIELDS),
			hasAdvanceStatement: readBoolean(contingencyMetaMap(doc).get('hasAdvanceStatement'))
		}
	};
}

/**
 * A plan as the projection stored it (care_plan.content), with the parts added since it was
 * written filled in empty: a plan projected before schema version 2 has no personal contacts and
 * no "how agreed", and is not projected again until someone edits it. Null for no plan.
 */
export function storedCarePlan(content: unknown): CarePlanJson | null {
	if (typeof content !== 'object' || content === null) return null;
	const stored = content as CarePlanJson;
	const empty = carePlanToJson(new Y.Doc());
	return {
		...empty,
		...stored,
		personalContacts: { ...empty.personalContacts, ...stored.personalContacts },
		carePlan: {
			...empty.carePlan,
			...stored.carePlan,
			review: { ...empty.carePlan.review, ...stored.carePlan?.review }
		},
		contingencyPlan: { ...empty.contingencyPlan, ...stored.contingencyPlan }
	};
}
