/**
 * A small fixed dataset for the tests of the PCN's service reports (inserted by
 * reports-fixtures.ts), every figure of which is worked out by hand in reports.test.ts. North PCN has three practices (Alder, Birch, Cedar) and
 * eighteen people of chosen sex, age, ethnicity and deprivation; South PCN has rows of every kind
 * in the same periods, none of which may ever be counted for North.
 *
 * The period reported on is Q4 2026 (1 October to 31 December, 92 days); the previous period is
 * Q3 (1 July to 30 September, also 92 days). British Summer Time ends on 25 October 2026, so an
 * instant at 23:30 UTC on 30 September is 00:30 on 1 October in London.
 */
export const PERIOD = { from: '2026-10-01', to: '2026-12-31' };
export const PREVIOUS = { from: '2026-07-01', to: '2026-09-30' };

/**
 * Rows written as a table: a header line and rows, columns separated by `|`; `-` is null, a
 * value in double quotes is read as JSON (to keep spaces), and `#` starts a comment.
 */
function rows(text: string): Record<string, string | null>[] {
	const lines = text
		.split('\n')
		.map((line) => line.replace(/#.*$/, '').trim())
		.filter((line) => line !== '');
	const cells = (line: string) => line.split('|').map((cell) => cell.trim());
	const header = cells(lines[0]);
	return lines
		.slice(1)
		.map((line) =>
			Object.fromEntries(
				cells(line).map((cell, i) => [
					header[i],
					cell === '-' ? null : cell.startsWith('"') ? (JSON.parse(cell) as string) : cell
				])
			)
		);
}

/** The rows of a table by their first column. */
function byKey(text: string): Record<string, Record<string, string | null>> {
	return Object.fromEntries(rows(text).map((row) => [row.key!, row]));
}

/**
 * The people, with their age at the end of each period where a birthday moves them between
 * bands (age is taken at the end of the period a figure is for). South PCN's are z1 and z2.
 */
export const PEOPLE = byKey(`
	key | practice | sex     | born       | ethnicity                                           | imd
	a1  | alder    | female  | 1940-03-10 | White - British                                     | 2   # 86: 85+
	a2  | alder    | male    | 1951-11-15 | White - Irish                                       | 2   # 74 in Q3, 75 in Q4
	a3  | alder    | female  | 1960-06-01 | Asian or Asian British - Indian                     | 5   # 66
	a4  | alder    | male    | 1990-01-20 | Black or Black British - African                    | 1   # 36
	a5  | alder    | female  | 2010-05-05 | Mixed - White and Asian                             | 1   # 16
	a6  | alder    | female  | 1945-12-31 | Not stated                                          | -   # 81, no events
	b1  | birch    | male    | 1936-07-04 | White - British                                     | 9   # 90
	b2  | birch    | female  | 1951-12-31 | White - British                                     | 10  # 74 in Q3, 75 on 31 Dec
	b3  | birch    | male    | 1952-01-01 | Other Ethnic Groups - Chinese                       | 3   # 74 on 31 Dec
	b4  | birch    | female  | 1970-02-14 | Black or Black British - Caribbean                  | 3   # 56
	b5  | birch    | other   | 1981-10-10 | White - Any other White background                  | 6   # 44 in Q3, 45 in Q4
	b6  | birch    | male    | 1962-08-08 | Prefer not to say                                   | -   # 64
	c1  | cedar    | female  | 1938-01-01 | White - British                                     | 4   # 88
	c2  | cedar    | male    | 1948-04-04 | Asian or Asian British - Pakistani                  | 4   # 78
	c3  | cedar    | female  | 1958-09-09 | White - British                                     | 7   # 68
	c4  | cedar    | unknown | 1999-12-12 | Mixed - Any other mixed background                  | 8   # 26 in Q3, 27 in Q4
	c5  | cedar    | female  | 2008-12-31 | White - British                                     | 7   # 17 in Q3, 18 on 31 Dec
	c6  | cedar    | male    | 1955-05-05 | Black or Black British - Any other Black background | 5   # 71
	z1  | zeta     | female  | 1940-01-01 | White - British                                     | 2
	z2  | zeta     | male    | 1950-01-01 | White - British                                     | 2
`);

/**
 * Referrals, with the working days to the first contact against the target (5) worked out by
 * hand. Bank holidays of late 2026: Mon 31 Aug; Fri 25 Dec, Sat 26 Dec (Boxing Day, on a
 * weekend) and Mon 28 Dec (its substitute); Fri 1 Jan 2027.
 */
export const REFERRALS = byKey(`
	key | person | source             | need                 | received   | contact    | outcome     | detail
	R1  | a1     | gp_practice        | falls_frailty        | 2026-10-01 | 2026-10-08 | accepted    | -   # Thu→Thu: 5, within
	R2  | a2     | hospital_discharge | after_hospital       | 2026-10-02 | 2026-10-10 | accepted    | -   # Fri→Sat: 5, after the due Fri 9th: later
	R3  | a3     | self               | loneliness           | 2026-10-03 | 2026-10-09 | signposted  | Age UK befriending  # Sat→Fri: 5, within
	R4  | a4     | gp_practice        | money_housing        | 2026-10-05 | 2026-10-05 | signposted  | Citizens Advice     # 0
	R5  | a5     | family_carer       | mental_wellbeing     | 2026-10-31 | -          | -           | -   # awaiting, not triaged
	R6  | b1     | gp_practice        | falls_frailty        | 2026-11-02 | 2026-11-10 | accepted    | -   # Mon→Tue: 6, later
	R7  | b2     | vcse               | loneliness           | 2026-11-13 | 2026-11-20 | signposted  | "  age uk BEFRIENDING "  # 5
	R8  | b3     | community_services | long_term_conditions | 2026-11-30 | 2026-12-01 | referred_on | -   # 1
	R9  | b4     | self               | other                | 2026-12-01 | -          | declined    | -   # awaiting
	R10 | b5     | gp_practice        | memory               | 2026-12-18 | 2026-12-29 | accepted    | -   # 21,22,23,24,29: 5, within
	R11 | b6     | hospital_discharge | after_hospital       | 2026-12-21 | 2026-12-31 | accepted    | -   # 22,23,24,29,30,31: 6, later (due 30th)
	R12 | c1     | gp_practice        | falls_frailty        | 2026-12-23 | 2027-01-04 | accepted    | -   # 24,29,30,31,4 Jan: 5, within
	R13 | c2     | hospital_discharge | after_hospital       | 2026-10-20 | 2026-10-20 | accepted    | -   # 0
	R14 | c3     | gp_practice        | long_term_conditions | 2026-12-31 | -          | -           | -   # the last day; awaiting
	R15 | c4     | self               | mental_wellbeing     | 2026-10-15 | 2026-10-30 | signposted  | Talking Therapies   # 11, later
	R16 | c5     | family_carer       | carer_strain         | 2026-11-20 | 2026-11-23 | signposted  | Carers Centre       # Fri→Mon: 1
	R17 | c6     | gp_practice        | medicines            | 2026-11-05 | 2026-11-12 | referred_on | -   # 5
	R18 | a1     | vcse               | loneliness           | 2026-12-07 | 2026-12-14 | signposted  | Age UK befriending  # 5; a1's second
	R19 | b1     | gp_practice        | -                    | 2026-10-12 | 2026-10-19 | accepted    | -   # 5; no main need recorded
	Q1  | a2     | gp_practice        | falls_frailty        | 2026-07-01 | 2026-07-08 | accepted    | -   # 5
	Q2  | b2     | self               | loneliness           | 2026-08-27 | 2026-09-04 | signposted  | Age UK befriending  # 28,1,2,3,4: 5
	Q3  | c1     | hospital_discharge | after_hospital       | 2026-09-30 | 2026-10-08 | accepted    | -   # 6, later
	Q4  | c4     | gp_practice        | memory               | 2026-09-15 | -          | -           | -   # awaiting
	Q5  | a4     | vcse               | money_housing        | 2026-07-18 | 2026-07-20 | signposted  | Citizens Advice     # Sat→Mon: 1
	Q6  | b3     | self               | money_housing        | 2026-09-07 | 2026-09-07 | signposted  | Food bank           # 0
	X1  | a1     | self               | other                | 2026-06-30 | 2026-07-01 | accepted    | -   # before Q3
	X2  | b1     | self               | other                | 2027-01-01 | -          | -           | -   # after Q4
	Z1  | z1     | gp_practice        | falls_frailty        | 2026-10-05 | 2026-10-06 | signposted  | Age UK befriending
	Z2  | z2     | self               | loneliness           | 2026-08-05 | -          | -           | -
`);

/** Caseload episodes. */
export const EPISODES = byKey(`
	key | person | opened     | reason                 | closed     | close reason
	E1  | a1     | 2026-05-01 | accepted_from_referral | -          | -            # on throughout
	E2  | a2     | 2026-07-01 | accepted_from_referral | 2026-10-15 | goals_met
	E3  | b1     | 2026-06-30 | proactively_identified | 2026-07-01 | moved_away
	E4  | b2     | 2026-10-01 | accepted_from_referral | -          | -
	E5  | c1     | 2026-12-31 | proactively_identified | -          | -            # opened on the last day: on at the end
	E6  | c2     | 2026-10-20 | accepted_from_referral | 2026-12-31 | died         # closed on the last day: not on at the end
	E7  | a3     | 2026-08-10 | proactively_identified | 2026-09-30 | declined
	E8  | b3     | 2026-11-05 | accepted_from_referral | 2026-11-20 | goals_met
	E9  | c3     | 2025-01-01 | accepted_from_referral | 2026-06-30 | goals_met    # over before Q3
	E10 | a4     | 2027-01-01 | proactively_identified | -          | -            # after Q4
	E11 | c6     | 2026-09-15 | accepted_from_referral | -          | -
	E12 | b6     | 2026-03-01 | proactively_identified | 2026-12-01 | moved_away
	E13 | a3     | 2026-10-05 | proactively_identified | -          | -            # a3's second episode
	E14 | c4     | 2026-07-20 | accepted_from_referral | 2026-08-20 | goals_met
	EZ  | z1     | 2026-10-01 | accepted_from_referral | -          | -
`);

/**
 * MDT meetings (starting instants in UTC) and their agenda items, `person:status` (a `-` person
 * is an item about no one, such as a service update).
 */
export const MEETINGS = byKey(`
	key | pcn   | starts               | status    | items
	M1  | north | 2026-10-14T10:00:00Z | ended     | a1:discussed a2:discussed b1:deferred c2:discussed -:discussed
	M2  | north | 2026-12-31T23:30:00Z | ended     | b2:discussed c1:deferred a3:discussed   # 23:30 GMT on the last day
	M3  | north | 2026-09-30T22:30:00Z | ended     | a1:discussed c6:deferred                # 23:30 BST on 30 Sep: Q3
	M4  | north | 2026-06-30T23:30:00Z | ended     | b6:discussed                            # 00:30 BST on 1 Jul: Q3
	M5  | north | 2026-11-11T10:00:00Z | scheduled | a1:pending
	M6  | north | 2026-11-25T10:00:00Z | cancelled | c1:pending
	M7  | north | 2027-01-01T00:30:00Z | ended     | a1:discussed                            # after Q4
	M8  | north | 2026-06-30T22:30:00Z | ended     | b1:discussed                            # 23:30 BST on 30 Jun: before Q3
	MZ  | south | 2026-10-14T10:00:00Z | ended     | z1:discussed z2:deferred
`);

/** Follow-up actions (instants in UTC; days are London days). */
export const ACTIONS = byKey(`
	key | pcn   | person | created              | completed            | due        | status
	A1  | north | a1     | 2026-10-02T09:00:00Z | 2026-10-09T14:00:00Z | 2026-10-10 | done         # 7 days
	A2  | north | a2     | 2026-09-28T09:00:00Z | 2026-10-05T09:00:00Z | 2026-09-29 | done         # overdue at Q3's end; 7 days
	A3  | north | b1     | 2026-11-01T10:00:00Z | -                    | 2026-11-15 | open         # overdue at Q4's end
	A4  | north | b2     | 2026-12-01T10:00:00Z | -                    | 2026-12-31 | open         # due on the last day: not overdue
	A5  | north | c1     | 2026-12-31T23:30:00Z | 2027-01-01T00:30:00Z | 2026-12-30 | done         # done 1 Jan: overdue at Q4's end
	A6  | north | c2     | 2026-07-15T09:00:00Z | -                    | 2026-08-01 | cancelled
	A7  | north | -      | 2026-10-20T09:00:00Z | 2026-10-20T15:00:00Z | -          | done         # about no one; 0 days
	A8  | north | a3     | 2026-06-15T09:00:00Z | -                    | 2026-06-30 | open         # overdue at both ends
	A9  | north | b3     | 2026-08-03T09:00:00Z | 2026-08-13T09:00:00Z | 2026-08-10 | done         # 10 days
	A10 | north | c6     | 2026-09-30T23:30:00Z | 2026-10-31T09:00:00Z | 2026-10-15 | done         # 00:30 BST 1 Oct → 31 Oct: 30 days
	A11 | north | b6     | 2026-09-30T22:30:00Z | 2026-11-30T10:00:00Z | 2026-09-20 | done         # 23:30 BST 30 Sep: Q3; 61 days
	A13 | north | a4     | 2027-01-02T09:00:00Z | -                    | 2027-01-03 | open         # after Q4
	A14 | north | a5     | 2026-11-10T10:00:00Z | -                    | 2026-11-20 | in_progress  # overdue at Q4's end
	AZ  | south | z1     | 2026-10-05T09:00:00Z | -                    | 2026-10-06 | open
`);

/**
 * Outcome measures: a PAM as `level score`, an ONS4 as its four answers (life satisfaction,
 * worthwhile, happy, anxious). `created` orders two of one day.
 */
export const MEASURES = rows(`
	person | kind | recorded   | created              | values
	a1     | pam  | 2026-03-01 | -                    | 1 40
	a1     | pam  | 2026-10-10 | -                    | 2 50
	a1     | pam  | 2026-12-01 | -                    | 3 60      # Q4: 1 → 3, +20
	a2     | pam  | 2026-08-01 | -                    | 2 50      # in Q3 only the first
	a2     | pam  | 2026-11-01 | -                    | 2 53.5    # Q4: 2 → 2, +3.5
	b1     | pam  | 2026-07-05 | -                    | 3 60
	b1     | pam  | 2026-09-01 | -                    | 2 52      # Q3: 3 → 2, −8
	b1     | pam  | 2026-12-15 | -                    | 4 70      # Q4: 3 → 4, +10
	b2     | pam  | 2026-10-05 | -                    | 1 45      # a first only
	c1     | pam  | 2026-05-05 | -                    | 2 48
	c1     | pam  | 2026-10-15 | 2026-10-15T09:00:00Z | 2 49
	c1     | pam  | 2026-10-15 | 2026-10-15T11:00:00Z | 3 56      # the later of the day: 2 → 3, +8
	c2     | pam  | 2026-06-01 | -                    | 4 80
	c2     | pam  | 2026-09-30 | -                    | 3 65      # Q3: 4 → 3, −15
	c3     | pam  | 2026-11-20 | -                    | 1 44      # a first in Q4
	c3     | pam  | 2027-01-05 | -                    | 2 50      # after Q4
	z1     | pam  | 2026-10-01 | -                    | 1 40
	z1     | pam  | 2026-12-01 | -                    | 4 90
	a1     | ons4 | 2026-04-01 | -                    | 5 6 4 7
	a1     | ons4 | 2026-11-01 | -                    | 7 7 6 3
	b2     | ons4 | 2026-08-01 | -                    | 3 4 5 8
	b2     | ons4 | 2026-09-15 | -                    | 4 4 6 6
	b2     | ons4 | 2026-12-01 | -                    | 6 5 7 5
	c3     | ons4 | 2026-10-10 | -                    | 8 8 8 2   # a first only
	z1     | ons4 | 2026-07-01 | -                    | 1 1 1 9
	z1     | ons4 | 2026-11-01 | -                    | 9 9 9 1
`);

/** Community services of the directories. */
export const SERVICES = byKey(`
	key              | pcn   | category
	benefits         | north | benefits_money
	walking          | north | physical_activity
	befrienders      | north | befriending
	carers           | north | carers_support
	southBefrienders | south | befriending
`);

/** Social prescribing referrals to those services. */
export const SERVICE_REFERRALS = byKey(`
	key | person | service          | sent       | status
	S1  | a1     | befrienders      | 2026-10-02 | attended
	S2  | a2     | walking          | 2026-10-31 | did_not_attend
	S3  | b1     | benefits         | 2026-11-15 | accepted
	S4  | b4     | benefits         | 2026-12-31 | sent
	S5  | c5     | carers           | 2026-12-01 | attended
	S6  | c1     | befrienders      | 2026-10-01 | declined
	S7  | a4     | benefits         | 2026-09-30 | closed
	S8  | b2     | befrienders      | 2026-07-01 | attended
	S9  | c2     | walking          | 2026-06-30 | attended      # before Q3
	S10 | a3     | walking          | 2027-01-01 | sent          # after Q4
	SZ  | z1     | southBefrienders | 2026-10-10 | attended
`);
