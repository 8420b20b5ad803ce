/**
 * The synthetic population of a service history (history.ts), in one statement: NHS numbers in
 * the 999 test range with a valid check digit, names from the pools of names.ts by heritage,
 * ethnicity weighted as names.ts weights it, ages skewed old, long-term conditions and eFI
 * deficits rising with age, and deprivation (IMD decile) that differs between practices.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Sex } from '../../domain/patients';
import {
	FENCE,
	literal,
	nhsCandidates,
	num,
	pick,
	textArray,
	uniform,
	uuid,
	uuidArray,
	weighted,
	type HistoryPlan
} from './history-sql';
import { ETHNICITIES, NAMES, type Heritage } from './names';

const SEX_WEIGHTS: [Sex, number][] = [
	['female', 55],
	['male', 44],
	['other', 0.5],
	['unknown', 0.5]
];

// More people in the most deprived deciles: that is where MDT caseloads concentrate.
const IMD_WEIGHTS: [string, number][] = [16, 15, 13, 12, 9, 8, 8, 7, 6, 6].map((w, i) => [
	String(i + 1),
	w
]);

/** Conditions, each with its chance at 65 to 79 (less when younger, more when older). */
const CONDITIONS: [string, number][] = [
	['Hypertension', 0.45],
	['Osteoarthritis', 0.28],
	['Type 2 diabetes', 0.2],
	['Chronic kidney disease', 0.15],
	['Atrial fibrillation', 0.12],
	['Depression', 0.12],
	['COPD', 0.11],
	['Heart failure', 0.09],
	['Dementia', 0.07],
	['Asthma', 0.08],
	['Stroke', 0.06],
	["Parkinson's disease", 0.02]
];
const FRAILING = ['Dementia', 'Heart failure', 'Stroke', "Parkinson's disease"];

const INWARD_LETTERS = [...'ABDEFGHJLNPQRSTUWXYZ'];

/** Σ digit × weight over the nine digits of `x` (NHS Data Dictionary, modulus 11). */
function checkSum(x: string): SQL {
	const terms = Array.from({ length: 9 }, (_, i) => `((${x} / ${10 ** (8 - i)}) % 10) * ${10 - i}`);
	return sql.raw(`(${terms.join(' + ')})`);
}

function heritageOf(u: SQL): SQL {
	const cases = ETHNICITIES.map(([{ names }], i) => sql`when ${num(i)} then ${pick(u, names)}`);
	return sql`(case eth_ix ${sql.join(cases, sql` `)} end)`;
}

function nameFrom(heritage: string, part: (pool: (typeof NAMES)[Heritage]) => SQL): SQL {
	const cases = (Object.keys(NAMES) as Heritage[]).map(
		(h) => sql`when ${literal(h)} then ${part(NAMES[h])}`
	);
	return sql`(case ${sql.raw(heritage)} ${sql.join(cases, sql` `)} end)`;
}

/**
 * How much more (−) or less (+) deprived than the PCN's mix a practice's people are: from −2 for
 * the first practice to +2 for the last, so that practices differ as they do in a real town.
 */
function deprivationShift(practices: number): SQL {
	if (practices === 1) return sql`0`;
	return sql`round((practice_ix::float8 / ${num(practices - 1)} - 0.5) * 4)::int`;
}

/** The statement that inserts `plan.patients` people into the organisation. */
export function insertPatients(plan: HistoryPlan): SQL {
	const candidates = nhsCandidates(plan);
	const u = (salt: number) => uniform(plan, sql`k`, salt);
	const practices = plan.practiceIds.length;
	const conditions = CONDITIONS.map(([name, chance], i) => {
		const young = FRAILING.includes(name) ? chance * 0.1 : chance * 0.6;
		return sql`case when ${u(40 + i)} < (case when age < 65 then ${num(young)}
			when age < 80 then ${num(chance)} else ${num(Math.min(0.9, chance * 1.5))} end)
			then ${literal(name)} end`;
	});
	const frailing = FRAILING.map((name) => sql`(${literal(name)} = any(ltc))::int`);
	const labels = textArray(ETHNICITIES.map(([{ label }]) => label));

	return sql`
		insert into patient (organisation_id, practice_id, nhs_number, given_name, family_name,
			date_of_birth, sex, postcode, ethnicity, imd_decile, long_term_conditions, efi_deficits,
			preferred_contact, phone, email, has_unpaid_carer, is_unpaid_carer)
		select ${uuid(plan.organisationId)}, (${uuidArray(plan.practiceIds)})[1 + practice_ix], nhs,
			given_name, family_name, date_of_birth, sex::sex, postcode, ethnicity, imd, ltc,
			least(36, greatest(0, round(cardinality(ltc) * 1.6 + greatest(0, age - 60) * 0.18
				+ (${sql.join(frailing, sql` + `)}) * 1.5 + (${u(60)} - 0.5) * 6)))::smallint,
			(case when preferred in ('phone', 'text') and phone is null then 'letter'
				when preferred = 'email' and email is null then 'letter' else preferred end)::contact_method,
			phone, email, ${u(61)} < 0.05 + 0.03 * cardinality(ltc), ${u(62)} < 0.08
		from (
			select *,
				case when ${u(63)} < (case when age < 65 then 0.75 when age < 80 then 0.35 else 0.15 end)
					then lower(regexp_replace(given_name || '.' || family_name, '[^A-Za-z.]', '', 'g'))
						|| '@example.com' end as email
			from (
				select *,
					${nameFrom('heritage', (pool) => sql`(case when female then ${pick(u(64), pool.female)} else ${pick(u(64), pool.male)} end)`)} as given_name,
					${nameFrom('family_heritage', (pool) => pick(u(65), pool.family))} as family_name,
					array_remove(array[${sql.join(conditions, sql`, `)}], null) as ltc
				from (
					select *,
						(${labels})[1 + eth_ix] as ethnicity,
						${heritageOf(u(66))} as heritage,
						${heritageOf(u(67))} as family_heritage,
						(sex = 'female' or (sex <> 'male' and ${u(68)} < 0.5)) as female,
						case when ${u(69)} < 0.03 then null
							else least(10, greatest(1, imd_base + ${deprivationShift(practices)})) 
						end::smallint as imd,
						(${sql.raw(`date '${plan.end}'`)} - make_interval(years => age))::date
							- floor(${u(70)} * 364)::int as date_of_birth,
						${literal(plan.postcodeArea)} || (practice_ix + 1) || ' ' || (1 + floor(${u(71)} * 9)::int)
							|| ${pick(u(72), INWARD_LETTERS)} || ${pick(u(73), INWARD_LETTERS)} as postcode,
						${weighted(sql`u_contact`, [
							['phone', 55],
							['text', 15],
							['email', 10],
							['letter', 20]
						])} as preferred,
						case when ${u(74)} < 0.92 then '07700 900' || lpad(floor(${u(75)} * 1000)::int::text, 3, '0') end as phone
					from (
						select nhs, k, ${u(76)} as u_contact,
							${weighted(sql`u_sex`, SEX_WEIGHTS)} as sex,
							(case when u_age < 0.03 then 18 + floor(${u(77)} * 22)
								when u_age < 0.2 then 40 + floor(${u(77)} * 25)
								else 65 + floor((${u(77)} + ${u(78)}) / 2 * 34) end)::int as age,
							floor(${u(79)} * ${num(practices)})::int as practice_ix,
							${weighted(sql`u_imd`, IMD_WEIGHTS)}::int as imd_base,
							${weighted(
								sql`u_eth`,
								ETHNICITIES.map(([, w], i) => [String(i), w] as const)
							)}::int as eth_ix
						from (
							select nhs, k, ${u(80)} as u_sex, ${u(81)} as u_age, ${u(82)} as u_imd,
								${u(83)} as u_eth
							from (
								select nhs, nhs::bigint as k
								from (
									select x::text || ((11 - s % 11) % 11)::text as nhs,
										row_number() over (order by x) as n
									from (
										select x, ${checkSum('x')} as s
										from generate_series(${num(candidates.from)}::bigint, ${num(candidates.to)}::bigint) x
										${FENCE}
									) candidate
									where 11 - s % 11 <> 10
									${FENCE}
								) numbered
								where n <= ${num(plan.patients)}
								${FENCE}
							) issued
							${FENCE}
						) drawn
						${FENCE}
					) person
					${FENCE}
				) described
				${FENCE}
			) named
			${FENCE}
		) contacted`;
}
