/** Dates of birth are calendar dates (`YYYY-MM-DD`), not instants: no time zone may move them. */

type CalendarDate = { year: number; month: number; day: number };

// Months are spelt out here, not by Intl: ICU versions disagree ('Sep' or 'Sept'), and the server
// and the browser must render the same text.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const englandCalendar = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	year: 'numeric',
	month: 'numeric',
	day: 'numeric'
});

function parseCalendarDate(iso: string): CalendarDate | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
	if (!match) return null;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const check = new Date(Date.UTC(year, month - 1, day));
	if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1) return null;
	if (check.getUTCDate() !== day) return null;
	return { year, month, day };
}

/** The date it is in England at that instant: a birthday starts at midnight UK time. */
function dateInEngland(on: Date): CalendarDate {
	const parts = englandCalendar.formatToParts(on);
	const part = (type: Intl.DateTimeFormatPartTypes) =>
		Number(parts.find((p) => p.type === type)?.value);
	return { year: part('year'), month: part('month'), day: part('day') };
}

/**
 * Age in whole years on a given day (today in England by default). Someone born on 29 February
 * turns a year older on 1 March in a non-leap year.
 */
export function ageOn(dateOfBirth: string, on: Date = new Date()): number {
	const born = parseCalendarDate(dateOfBirth);
	if (!born) throw new RangeError(`Not a date of birth: ${dateOfBirth}`);
	if (Number.isNaN(on.getTime())) throw new RangeError('Not a valid date to measure age on');
	const today = dateInEngland(on);
	const hadBirthday =
		today.month > born.month || (today.month === born.month && today.day >= born.day);
	const age = today.year - born.year - (hadBirthday ? 0 : 1);
	if (age < 0) throw new RangeError('Date of birth is after the date to measure age on');
	return age;
}

/**
 * `3 Mar 1941`. A calendar date is shown as written; a timestamp as its UTC date. Anything that
 * is not a date is returned unchanged rather than thrown, because this only ever feeds a view.
 */
export function formatDate(iso: string): string {
	let date = parseCalendarDate(iso);
	if (!date && /^\d{4}-\d{2}-\d{2}T/.test(iso)) {
		const instant = new Date(iso);
		if (!Number.isNaN(instant.getTime())) {
			date = {
				year: instant.getUTCFullYear(),
				month: instant.getUTCMonth() + 1,
				day: instant.getUTCDate()
			};
		}
	}
	if (!date) return iso;
	return `${date.day} ${MONTHS[date.month - 1]} ${date.year}`;
}
