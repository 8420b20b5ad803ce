/**
 * The top-level types each kind of live document may hold, and the keys of its maps: what the
 * schemas in this folder create, and nothing else. The server refuses a client's change that
 * would add any other (server/collab/schema-guard.ts), and a restored version copies exactly the
 * top-level types.
 */
import {
	CAREPLAN_FRAGMENTS,
	CONTINGENCY_META_KEYS,
	GOAL_ACTION_KEYS,
	GOAL_ACTION_TEXT_NAME,
	GOAL_KEYS,
	GOAL_TEXT_NAME,
	REVIEW_KEYS,
	REVIEW_RESPONSIBLE,
	goalsArray
} from './careplan/schema';
import { isUuid, type DocKind } from './documents';
import * as Y from 'yjs';
import {
	AGENDA_ITEM_KEYS,
	AGENDA_TEXT_FIELDS,
	AGENDA_TEXT_LABELS,
	agendaOrder,
	type AgendaTextField
} from './meeting';

export type RootKind = 'map' | 'array' | 'xml' | 'text';

const CAREPLAN_ROOTS = new Map<string, RootKind>([
	...CAREPLAN_FRAGMENTS.map((f) => [f.name, 'xml'] as [string, RootKind]),
	[REVIEW_RESPONSIBLE.name, 'xml'],
	['goals', 'array'],
	['review', 'map'],
	['contingencyMeta', 'map'],
	['meta', 'map']
]);

/** An agenda item's co-edited text: `item.<item id>.<field>` (see meeting.ts, itemText). */
const ITEM_TEXT = new RegExp(`^item\\.([^.]+)\\.(${AGENDA_TEXT_FIELDS.join('|')})$`);

/**
 * The kind of the top-level type `name` in a document of `kind`; null when the schema has none
 * of that name. A care plan's goal and action texts (an action's what and who) are rich text named
 * by id (careplan/schema.ts).
 * A meeting's agenda settings and its meta are maps, each item's texts rich text;
 * what version 1 left behind (`agenda`, `notes.*`, `outcome.*`) is outside the schema.
 */
export function rootKind(kind: DocKind, name: string): RootKind | null {
	if (kind === 'careplan') {
		if (GOAL_TEXT_NAME.test(name) || GOAL_ACTION_TEXT_NAME.test(name)) return 'xml';
		return CAREPLAN_ROOTS.get(name) ?? null;
	}
	if (name === 'agendaItems' || name === 'meta') return 'map';
	return ITEM_TEXT.test(name) ? 'xml' : null;
}

/**
 * What a place in a live document may hold, as the schemas in this folder write it:
 * - `value`: one JSON value (text, number, true or false, null), last writer wins; `serverOnly`
 *   when no client may write it (see below);
 * - `map`: a Y.Map whose keys are those `key` gives a shape for (null: the map has no such key);
 * - `list`: a Y.Array whose entries all have the shape `entry`;
 * - `text`: rich text, a fragment of blocks (y-prosemirror's) whose content is not described here.
 */
export type Shape =
	| { is: 'value'; serverOnly?: true }
	| { is: 'map'; key: (name: string) => Shape | null }
	| { is: 'list'; entry: Shape }
	| { is: 'text' };

const VALUE: Shape = { is: 'value' };

/**
 * Written by the server only: a meeting's end (`meta.endedAt`), which makes its record final and
 * so is written only by ending it (src/lib/server/meeting-end.ts); a care plan's agreement
 * (`review.agreedWithPerson`, `agreedDate`, `agreedHow`), written only by Mark as agreed
 * (src/lib/server/plan-versions.ts) or a restore (hazard: a plan that reads as agreed with the
 * person when nobody agreed it).
 */
const SERVER_ONLY: Shape = { is: 'value', serverOnly: true };

/** A map of the given keys (a Map lookup: a key such as `__proto__` is simply not one of them). */
function mapOf(keys: Iterable<readonly [string, Shape]>): Shape {
	const shapes = new Map(keys);
	return { is: 'map', key: (name) => shapes.get(name) ?? null };
}

const valuesOf = (keys: readonly string[]) => keys.map((key) => [key, VALUE] as const);

const CAREPLAN_AGREEMENT_KEYS = new Set(['agreedWithPerson', 'agreedDate', 'agreedHow']);

/** A goal: `{ id, importance, status, actions: [{ id, when, status, confidence }] }`. */
const GOAL = mapOf([
	...valuesOf(GOAL_KEYS.filter((key) => key !== 'actions')),
	['actions', { is: 'list', entry: mapOf(valuesOf(GOAL_ACTION_KEYS)) }]
]);

const CAREPLAN_SHAPES = new Map<string, Shape>([
	['goals', { is: 'list', entry: GOAL }],
	['meta', mapOf(valuesOf(['schemaVersion']))],
	[
		'review',
		mapOf(REVIEW_KEYS.map((key) => [key, CAREPLAN_AGREEMENT_KEYS.has(key) ? SERVER_ONLY : VALUE]))
	],
	['contingencyMeta', mapOf(valuesOf(CONTINGENCY_META_KEYS))]
]);

/** An agenda item's settings: `{ sortKey, patientId, presenterId, …, removed }` (meeting.ts). */
const AGENDA_ITEM = mapOf(valuesOf(AGENDA_ITEM_KEYS));

const MEETING_SHAPES = new Map<string, Shape>([
	// Keyed by item id, a UUID as addAgendaItem makes it.
	['agendaItems', { is: 'map', key: (id) => (isUuid(id) ? AGENDA_ITEM : null) }],
	[
		'meta',
		mapOf([
			['schemaVersion', VALUE],
			['endedAt', SERVER_ONLY]
		])
	]
]);

/**
 * The shape of the top-level type `name` in a document of `kind`, or null when the schema has
 * none of that name:
 * - a care plan: `meta` `{ schemaVersion }`; `review` `{ reviewDate, preparedBy, agreedWithPerson*,
 *   agreedDate*, agreedHow* }`; `contingencyMeta` `{ hasAdvanceStatement }`; `goals`, a list of
 *   `{ id, importance, status, actions: [{ id, when, status, confidence }] }`; every other name
 *   of the schema rich text;
 * - a meeting: `agendaItems` `{ <item id>: { sortKey, patientId, presenterId, minutesAllotted,
 *   missingInformation, status, removed } }`; `meta` `{ schemaVersion, endedAt* }`; each item's
 *   texts rich text.
 *
 * (* written by the server only.) Keys that older versions of the schema wrote (a goal's
 * `description`, an action's `what` and `who`, `review.responsible`) are not in it: the
 * upgrades carried them into texts of their own, and no client writes them any more.
 */
export function rootShape(kind: DocKind, name: string): Shape | null {
	const root = rootKind(kind, name);
	if (root === 'xml' || root === 'text') return { is: 'text' };
	if (root === null) return null;
	return (kind === 'careplan' ? CAREPLAN_SHAPES : MEETING_SHAPES).get(name) ?? null;
}

/**
 * What people call the rich text `name` of a document of `kind`: the care plan field's label, or
 * for a meeting "Item 2: Discussion notes" (its place on the agenda now). The name itself when
 * the schema has no such text.
 */
export function textLabel(kind: DocKind, doc: Y.Doc, name: string): string {
	if (kind === 'careplan') return carePlanTextLabel(doc, name);
	const match = ITEM_TEXT.exec(name);
	if (!match) return name;
	const position = agendaOrder(doc).indexOf(match[1]);
	const item = position >= 0 ? `Item ${position + 1}` : 'An item no longer on the agenda';
	return `${item}: ${AGENDA_TEXT_LABELS[match[2] as AgendaTextField]}`;
}

/**
 * "Goal 2: description", "Goal 2, action 1: what" (or "who"), "Who reviews the plan", or the
 * label of a plan's section text.
 */
function carePlanTextLabel(doc: Y.Doc, name: string): string {
	const goals = goalsArray(doc).toArray();
	const idOf = (entry: unknown) => (entry instanceof Y.Map ? entry.get('id') : null);
	const goalMatch = GOAL_TEXT_NAME.exec(name);
	if (goalMatch) {
		const position = goals.findIndex((goal) => idOf(goal) === goalMatch[1]);
		return position >= 0 ? `Goal ${position + 1}: description` : 'A removed goal: description';
	}
	const actionMatch = GOAL_ACTION_TEXT_NAME.exec(name);
	if (actionMatch) {
		for (const [g, goal] of goals.entries()) {
			const actions = goal instanceof Y.Map ? goal.get('actions') : null;
			if (!(actions instanceof Y.Array)) continue;
			const a = actions.toArray().findIndex((action) => idOf(action) === actionMatch[1]);
			if (a >= 0) return `Goal ${g + 1}, action ${a + 1}: ${actionMatch[2]}`;
		}
		return `A removed action: ${actionMatch[2]}`;
	}
	if (name === REVIEW_RESPONSIBLE.name) return REVIEW_RESPONSIBLE.label;
	return CAREPLAN_FRAGMENTS.find((f) => f.name === name)?.label ?? name;
}
