/**
 * What a client's update would add outside its document's schema, read from the update itself
 * (Y.decodeUpdate) before anything is stored: a top-level type the schema does not have (a
 * mutated but well-formed update once stored stray keys in real care plans), or a key only the
 * server writes (a client setting `meta.endedAt` would have ended a meeting for everyone).
 */
import * as Y from 'yjs';
import type { DocKind } from '../../src/lib/domain/collab/documents';
import { isServerOnlyKey, rootKind } from '../../src/lib/domain/collab/roots';

/** Where an item goes: the top-level type's name, and the key when that type is a map. */
type Place = { root: string; key: string | null };

/**
 * Why the update may not be applied, or null when everything it adds is inside the schema.
 *
 * An item's place is in the update only when it has no neighbour to follow (the first item of a
 * type, or the first value of a map key); otherwise it goes where its neighbour (origin) is, in
 * the document or earlier in the same update. A new top-level type can only come from the first
 * kind, so that is where the schema is checked; a neighbour not found (a missing dependency) is
 * judged when it arrives.
 */
export function outsideSchema(kind: DocKind, doc: Y.Doc, update: Uint8Array): string | null {
	const { structs } = Y.decodeUpdate(update);
	const placed = new PlacedItems();
	const placeOf = (id: Y.ID | null): Place | null => {
		if (!id) return null;
		if (Y.getState(doc.store, id.client) <= id.clock) return placed.find(id);
		return placeInDoc(Y.getItem(doc.store, id));
	};
	for (const struct of structs) {
		if (!(struct instanceof Y.Item)) continue;
		let place: Place | null;
		if (typeof struct.parent === 'string') {
			if (!rootKind(kind, struct.parent)) return `no top-level type "${struct.parent}"`;
			place = { root: struct.parent, key: struct.parentSub };
		} else if (struct.parent) {
			place = placeOf(struct.parent as Y.ID);
		} else {
			place = placeOf(struct.origin) ?? placeOf(struct.rightOrigin);
		}
		if (place && place.key !== null && isServerOnlyKey(kind, place.root, place.key)) {
			return `"${place.root}.${place.key}" is written by the server only`;
		}
		if (place) placed.add(struct, place);
	}
	return null;
}

/** The places of this update's items so far, by client, in clock order (as Yjs encodes them). */
class PlacedItems {
	readonly #byClient = new Map<number, { clock: number; end: number; place: Place }[]>();

	add(item: Y.Item, place: Place) {
		const ranges = this.#byClient.get(item.id.client) ?? [];
		ranges.push({ clock: item.id.clock, end: item.id.clock + item.length, place });
		this.#byClient.set(item.id.client, ranges);
	}

	/** The place of the item holding `id` (any clock inside it), by binary search; or null. */
	find(id: Y.ID): Place | null {
		const ranges = this.#byClient.get(id.client) ?? [];
		let low = 0;
		let high = ranges.length - 1;
		while (low <= high) {
			const middle = (low + high) >> 1;
			const range = ranges[middle];
			if (id.clock < range.clock) high = middle - 1;
			else if (id.clock >= range.end) low = middle + 1;
			else return range.place;
		}
		return null;
	}
}

/** Where an integrated item sits: up through its parents to the top-level type. */
function placeInDoc(item: Y.Item | Y.GC): Place | null {
	if (!(item instanceof Y.Item)) return null;
	let current: Y.Item = item;
	for (;;) {
		const parent = current.parent as Y.AbstractType<unknown> | null;
		if (!parent) return null;
		if (parent._item === null) {
			const root = Y.findRootTypeKey(parent);
			return { root, key: current.parentSub };
		}
		current = parent._item;
	}
}
