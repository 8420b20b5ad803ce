/** NHS numbers: 10 digits, the last a modulus-11 check digit (NHS Data Dictionary). */

export function normaliseNhsNumber(input: string): string {
	return input.replace(/[\s-]/g, '');
}

/**
 * The check digit for the first nine digits of an NHS number, or null when the remainder gives 10:
 * no NHS number is issued with those nine digits.
 */
export function nhsNumberCheckDigit(firstNine: string): number | null {
	if (!/^\d{9}$/.test(firstNine)) throw new RangeError('Expected exactly nine digits');
	let sum = 0;
	for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
	const check = 11 - (sum % 11);
	if (check === 11) return 0;
	if (check === 10) return null;
	return check;
}

/** Null when the number is valid, otherwise a message to show the person who typed it. */
export function nhsNumberProblem(input: string): string | null {
	const digits = normaliseNhsNumber(input);
	if (digits === '') return 'Enter an NHS number';
	if (!/^\d{10}$/.test(digits)) return 'NHS number must be 10 digits';
	if (nhsNumberCheckDigit(digits.slice(0, 9)) !== Number(digits[9])) {
		return 'NHS number is not valid: the check digit is wrong';
	}
	return null;
}

export function isValidNhsNumber(input: string): boolean {
	return nhsNumberProblem(input) === null;
}

/** `999 123 4567` for a valid number; anything else is shown as typed, so a bad one looks bad. */
export function formatNhsNumber(n: string): string {
	if (!isValidNhsNumber(n)) return n;
	const digits = normaliseNhsNumber(n);
	return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

/** The 999 range is reserved for test data and is never issued to a real patient. */
export function isSyntheticNhsNumber(n: string): boolean {
	return /^999\d{7}$/.test(normaliseNhsNumber(n));
}
