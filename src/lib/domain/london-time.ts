/**
 * MDT meetings happen in England: times are typed and shown as Europe/London wall-clock time and
 * stored as UTC instants. The offset (GMT or BST) is read from Intl, so no time-zone library.
 */

// Months are spelt out here, not by Intl: ICU versions disagree ('Sep' or 'Sept'), and the server
// and the browser must render the same text.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const offsetFormat = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	timeZoneName: 'shortOffset'
});

const wallClock = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

/** Minutes ahead of UTC in London at that instant: 0 (GMT) or 60 (BST). */
function londonOffsetMinutes(instant: Date): number {
	const name = offsetFormat.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value;
	const match = /^GMT(?:([+-])(\d{1,2})(?::(\d{2}))?)?$/.exec(name ?? '');
	if (!match) throw new Error(`Unexpected time zone name: ${name}`);
	if (!match[1]) return 0;
	const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
	return match[1] === '-' ? -minutes : minutes;
}

/** The London calendar date (`YYYY-MM-DD`) and time (`HH:MM`) of an instant. */
export function toLondonTime(instant: Date): { date: string; time: string } {
	const parts = wallClock.formatToParts(instant);
	const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
	return {
		date: `${part('year')}-${part('month')}-${part('day')}`,
		time: `${part('hour')}:${part('minute')}`
	};
}

/**
 * The instant of a London wall-clock time, or null when that time does not exist (the hour
 * skipped when the clocks go forward). In the hour repeated when they go back, the later (GMT)
 * one is chosen.
 */
export function fromLondonTime(date: string, time: string): Date | null {
	const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	const t = /^(\d{2}):(\d{2})$/.exec(time);
	if (!d || !t) return null;
	const asUtc = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
	// Guess with the offset at the wall-clock time read as UTC; near a change, correct once.
	const guess = londonOffsetMinutes(new Date(asUtc));
	let instant = new Date(asUtc - guess * 60_000);
	const actual = londonOffsetMinutes(instant);
	if (actual !== guess) instant = new Date(asUtc - actual * 60_000);
	const back = toLondonTime(instant);
	return back.date === date && back.time === time ? instant : null;
}

/** Today in England, `YYYY-MM-DD` (the day a coordinator would write on paper). */
export function londonToday(now = new Date()): string {
	return toLondonTime(now).date;
}

/** `3 Mar 2026` for a `YYYY-MM-DD` date, with the weekday when asked: `Tue 3 Mar 2026`. */
export function formatCalendarDate(date: string, options: { weekday?: boolean } = {}): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	if (!match) return date;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const text = `${day} ${MONTHS[month - 1]} ${year}`;
	if (!options.weekday) return text;
	return `${WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]} ${text}`;
}

/** `Tue 3 Mar 2026, 13:00` in London time. */
export function formatLondonDateTime(instant: Date): string {
	const { date, time } = toLondonTime(instant);
	return `${formatCalendarDate(date, { weekday: true })}, ${time}`;
}

/** `13:00` in London time. */
export function formatLondonTime(instant: Date): string {
	return toLondonTime(instant).time;
}
