import { describe, expect, it } from 'vitest';
import {
	foldIcalendarLine,
	icalendarQuotedParam,
	icalendarText,
	icalendarUri,
	multiLine,
	singleLine
} from '../../src/lib/domain/line-text';

const BEL = '\u0007';
const ESC = '\u001b';
const NUL = '\u0000';
const DEL = '\u007f';
const CSI = '\u009b';

describe('text for line-based formats', () => {
	it('one line: every line break and tab is a space, every other control character goes', () => {
		expect(singleLine('Dr Tom\r\nOkafor')).toBe('Dr Tom Okafor');
		expect(singleLine('a\rb\nc\u2028d\u2029e\u0085f\tg')).toBe('a b c d e f g');
		expect(singleLine(`Ti${BEL}tle${ESC}[31m${NUL}${DEL}${CSI}`)).toBe('Title[31m');
	});

	it('several lines: each ends in one \\n, however it was typed; other controls go', () => {
		expect(multiLine('one\r\ntwo\rthree\nfour\u2028five')).toBe('one\ntwo\nthree\nfour\nfive');
		expect(multiLine(`ring${BEL} the${ESC} bell\tnow`)).toBe('ring the bell now');
		expect(multiLine('\r\n\r\n')).toBe('\n\n');
	});

	it('leaves ordinary text, accents and emoji alone', () => {
		const text = 'Zoë O’Brien; “falls”, 2×/week — ok 👍';
		expect(singleLine(text)).toBe(text);
		expect(multiLine(text)).toBe(text);
	});
});

describe('iCalendar values (RFC 5545)', () => {
	it('TEXT escapes backslash, semicolon, comma and line breaks, with no control left', () => {
		expect(icalendarText('a\\b; c, d\r\ne\rf')).toBe('a\\\\b\\; c\\, d\\ne\\nf');
		expect(icalendarText(`x${BEL}${ESC}y`)).toBe('xy');
	});

	it('a quoted parameter holds no line break, double quote or backslash', () => {
		expect(icalendarQuotedParam('Dr "Tom"\r\nATTENDEE:mailto:x@y\\')).toBe(
			'Dr Tom ATTENDEE:mailto:x@y'
		);
	});

	it('a URI holds no whitespace or control character', () => {
		expect(icalendarUri('gp@riverside.test\r\nX-INJECTED:1')).toBe('gp@riverside.testX-INJECTED:1');
	});

	it('folding never splits a character, and unfolds to the same line', () => {
		const line = 'SUMMARY:' + 'é'.repeat(60) + '👍'.repeat(20);
		const folded = foldIcalendarLine(line);
		const parts = folded.split('\r\n');
		expect(parts.every((p) => new TextEncoder().encode(p).length <= 75)).toBe(true);
		// A split surrogate pair would not survive UTF-8: it would come back as U+FFFD.
		const utf8 = (p: string) => new TextDecoder().decode(new TextEncoder().encode(p));
		expect(parts.every((p) => utf8(p) === p)).toBe(true);
		expect(folded.replace(/\r\n /g, '')).toBe(line);
	});
});
