/**
 * Text going into a line-based format — an iCalendar invite today, the clinical record text,
 * and CSV downloads of reports — passes through here first. In such formats a line break or another
 * control character is structure, not content: a display name ending "\r\nATTENDEE:…" adds a real
 * attendee to an invite, and a bare CR or an escape sequence in a title can end a line or hide
 * text in the program that reads it (hazard: content injected into a clinical communication).
 *
 * Each function removes control characters (Unicode general category Cc: U+0000–U+001F, U+007F,
 * U+0080–U+009F) and keeps only what the target format can carry, escaped by its rules. Pure:
 * shared by browser and server.
 */

/** Every way of ending a line: CRLF, a bare CR or LF, NEL, and the Unicode line and paragraph separators. */
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g;
/** Tabs read as spaces: they separate words, so dropping them would run words together. */
const TAB = /\t/g;
const CONTROL = /\p{Cc}/gu;

/** Control characters but tab, line feed and carriage return (Unicode Cc: C0, DEL and C1). */
const CONTROL_BUT_BREAKS = /[^\P{Cc}\t\n\r]/gu;

/**
 * Text without control characters other than tab and line breaks: for what people typed or
 * pasted, wherever it is stored or shown (forms, the live documents read as JSON). Nobody types
 * one; they come with pasted text and carry no one's content — and PostgreSQL's text and jsonb
 * cannot hold NUL (jsonb: "unsupported Unicode escape sequence").
 */
export function withoutControlCharacters(value: string): string {
	return value.replace(CONTROL_BUT_BREAKS, '');
}

/**
 * The text as one line: each line break and tab becomes a space, every other control character
 * is removed. For values a format holds on one line: names, titles, descriptions of an action.
 */
export function singleLine(value: string): string {
	return value.replace(LINE_BREAK, ' ').replace(TAB, ' ').replace(CONTROL, '');
}

/**
 * The text with its lines kept, each ending in a single "\n" (CRLF, bare CR, NEL, U+2028 and
 * U+2029 included), tabs as spaces, and every other control character removed.
 */
export function multiLine(value: string): string {
	return value
		.replace(LINE_BREAK, '\n')
		.replace(TAB, ' ')
		.replace(/[^\P{Cc}\n]/gu, '');
}

/**
 * An iCalendar TEXT value (RFC 5545 §3.3.11): control characters removed, then backslash,
 * semicolon and comma escaped with a backslash and each line break written as the two
 * characters `\n`. The result holds no control character, so it cannot end its content line.
 */
export function icalendarText(value: string): string {
	return multiLine(value)
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\n/g, '\\n');
}

/**
 * An iCalendar parameter value to write inside double quotes, such as a display name in
 * `CN="…"` (RFC 5545 §3.1: a quoted-string holds any character but CONTROL and DQUOTE, with no
 * escape). Line breaks and tabs become spaces, other controls and double quotes are removed,
 * and backslashes too, since some calendars read them as escapes.
 */
export function icalendarQuotedParam(value: string): string {
	return singleLine(value).replace(/["\\]/g, '');
}

/**
 * An iCalendar URI or CAL-ADDRESS value (`mailto:…`, a link; RFC 5545 §3.3.3, §3.3.13): no
 * control characters and no whitespace, which a URI cannot hold.
 */
export function icalendarUri(value: string): string {
	return value.replace(CONTROL, '').replace(/\s/gu, '');
}

/**
 * Folds an iCalendar content line (RFC 5545 §3.1): lines longer than 75 octets of UTF-8 are
 * split, each continuation starting with a single space, never inside a character. Unfolding
 * (deleting each CRLF followed by a space) gives the line back.
 */
export function foldIcalendarLine(line: string): string {
	const encoder = new TextEncoder();
	if (encoder.encode(line).length <= 75) return line;
	const parts: string[] = [];
	let current = '';
	let size = 0;
	for (const char of line) {
		const length = encoder.encode(char).length;
		// The first line holds 75 octets; each continuation 74 after its leading space.
		if (size + length > (parts.length === 0 ? 75 : 74)) {
			parts.push(current);
			current = '';
			size = 0;
		}
		current += char;
		size += length;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

/** What a spreadsheet would read as the start of a formula (OWASP, "CSV Injection"). */
const FORMULA_START = /^\s*[=+\-@]/;

/**
 * One CSV field (RFC 4180) holding `value`. A number we computed is written as it is. Text goes
 * on one line (line breaks and tabs as spaces, other control characters removed); text that
 * starts with `=`, `+`, `-` or `@` (after any spaces) gets a leading apostrophe so that a
 * spreadsheet shows it instead of running it as a formula (hazard: a formula in a downloaded
 * report that exfiltrates data or runs a command); and the field is quoted, with its quotes
 * doubled, when it holds a comma, a quote or a semicolon (the separator where Excel's locale
 * uses a decimal comma: unquoted, it would start a new field there, which could be a formula).
 */
export function csvField(value: string | number | null): string {
	if (value === null) return '';
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
		return String(value);
	}
	let text = singleLine(value);
	if (FORMULA_START.test(text)) text = `'${text}`;
	return /[",;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A CSV document (RFC 4180): each row's fields through `csvField`, separated by commas, each
 * record ending in CRLF.
 */
export function csvDocument(rows: readonly (readonly (string | number | null)[])[]): string {
	return rows.map((row) => row.map(csvField).join(',') + '\r\n').join('');
}
