/**
 * Working days in England and Wales: Monday to Friday, except bank holidays. Used for a PCN's
 * target for a referral's first contact ("within 5 working days").
 *
 * The bank holidays come from the `date-holidays` library (region GB-ENG), public holidays only:
 * its observances (Mother's Day, Easter Sunday…) are not days off. England and Wales share one
 * list (GOV.UK, "UK bank holidays": "England and Wales"), substitute days included (a holiday on
 * a weekend moves to the next weekday, as on 2027-12-27 and 28) and one-off days (2022-09-19,
 * 2023-05-08) too. Scotland and Northern Ireland have their own; the product serves English PCNs.
 *
 * Dates are calendar days written `YYYY-MM-DD` (no time, no time zone): a referral received on
 * a day, a first contact made on a day.
 */
import Holidays from 'date-holidays';

const englandAndWales = new Holidays('GB', 'ENG');
const holidaysByYear = new Map<number, ReadonlySet<string>>();

const DAY_MS = 86_400_000;

/** The bank holidays of England and Wales in a year, as `YYYY-MM-DD` (cached per year). */
export function bankHolidays(year: number): ReadonlySet<string> {
	let days = holidaysByYear.get(year);
	if (!days) {
		days = new Set(
			englandAndWales
				.getHolidays(year)
				.filter((holiday) => holiday.type === 'public')
				.map((holiday) => holiday.date.slice(0, 10))
		);
		holidaysByYear.set(year, days);
	}
	return days;
}

function toUtc(day: string): number {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`Not a date: ${day}`);
	const time = Date.parse(`${day}T00:00:00Z`);
	if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== day) {
		throw new RangeError(`Not a date: ${day}`);
	}
	return time;
}

function fromUtc(time: number): string {
	return new Date(time).toISOString().slice(0, 10);
}

/** Whether a `YYYY-MM-DD` day is a Saturday or a Sunday. @throws RangeError for no real date */
export function isWeekend(day: string): boolean {
	const weekday = new Date(toUtc(day)).getUTCDay();
	return weekday === 0 || weekday === 6;
}

/** Whether a `YYYY-MM-DD` day is a working day in England and Wales (a weekday, not a bank holiday). */
export function isWorkingDay(day: string): boolean {
	return !isWeekend(day) && !bankHolidays(Number(day.slice(0, 4))).has(day);
}

/**
 * Working days from `from` to `to`: how many working days lie after `from` up to and including
 * `to` (so a referral received on a Friday and answered on the Monday took 1 working day; the
 * same day is 0). Negative when `to` is before `from` (the same count, signed).
 * @param from `YYYY-MM-DD`, e.g. the day a referral was received
 * @param to `YYYY-MM-DD`, e.g. the day of the first contact
 * @returns a whole number of working days
 * @throws RangeError for a string that is not a real date
 */
export function workingDaysBetween(from: string, to: string): number {
	const start = toUtc(from);
	const end = toUtc(to);
	if (end < start) return -workingDaysBetween(to, from);
	let count = 0;
	for (let time = start + DAY_MS; time <= end; time += DAY_MS) {
		if (isWorkingDay(fromUtc(time))) count += 1;
	}
	return count;
}

/**
 * The last day that meets a target of `days` working days after `from`: the `days`-th working day
 * after it (0 gives `from` itself). A first contact on or before this day is within target.
 * @param from `YYYY-MM-DD`, e.g. the day a referral was received
 * @param days the target in working days, a whole number from 0
 * @returns `YYYY-MM-DD`
 * @throws RangeError for a date that is not real or a negative or fractional target
 */
export function addWorkingDays(from: string, days: number): string {
	if (!Number.isInteger(days) || days < 0) throw new RangeError(`Not a target: ${days}`);
	let time = toUtc(from);
	for (let left = days; left > 0;) {
		time += DAY_MS;
		if (isWorkingDay(fromUtc(time))) left -= 1;
	}
	return fromUtc(time);
}

/** A first contact's timing against its target, for the inbox and the referral page. */
export type FirstContactTiming = {
	/** The last day that meets the target, `YYYY-MM-DD`. */
	dueBy: string;
	/** Working days from the referral to the first contact, or to today while none is made. */
	workingDays: number;
	/** Made later than the target, or not yet made and today is past the due day. */
	overTarget: boolean;
};

/**
 * How a referral's first contact stands against the PCN's target (issue 10: "a first contact
 * later than the target, default 5 working days, bank holidays of England and Wales counted,
 * stands out").
 * @param referral `receivedOn` and `firstContactOn` (null while none), `YYYY-MM-DD`
 * @param targetDays the PCN's target in working days
 * @param today `YYYY-MM-DD` in England
 */
export function firstContactTiming(
	referral: { receivedOn: string; firstContactOn: string | null },
	targetDays: number,
	today: string
): FirstContactTiming {
	const dueBy = addWorkingDays(referral.receivedOn, targetDays);
	const until = referral.firstContactOn ?? today;
	return {
		dueBy,
		workingDays: Math.max(0, workingDaysBetween(referral.receivedOn, until)),
		overTarget: until > dueBy
	};
}
