/**
 * What a client's update would add outside its document's schema, read from the update itself
 * (Y.decodeUpdate) before anything is stored: a top-level type the schema does not have (a
 * mutated but well-formed update once stored stray keys in real care plans), a key a map of the
 * schema does not have (`meta.stray`, an agenda item that is not a map of settings), content of
 * the wrong kind for its place (a list where an agenda item's map goes, a key on a rich text), or
 * a key only the server writes (a client setting `meta.endedAt` would have ended a meeting for
 * everyone). The shapes are those of src/lib/domain/collab/roots.ts (rootShape).
 */
import * as Y from 'yjs';
import type { DocKind } from '../../src/lib/domain/collab/documents';
import { rootShape, type Shape } from '../../src/lib/domain/collab/roots';

/**
 * Content not looked into: what lies inside a rich text's blocks (marks, attributes, nesting),
 * and inside a structure already stored under a name or key the schema does not have (left by an
 * older version, or stored before this check): edits to it are let through as they always were.
 */
const UNCHECKED = 'unchecked';

type Content = Y.Item['content'];

/** Where an item goes: inside which type (its path, its shape), under which key if a map's. */
type Place = { path: string; holder: Shape | typeof UNCHECKED; key: string | null };

/** Deeper than every structure the schemas describe (goals › goal › actions › action › value). */
const MAX_CHECKED_DEPTH = 6;

/**
 * Why the update may not be applied, or null when everything it adds is inside the schema.
 *
 * An item's place is in the update only when it has no neighbour to follow (the first item of a
 * type, or the first value of a map key); otherwise it goes where its neighbour (origin, else
 * right origin) is, in the document or in the same update (in any order: several clients' items
 * come client by client). A new top-level type can only come from the first kind, so that is
 * where its name is checked. An item whose parent or neighbour is nowhere (a missing dependency)
 * is not judged: Yjs keeps it aside until that arrives, which the browser never needs
 * (pending-guard.ts bounds what is kept).
 */
export function outsideSchema(kind: DocKind, doc: Y.Doc, update: Uint8Array): string | null {
	const items = new UpdateItems(Y.decodeUpdate(update).structs);
	const places = new Map<Y.Item, Place | null>();

	/** The place of the item holding `id`, in the document or this update; null if unknown. */
	const placeOfId = (id: Y.ID): Place | null | Y.Item => {
		if (Y.getState(doc.store, id.client) > id.clock) {
			return placeInDoc(kind, Y.getItem(doc.store, id));
		}
		const item = items.find(id);
		if (!item) return null;
		return places.has(item) ? places.get(item)! : item;
	};

	/**
	 * What the item's place follows from: a place found, or an item of this update to place first.
	 * A string parent is a top-level type, placed at once (or refused: thrown as the reason).
	 */
	const dependency = (item: Y.Item): Place | null | Y.Item => {
		if (typeof item.parent === 'string') {
			const shape = rootShape(kind, item.parent);
			if (!shape) throw new Refusal(`no top-level type "${item.parent}"`);
			return { path: item.parent, holder: shape, key: item.parentSub };
		}
		if (item.parent) return placeOfId(item.parent as Y.ID);
		const neighbour = item.origin ?? item.rightOrigin;
		return neighbour ? placeOfId(neighbour) : null;
	};

	/** The item's own place, from what it depends on (see `dependency`). */
	const placeFrom = (item: Y.Item, found: Place | null): Place | null => {
		if (!found || typeof item.parent === 'string') return found;
		// A child of a type: it goes inside that type, under its own key.
		if (item.parent) return { ...inside(found), key: item.parentSub };
		return found;
	};

	/**
	 * Places `item`, and first every item of this update it depends on: without recursion (a
	 * text's characters each follow the one before), and an update whose items depend on each
	 * other in a circle leaves them unplaced (Yjs cannot integrate them either).
	 */
	const place = (item: Y.Item): Place | null => {
		const stack = [item];
		const waiting = new Set<Y.Item>([item]);
		while (stack.length > 0) {
			const top = stack[stack.length - 1];
			const found = dependency(top);
			if (found instanceof Y.Item && !waiting.has(found)) {
				stack.push(found);
				waiting.add(found);
				continue;
			}
			places.set(top, found instanceof Y.Item ? null : placeFrom(top, found));
			stack.pop();
		}
		return places.get(item) ?? null;
	};

	try {
		for (const item of items.all) {
			const where = places.has(item) ? places.get(item)! : place(item);
			const why = where && refusal(where, item.content);
			if (why) return why;
		}
	} catch (error) {
		if (error instanceof Refusal) return error.message;
		throw error;
	}
	return null;
}

class Refusal extends Error {}

/**
 * The place of the content inside the type at `place` (the type's own shape: what it holds).
 * Inside a single value nothing is looked into: a type stored there already (not by a client
 * now: such a type is refused where it is placed) is not the schema's.
 */
function inside(place: Place): Omit<Place, 'key'> {
	const { path, holder, key } = place;
	if (holder === UNCHECKED || holder.is === 'value' || holder.is === 'text') {
		return { path, holder: UNCHECKED };
	}
	if (holder.is === 'list') return { path: `${path}[]`, holder: holder.entry };
	const shape = key === null ? null : holder.key(key);
	return { path: `${path}.${key}`, holder: shape ?? UNCHECKED };
}

const EXPECTED: Record<Shape['is'], string> = {
	value: 'a single value',
	map: 'a map',
	list: 'a list',
	text: 'rich text'
};

/** Why this content may not go at this place, or null. */
function refusal(place: Place, content: Content): string | null {
	const { path, holder, key } = place;
	if (holder === UNCHECKED || holder.is === 'value') return null;
	if (holder.is === 'map') {
		if (key === null) return `"${path}" is a map: content without a key`;
		const shape = holder.key(key);
		if (!shape) return `no key "${key}" in "${path}"`;
		if (shape.is === 'value' && shape.serverOnly) {
			return `"${path}.${key}" is written by the server only`;
		}
		return fits(shape, content, `${path}.${key}`);
	}
	const what = holder.is === 'list' ? 'a list' : 'rich text';
	if (key !== null) return `a key ("${key}") set on "${path}", which is ${what}`;
	if (holder.is === 'list') return fits(holder.entry, content, `${path}[]`);
	// At the top of a rich text go its blocks (XmlElement, or XmlText): no other kind of type.
	// Plain values and characters are let through: the live-server tests and the benchmark use
	// such names as plain lists and texts (sharedText in tests/integration/collab-fixtures.ts,
	// tests/bench/measure.ts).
	if (!(content instanceof Y.ContentType || content instanceof Y.ContentDoc)) return null;
	if (isType(content, Y.XmlElement) || isType(content, Y.XmlText)) return null;
	return `"${path}" is rich text, not ${kindOf(content)}`;
}

const TYPES = { map: Y.Map, list: Y.Array, text: Y.XmlFragment };

/** Does `content` fit `shape`? Deleted content (garbage-collected) fits anywhere. */
function fits(shape: Shape, content: Content, where: string): string | null {
	if (content instanceof Y.ContentDeleted) return null;
	const fit =
		shape.is === 'value' ? content instanceof Y.ContentAny : isType(content, TYPES[shape.is]);
	return fit ? null : `"${where}" must be ${EXPECTED[shape.is]}, not ${kindOf(content)}`;
}

/** Exactly this kind of type (a Y.XmlHook is a Y.Map by inheritance, but not one here). */
function isType(content: Content, type: abstract new () => unknown): boolean {
	return content instanceof Y.ContentType && content.type.constructor === type;
}

/** Content as people reading the server's log call it. */
function kindOf(content: Content): string {
	if (content instanceof Y.ContentType) {
		const type = content.type.constructor;
		if (type === Y.Map) return 'a map';
		if (type === Y.Array) return 'a list';
		if (type === Y.Text) return 'a text';
		if (type === Y.XmlElement || type === Y.XmlText) return 'rich text';
		return 'another kind of type';
	}
	if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) return 'a value';
	if (content instanceof Y.ContentString) return 'characters';
	if (content instanceof Y.ContentDoc) return 'a subdocument';
	if (content instanceof Y.ContentBinary) return 'binary data';
	return 'text formatting or an embed';
}

/** This update's items, by client in clock order (as Yjs encodes them). */
class UpdateItems {
	readonly all: Y.Item[] = [];
	readonly #byClient = new Map<number, Y.Item[]>();

	constructor(structs: (Y.Item | Y.GC | Y.Skip)[]) {
		for (const struct of structs) {
			if (!(struct instanceof Y.Item)) continue;
			this.all.push(struct);
			const list = this.#byClient.get(struct.id.client) ?? [];
			list.push(struct);
			this.#byClient.set(struct.id.client, list);
		}
	}

	/** The item holding `id` (any clock inside it), by binary search; or null. */
	find(id: Y.ID): Y.Item | null {
		const list = this.#byClient.get(id.client) ?? [];
		let low = 0;
		let high = list.length - 1;
		while (low <= high) {
			const middle = (low + high) >> 1;
			const item = list[middle];
			if (id.clock < item.id.clock) high = middle - 1;
			else if (id.clock >= item.id.clock + item.length) low = middle + 1;
			else return item;
		}
		return null;
	}
}

/**
 * Where an integrated item sits: up through its parents to the top-level type, then down the
 * schema's shapes. Only the first levels are walked: deeper is inside rich text, not looked into.
 */
function placeInDoc(kind: DocKind, item: Y.Item | Y.GC): Place | null {
	if (!(item instanceof Y.Item)) return null;
	const chain: Y.Item[] = [item];
	let type = item.parent as Y.AbstractType<unknown> | null;
	while (type?._item) {
		if (chain.length > MAX_CHECKED_DEPTH) return { path: '…', holder: UNCHECKED, key: null };
		chain.push(type._item);
		type = type._item.parent as Y.AbstractType<unknown> | null;
	}
	if (!type) return null;
	const root = Y.findRootTypeKey(type);
	const top = chain[chain.length - 1];
	let place: Place = { path: root, holder: rootShape(kind, root) ?? UNCHECKED, key: top.parentSub };
	for (let i = chain.length - 2; i >= 0; i--) place = { ...inside(place), key: chain[i].parentSub };
	return place;
}
