import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	date,
	index,
	pgEnum,
	pgTable,
	smallint,
	text,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { ACCESSIBLE_FORMATS, CONTACT_METHODS, SEXES } from '../../../domain/patients';
import { timestamps } from './columns';
import { organisation, owningOrganisation, user } from './organisations';

export const sex = pgEnum('sex', SEXES);
export const contactMethod = pgEnum('contact_method', CONTACT_METHODS);
export const accessibleFormat = pgEnum('accessible_format', ACCESSIBLE_FORMATS);

export const patient = pgTable(
	'patient',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: owningOrganisation(),
		practiceId: uuid('practice_id')
			.notNull()
			.references(() => organisation.id),
		nhsNumber: text('nhs_number').notNull(),
		givenName: text('given_name').notNull(),
		familyName: text('family_name').notNull(),
		dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
		sex: sex('sex').notNull(),
		postcode: text('postcode').notNull(),
		ethnicity: text('ethnicity').notNull().default('Not stated'),
		imdDecile: smallint('imd_decile'),
		longTermConditions: text('long_term_conditions')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		efiDeficits: smallint('efi_deficits'),
		preferredContact: contactMethod('preferred_contact').notNull().default('phone'),
		phone: text('phone'),
		email: text('email'),
		/** Best times, voicemail, who to ring first: what to know before contacting them. */
		contactPreferences: text('contact_preferences'),
		/** The spoken language an interpreter is needed for; null when none is needed. */
		interpreterLanguage: text('interpreter_language'),
		/** Accessible Information Standard needs (see ACCESSIBLE_FORMATS). */
		accessibleFormats: accessibleFormat('accessible_formats')
			.array()
			.notNull()
			.default(sql`'{}'::accessible_format[]`),
		communicationNotes: text('communication_notes'),
		/** The care coordinator who is this person's single point of contact. */
		assignedCoordinatorId: uuid('assigned_coordinator_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		hasUnpaidCarer: boolean('has_unpaid_carer').notNull().default(false),
		isUnpaidCarer: boolean('is_unpaid_carer').notNull().default(false),
		/** Most recent discharge from hospital, for follow-up and MDT suggestions. */
		lastDischargeDate: date('last_discharge_date', { mode: 'string' }),
		/** An open safeguarding concern (details live with the safeguarding lead, not here). */
		safeguardingConcern: boolean('safeguarding_concern').notNull().default(false),
		/** A professional has asked for this person to be discussed at the MDT, and why. */
		mdtReferralReason: text('mdt_referral_reason'),
		...timestamps
	},
	(t) => [
		uniqueIndex('patient_organisation_nhs_number_idx').on(t.organisationId, t.nhsNumber),
		index('patient_organisation_name_idx').on(t.organisationId, t.familyName, t.givenName, t.id),
		check('patient_nhs_number_digits', sql`${t.nhsNumber} ~ '^[0-9]{10}$'`),
		check('patient_imd_decile_range', sql`${t.imdDecile} between 1 and 10`),
		check('patient_efi_deficits_range', sql`${t.efiDeficits} between 0 and 36`)
	]
);
export type Patient = typeof patient.$inferSelect;
export type NewPatient = typeof patient.$inferInsert;

/** People important to the patient: family, friends, unpaid carers, next of kin. */
export const personalContact = pgTable(
	'personal_contact',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: owningOrganisation(),
		patientId: uuid('patient_id')
			.notNull()
			.references(() => patient.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		relationship: text('relationship').notNull(),
		isCarer: boolean('is_carer').notNull().default(false),
		isNextOfKin: boolean('is_next_of_kin').notNull().default(false),
		isEmergencyContact: boolean('is_emergency_contact').notNull().default(false),
		phone: text('phone'),
		email: text('email'),
		/** Carers register: when a carer's assessment was offered and completed (Care Act 2014 s10). */
		carerAssessmentOfferedOn: date('carer_assessment_offered_on', { mode: 'string' }),
		carerAssessmentCompletedOn: date('carer_assessment_completed_on', { mode: 'string' }),
		/** Support the carer was referred to (a carers' centre, respite, a support group), and when. */
		carerSupportReferral: text('carer_support_referral'),
		carerSupportReferredOn: date('carer_support_referred_on', { mode: 'string' }),
		...timestamps
	},
	(t) => [index('personal_contact_patient_idx').on(t.patientId)]
);
export type PersonalContact = typeof personalContact.$inferSelect;
