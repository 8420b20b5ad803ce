import { describe, expect, it } from 'vitest';
import {
	csvDocument,
	csvField,
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

describe('CSV for downloaded reports (RFC 4180, no formula injection)', () => {
	it('writes text that a spreadsheet would run as a formula with a leading apostrophe', () => {
		expect(csvField('=1+1')).toBe("'=1+1");
		expect(csvField('+')).toBe("'+");
		expect(csvField('-2')).toBe("'-2");
		expect(csvField('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
		expect(csvField("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
	});

	it('escapes a formula behind spaces, a tab, a non-breaking space or a line break', () => {
		expect(csvField('  =1+1')).toBe("'  =1+1");
		expect(csvField('\t=1+1')).toBe("' =1+1");
		expect(csvField('\u00a0@SUM(A1)')).toBe("'\u00a0@SUM(A1)");
		expect(csvField('\r\n-1')).toBe("' -1");
	});

	it('leaves text that merely holds those signs alone', () => {
		expect(csvField('Age 85+')).toBe('Age 85+');
		expect(csvField('18 to 44')).toBe('18 to 44');
		expect(csvField('a=b')).toBe('a=b');
		expect(csvField('')).toBe('');
	});

	it('quotes a field holding a comma or a quote, its quotes doubled', () => {
		expect(csvField('Smith, Jones and Partners')).toBe('"Smith, Jones and Partners"');
		expect(csvField('The "Riverside" practice')).toBe('"The ""Riverside"" practice"');
		expect(csvField('=HYPERLINK("http://x.test","click")')).toBe(
			'"\'=HYPERLINK(""http://x.test"",""click"")"'
		);
		// A leading quote is not a formula: the spreadsheet reads the quoted text as it is.
		expect(csvField('"=1+1"')).toBe('"""=1+1"""');
	});

	it('keeps a field on one line: line breaks and tabs are spaces, other controls go', () => {
		expect(csvField('Riverside\r\nSurgery')).toBe('Riverside Surgery');
		expect(csvField('a\rb\nc\u2028d')).toBe('a b c d');
		expect(csvField(`x${BEL}${ESC}y${NUL}`)).toBe('xy');
	});

	it('writes a number as a number, negative ones too, and nothing for null', () => {
		expect(csvField(0)).toBe('0');
		expect(csvField(12)).toBe('12');
		expect(csvField(-2)).toBe('-2');
		expect(csvField(-2.5)).toBe('-2.5');
		expect(csvField(33.3)).toBe('33.3');
		expect(csvField(null)).toBe('');
		expect(() => csvField(Number.NaN)).toThrow(RangeError);
		expect(() => csvField(Number.POSITIVE_INFINITY)).toThrow(RangeError);
	});

	it('makes a document of records ending in CRLF, each field through csvField', () => {
		expect(
			csvDocument([
				['Practice', 'Referrals', 'Change'],
				['=Riverside', 12, -3],
				['Hill, "Top"', null, 'suppressed'],
				[]
			])
		).toBe(
			'Practice,Referrals,Change\r\n\'=Riverside,12,-3\r\n"Hill, ""Top""",,suppressed\r\n\r\n'
		);
		expect(csvDocument([])).toBe('');
	});

	// Where the list separator is ";" (Excel in much of Europe) a CSV file is split on
	// semicolons, so an unquoted "x;=1+1" would become a cell "=1+1". Quoting a field that holds
	// a semicolon keeps it one cell everywhere.
	it('quotes a field holding a semicolon, so no locale splits a formula out of it', () => {
		expect(csvField('Riverside;=1+1')).toBe('"Riverside;=1+1"');
	});
});
