/**
 * The top-level types each kind of live document may hold: what the schemas in this folder
 * create, and nothing else. The server refuses a client's change that would add any other
 * (server/collab/schema-guard.ts), and a restored version copies exactly these.
 */
import {
	CAREPLAN_FRAGMENTS,
	GOAL_ACTION_TEXT_NAME,
	GOAL_TEXT_NAME,
	REVIEW_RESPONSIBLE,
	goalsArray
} from './careplan/schema';
import type { DocKind } from './documents';
import * as Y from 'yjs';
import {
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

/** A care plan's agreement with the person, in its review map. */
const CAREPLAN_AGREEMENT_KEYS = new Set(['agreedWithPerson', 'agreedDate', 'agreedHow']);

/**
 * Keys of a top-level map that only the server writes: a meeting's end (`meta.endedAt`), which
 * makes its record final and so is written only by ending it (src/lib/server/meeting-end.ts); a
 * care plan's agreement (`review.agreedWithPerson`, `agreedDate`, `agreedHow`), written only by
 * Mark as agreed (src/lib/server/plan-versions.ts) or a restore (hazard: a plan that reads as
 * agreed with the person when nobody agreed it).
 */
export function isServerOnlyKey(kind: DocKind, root: string, key: string): boolean {
	if (kind === 'careplan') return root === 'review' && CAREPLAN_AGREEMENT_KEYS.has(key);
	return root === 'meta' && key === 'endedAt';
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
