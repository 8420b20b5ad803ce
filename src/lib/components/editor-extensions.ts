import { Extension, type AnyExtension } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';

/**
 * The one set of editor extensions of every co-edited field, so that all fields share one schema.
 * That matters for safety: y-prosemirror deletes from the shared document any content its schema
 * cannot hold, so a field with a narrower schema (one line, no lists) would silently destroy what
 * someone pasted elsewhere, or what an upgrade wrote. A one-line field is the same schema with
 * Enter turned off.
 */
export function editorExtensions(options: {
	fragment: Y.XmlFragment;
	provider: WebsocketProvider;
	user: { name: string; color: string };
	/** 'one': a single line (Enter does nothing), e.g. the reason for discussion. */
	lines: 'one' | 'many';
}): AnyExtension[] {
	return [
		// Undo and redo come from Yjs, so that each person undoes only their own edits.
		StarterKit.configure({ undoRedo: false, heading: { levels: [3, 4] } }),
		// Tables pasted from Word or Outlook stay tables, and read as one line per row in the minutes.
		TableKit.configure({ table: { resizable: false } }),
		Collaboration.configure({ fragment: options.fragment }),
		CollaborationCaret.configure({ provider: options.provider, user: options.user }),
		...(options.lines === 'one' ? [OneLine] : [])
	];
}

const OneLine = Extension.create({
	name: 'oneLine',
	addKeyboardShortcuts() {
		const ignore = () => true;
		return { Enter: ignore, 'Shift-Enter': ignore, 'Mod-Enter': ignore };
	}
});
