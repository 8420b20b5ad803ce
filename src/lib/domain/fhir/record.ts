/**
 * What the FHIR R4 export of one person's record is built from: plain rows, gathered by one server
 * loader (src/lib/server/fhir-export.ts) and mapped to resources by the pure functions beside this
 * file. Dates are `YYYY-MM-DD` strings; instants are Dates.
 */
import type { ActionPriority, ActionStatus } from '../actions';
import type { CarePlanJson } from '../collab/careplan/schema';
import type { ServiceReferralStatus } from '../community-services';
import type { ContactKind } from '../contact-log';
import type { Sex } from '../patients';
import type { ReferralSource, ReferralUrgency, ReferredOnTo, TriageOutcome } from '../referrals';
import type { Role } from '../roles';
import type { SafeguardingCategory } from '../safeguarding';

/** A member of the PCN team, exported as a Practitioner. */
export interface TeamMember {
	id: string;
	name: string;
	/** Their role in the PCN, when known. */
	role: Role | null;
}

export interface FhirRecordInput {
	/** When the export was made: the Bundle's timestamp. */
	exportedAt: Date;
	patient: {
		id: string;
		nhsNumber: string;
		givenName: string;
		familyName: string;
		dateOfBirth: string;
		sex: Sex;
		postcode: string;
		phone: string | null;
		email: string | null;
		efiDeficits: number | null;
		practice: { id: string; name: string; odsCode: string };
	};
	/** The assigned care coordinator, the person's single point of contact. */
	coordinator: TeamMember | null;
	/** People important to the person: carers, next of kin, emergency contacts. */
	personalContacts: {
		id: string;
		name: string;
		relationship: string;
		isCarer: boolean;
		isNextOfKin: boolean;
		isEmergencyContact: boolean;
		phone: string | null;
		email: string | null;
	}[];
	/** The live care plan as projected from its document; null when none was started. */
	carePlan: { plan: CarePlanJson; updatedAt: Date } | null;
	/** Follow-up actions for the person (MDT actions and those agreed on their record). */
	actions: {
		id: string;
		description: string;
		status: ActionStatus;
		priority: ActionPriority;
		dueDate: string | null;
		createdAt: Date;
		assignee: TeamMember;
	}[];
	/** Open safeguarding concerns: the category only is exported, never the description. */
	openConcerns: { id: string; category: SafeguardingCategory; raisedAt: Date }[];
	/** Referrals to the care coordination service. */
	referrals: {
		id: string;
		receivedOn: string;
		source: ReferralSource;
		referrer: string;
		urgency: ReferralUrgency;
		reason: string;
		outcome: TriageOutcome | null;
		referredOnTo: ReferredOnTo | null;
	}[];
	/** Referrals to community services (social prescribing). */
	serviceReferrals: {
		id: string;
		sentOn: string;
		service: string;
		reason: string;
		status: ServiceReferralStatus;
		by: TeamMember;
	}[];
	/** Outcome measures: a PAM score and level, or the four ONS4 answers. */
	measures: {
		id: string;
		kind: 'pam' | 'ons4';
		recordedOn: string;
		pamScore: number | null;
		pamLevel: number | null;
		/** As stored; anything but four whole numbers 0–10 is left out. */
		ons4: unknown;
		recordedBy: TeamMember | null;
	}[];
	/** The contact log. */
	contacts: {
		id: string;
		occurredAt: Date;
		kind: ContactKind;
		withWhom: string;
		summary: string;
		durationMinutes: number | null;
		by: TeamMember;
	}[];
	/** MDT meetings that discussed the person (ended meetings where their item was discussed). */
	discussions: {
		meetingId: string;
		itemId: string;
		title: string;
		startedAt: Date;
		endedAt: Date | null;
		/** Who was in the meeting room. */
		members: TeamMember[];
	}[];
}
