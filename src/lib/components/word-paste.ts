/**
 * Word and Outlook paste lists as paragraphs that only look like a list: each item is a
 * `<p class="MsoListParagraph…" style="mso-list:l0 level1 lfo1">` starting with the bullet ("·",
 * "o", "§" in a symbol font) or number, then non-breaking spaces, inside a span marked
 * `mso-list:Ignore`. Pasted as they are, the minutes would read "· Falls clinic" with odd spaces.
 * This turns them into real lists (nested by their level) before the editor parses the paste, so
 * they are stored as lists and read as "- Falls clinic" in the minutes and the clinical record.
 * Tables need nothing here: the editor's table extension keeps them as tables.
 */

const LEVEL = /mso-list:\s*\S+\s+level(\d+)/i;
const NUMBERED = /^\s*(\(?[0-9]+[.)]|\(?[a-z]{1,3}[.)])\s*$/i;

function listLevel(element: Element): number | null {
	const style = element.getAttribute('style') ?? '';
	const level = LEVEL.exec(style);
	if (level) return Number(level[1]);
	return /^MsoListParagraph/i.test(element.getAttribute('class') ?? '') ? 1 : null;
}

/** Takes out the hand-made marker and says whether it was a number. */
function stripMarker(item: Element): boolean {
	let numbered = false;
	for (const marker of item.querySelectorAll('[style*="mso-list" i]')) {
		if (!/mso-list:\s*ignore/i.test(marker.getAttribute('style') ?? '')) continue;
		numbered ||= NUMBERED.test((marker.textContent ?? '').replace(/\u00a0/g, ' '));
		marker.remove();
	}
	return numbered;
}

/** Rewrites Word's list paragraphs in pasted HTML as `<ul>`/`<ol>`; other HTML is unchanged. */
export function normaliseWordPaste(html: string): string {
	if (!/mso-list|MsoListParagraph/i.test(html)) return html;
	const page = new DOMParser().parseFromString(html, 'text/html');
	// Word's `<![if !supportLists]>` markers survive parsing as comments around the bullet.
	const comments = page.createTreeWalker(page.body, NodeFilter.SHOW_COMMENT);
	const drop: Node[] = [];
	while (comments.nextNode()) drop.push(comments.currentNode);
	for (const node of drop) node.parentNode?.removeChild(node);

	for (const first of [...page.body.querySelectorAll('p')]) {
		if (!first.isConnected || listLevel(first) === null) continue;
		// A run of consecutive list paragraphs is one list, nested by level.
		const run: Element[] = [];
		for (let node: Element | null = first; node && node.tagName === 'P';) {
			if (listLevel(node) === null) break;
			run.push(node);
			node = node.nextElementSibling;
		}
		const stack: { level: number; list: HTMLElement }[] = [];
		let root: HTMLElement | null = null;
		for (const paragraph of run) {
			const level = listLevel(paragraph)!;
			const numbered = stripMarker(paragraph);
			while (stack.length > 0 && stack[stack.length - 1].level > level) stack.pop();
			let top = stack[stack.length - 1];
			if (!top || top.level < level) {
				const list = page.createElement(numbered ? 'ol' : 'ul');
				const parentItem = top?.list.lastElementChild;
				if (parentItem) parentItem.appendChild(list);
				else root ??= list;
				top = { level, list };
				stack.push(top);
			}
			const item = page.createElement('li');
			const text = page.createElement('p');
			text.innerHTML = paragraph.innerHTML;
			item.appendChild(text);
			top.list.appendChild(item);
		}
		if (root) first.before(root);
		for (const paragraph of run) paragraph.remove();
	}
	return page.body.innerHTML;
}
