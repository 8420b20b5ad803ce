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
	goalDescription,
	goalsArray,
	reviewMap,
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
	if (!isUuid(id)) return '';
	try {
		return fragmentText(fragment(doc, id));
	} catch {
		// Yjs throws when the name holds another kind of type: a hostile client's.
		return '';
	}
}

function readGoalAction(doc: Y.Doc, entry: unknown): GoalActionJson | null {
	if (!(entry instanceof Y.Map)) return null;
	return {
		id: readString(entry.get('id')),
		what: entryText(doc, entry, 'what', goalActionWhat),
		who: readString(entry.get('who')),
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

function readReview(map: Y.Map<unknown>): ReviewJson {
	return {
		reviewDate: readIsoDate(map.get('reviewDate')),
		responsible: readString(map.get('responsible')),
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
 * The plan as plain JSON by PRSB section, of a version 1 or 2 document; never throws, whatever a
 * client wrote.
 */
export function carePlanToJson(doc: Y.Doc): CarePlanJson {
	return {
		schemaVersion: schemaVersionOf(doc),
		aboutMe: textsOf(doc, 'aboutMe', ABOUT_ME_HEADINGS),
		personalContacts: textsOf(doc, 'contacts', PERSONAL_CONTACTS_TEXT_FIELDS),
		carePlan: {
			...textsOf(doc, 'plan', PLAN_TEXT_FIELDS),
			goals: readList(goalsArray(doc), (goal) => readGoal(doc, goal)),
			review: readReview(reviewMap(doc))
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
