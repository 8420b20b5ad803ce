import { Extension } from '@tiptap/core';
import { isChangeOrigin } from '@tiptap/extension-collaboration';
import type { Slice } from '@tiptap/pm/model';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { MAX_EDIT_BYTES, MAX_UNCONFIRMED_BYTES } from '$lib/domain/collab/limits';

export const TOO_LARGE = 'This paste is too large to share; it was not added.';
export const TOO_MUCH_WAITING =
	'Too many changes are waiting to be saved, so this was not added. Try again once they are.';

type Options = {
	/** The live document edited: how much of its editing is not yet confirmed. */
	live: { unconfirmedBytes: number } | null;
};

/**
 * Stops an edit the server would refuse (server/collab closes at MAX_FRAME_BYTES) before it enters
 * the document, and says so beside the editor. Sent, it would be refused; kept, it would be sent
 * again on every reconnection, and nothing typed after it would reach anyone.
 */
export const EditSizeLimit = Extension.create<Options>({
	name: 'editSizeLimit',

	addOptions() {
		return { live: null };
	},

	addProseMirrorPlugins() {
		const { live } = this.options;
		let notice: HTMLElement | null = null;
		const show = (message: string | null) => {
			if (!notice) return;
			notice.textContent = message ?? '';
			notice.hidden = message === null;
		};
		return [
			new Plugin({
				key: new PluginKey('editSizeLimit'),
				filterTransaction(tr) {
					// Changes from the document itself (others' edits, undo) are never refused here.
					if (!tr.docChanged || isChangeOrigin(tr)) return true;
					const bytes = insertedBytes(tr);
					const refusal =
						bytes > MAX_EDIT_BYTES
							? TOO_LARGE
							: bytes > 0 && (live?.unconfirmedBytes ?? 0) + bytes > MAX_UNCONFIRMED_BYTES
								? TOO_MUCH_WAITING
								: null;
					show(refusal);
					return refusal === null;
				},
				view(view) {
					notice = document.createElement('p');
					notice.className = 'nhsuk-error-message edit-size-limit';
					notice.setAttribute('role', 'alert');
					notice.hidden = true;
					view.dom.after(notice);
					return {
						destroy() {
							notice?.remove();
							notice = null;
						}
					};
				}
			})
		];
	}
});

/** The size of what a transaction inserts, as UTF-8 JSON: close to (mostly above) its Yjs update's. */
function insertedBytes(tr: Transaction): number {
	let bytes = 0;
	for (const step of tr.steps) {
		const slice = (step as { slice?: Slice }).slice;
		if (slice && slice.content.size > 0) {
			bytes += new TextEncoder().encode(JSON.stringify(slice.content.toJSON())).byteLength;
		}
	}
	return bytes;
}
