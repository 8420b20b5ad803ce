/**
 * Two versions of a plan compared section by section, for the compare view and the minutes' plan
 * changes. Sections are matched by their stable key (carePlanSections), so a goal added, changed
 * or removed is one section added, changed or removed; words added and removed within a section
 * come from jsdiff's word diff.
 */
import { diffWords } from 'diff';
import type { PlanSectionText } from './sections';

/** In a compare, the live plan as it is now rather than a saved version. */
export const CURRENT_PLAN = 'current';

/** What happened to a section between the two versions. */
export type SectionChange = 'unchanged' | 'changed' | 'added' | 'removed';

/** A run of text in a compared section: the same in both, only in the later, or only in the earlier. */
export interface ComparedText {
	text: string;
	change: 'same' | 'added' | 'removed';
}

export interface ComparedSection {
	key: string;
	section: string;
	heading: string;
	change: SectionChange;
	/** The section's text as runs; an empty list when the section is empty in both versions. */
	parts: ComparedText[];
}

function changeOf(before: string, after: string): SectionChange {
	if (before === after) return 'unchanged';
	if (before.trim() === '') return 'added';
	if (after.trim() === '') return 'removed';
	return 'changed';
}

function partsOf(before: string, after: string): ComparedText[] {
	if (before === after) return before === '' ? [] : [{ text: before, change: 'same' }];
	return diffWords(before, after).map((part) => ({
		text: part.value,
		change: part.added ? 'added' : part.removed ? 'removed' : 'same'
	}));
}

/**
 * The sections of `from` (the earlier version) and `to` (the later) side by side, in the order of
 * `to`; a section only in `from` (a goal removed) stays where it was, after the section that
 * preceded it there. Pure; never throws.
 */
export function comparePlanSections(
	from: readonly PlanSectionText[],
	to: readonly PlanSectionText[]
): ComparedSection[] {
	const earlier = new Map(from.map((s) => [s.key, s]));
	const later = new Set(to.map((s) => s.key));
	const compared: ComparedSection[] = to.map((section) => {
		const before = earlier.get(section.key)?.text ?? '';
		return {
			key: section.key,
			section: section.section,
			heading: section.heading,
			change: changeOf(before, section.text),
			parts: partsOf(before, section.text)
		};
	});
	from.forEach((section, index) => {
		if (later.has(section.key)) return;
		const removed: ComparedSection = {
			key: section.key,
			section: section.section,
			heading: section.heading,
			change: section.text.trim() === '' ? 'unchanged' : 'removed',
			parts: partsOf(section.text, '')
		};
		const previous = from
			.slice(0, index)
			.reverse()
			.find((s) => compared.some((c) => c.key === s.key));
		const at = previous ? compared.findIndex((c) => c.key === previous.key) + 1 : 0;
		compared.splice(at, 0, removed);
	});
	return compared;
}

/** Whether anything differs between the two versions. */
export function hasChanges(compared: readonly ComparedSection[]): boolean {
	return compared.some((s) => s.change !== 'unchanged');
}

/**
 * Whether anything differs between two versions: what comparePlanSections would mark changed,
 * added or removed, found by comparing texts alone. Cheap enough for every live edit (the Plan
 * tab asks at each keystroke); the word diff is only for showing a compare.
 */
export function sectionsDiffer(
	from: readonly PlanSectionText[],
	to: readonly PlanSectionText[]
): boolean {
	const earlier = new Map(from.map((s) => [s.key, s.text]));
	const later = new Set(to.map((s) => s.key));
	return (
		to.some((s) => (earlier.get(s.key) ?? '') !== s.text) ||
		from.some((s) => !later.has(s.key) && s.text.trim() !== '')
	);
}
