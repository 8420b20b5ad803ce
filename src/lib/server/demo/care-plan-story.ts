/** The shape of a demo care plan story (care-plan-stories.ts): what a plan says, in the person's words. */
import type { AgreedHow } from '../../domain/collab/careplan/agreement';
import type {
	AboutMeKey,
	ContingencyTextKey,
	GoalActionStatus,
	GoalStatus
} from '../../domain/collab/careplan';

export type StoryAction = {
	what: string;
	who: string;
	/** Due, in days from today. */
	inDays: number;
	status: GoalActionStatus;
	confidence: number;
};

export type StoryGoal = {
	description: string;
	importance: number;
	status: GoalStatus;
	actions: StoryAction[];
};

export type CarePlanStory = {
	aboutMe: Partial<Record<AboutMeKey, string>>;
	supportNetwork: string;
	strengths: string;
	needs: string;
	goals: StoryGoal[];
	contingency: Partial<Record<ContingencyTextKey, string>>;
	hasAdvanceStatement?: boolean;
	/** Next review, in days from today: negative is overdue. */
	reviewInDays: number;
	/** Agreed with the person this many days ago, and how; absent for a plan not yet agreed. */
	agreed?: { daysAgo: number; how: AgreedHow; details?: string };
};

export const act = (
	what: string,
	who: string,
	inDays: number,
	status: GoalActionStatus,
	confidence: number
): StoryAction => ({ what, who, inDays, status, confidence });
