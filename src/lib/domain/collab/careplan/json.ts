/** The care plan document read as plain JSON, for the projection, versions and the API. */
import * as Y from 'yjs';
import {
	fragmentText,
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
	PLAN_TEXT_FIELDS,
	contingencyMetaMap,
	goalsArray,
	reviewMap,
	type CarePlanJson,
	type GoalActionJson,
	type GoalJson,
	type ReviewJson
} from './schema';

function readGoalAction(entry: unknown): GoalActionJson | null {
	if (!(entry instanceof Y.Map)) return null;
	return {
		id: readString(entry.get('id')),
		what: readText(entry.get('what')),
		who: readString(entry.get('who')),
		when: readIsoDate(entry.get('when')),
		status: readEnum(entry.get('status'), GOAL_ACTION_STATUSES),
		confidence: readScore(entry.get('confidence'))
	};
}

function readGoal(entry: unknown): GoalJson | null {
	if (!(entry instanceof Y.Map)) return null;
	return {
		id: readString(entry.get('id')),
		description: readText(entry.get('description')),
		importance: readScore(entry.get('importance')),
		status: readEnum(entry.get('status'), GOAL_STATUSES),
		actions: readList(entry.get('actions'), readGoalAction)
	};
}

function readReview(map: Y.Map<unknown>): ReviewJson {
	return {
		reviewDate: readIsoDate(map.get('reviewDate')),
		responsible: readString(map.get('responsible')),
		agreedWithPerson: readBoolean(map.get('agreedWithPerson')),
		agreedDate: readIsoDate(map.get('agreedDate')),
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

/** The plan as plain JSON by PRSB section; never throws, whatever a client wrote. */
export function carePlanToJson(doc: Y.Doc): CarePlanJson {
	return {
		schemaVersion: schemaVersionOf(doc),
		aboutMe: textsOf(doc, 'aboutMe', ABOUT_ME_HEADINGS),
		carePlan: {
			...textsOf(doc, 'plan', PLAN_TEXT_FIELDS),
			goals: readList(goalsArray(doc), readGoal),
			review: readReview(reviewMap(doc))
		},
		contingencyPlan: {
			...textsOf(doc, 'contingency', CONTINGENCY_TEXT_FIELDS),
			hasAdvanceStatement: readBoolean(contingencyMetaMap(doc).get('hasAdvanceStatement'))
		}
	};
}
