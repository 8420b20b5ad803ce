/**
 * The demo care plans of the people discussed at the last MDT, of two others on the caseload and
 * of one discharged with their goals met (see care-plan-stories.ts). Made up, in their own words.
 */
import { act, type CarePlanStory } from './care-plan-story';

export const OTHER_CASELOAD_STORIES = {
	fallsHistory: {
		aboutMe: {
			whatMattersToMe: 'Getting to the shops on my own again.',
			myWellness: 'Two falls at home. Lost my confidence more than anything.'
		},
		supportNetwork: 'Daughter visits daily. Pendant alarm since last month.',
		strengths: 'Wants to get better. Daughter nearby.',
		needs: 'Lives alone; falls at home; frightened of falling again.',
		goals: [
			{
				description: 'Walk to the corner shop with my stick',
				importance: 9,
				status: 'in_progress',
				actions: [
					act('Falls clinic appointment', 'GP', -9, 'done', 8),
					act(
						'Home assessment by the occupational therapist',
						'Occupational therapist',
						6,
						'open',
						7
					)
				]
			}
		],
		contingency: {
			triggerFactors: 'Another fall, or feeling unsteady.',
			whatShouldHappen: 'Press the pendant; daughter comes round; GP to be told.',
			whoToContact: 'Daughter; GP; 999 if hurt.'
		},
		reviewInDays: 35
	},
	carer: {
		aboutMe: {
			whatMattersToMe: 'My daughter Sue. I do not want to be a burden on her.',
			peopleImportantToMe: 'Sue, my daughter, who does everything for me.',
			pleaseDoAndDont: 'Please include Sue in conversations, but ask me first.'
		},
		supportNetwork: 'Daughter Sue: main carer, lives with me, works part time.',
		strengths: 'Close family. Sue knows my conditions well.',
		needs: 'Sue is exhausted and has not had a break for a year.',
		goals: [
			{
				description: 'Sue gets a regular break',
				importance: 9,
				status: 'in_progress',
				actions: [
					act('Carer’s assessment for Sue', 'Care coordinator', 5, 'open', 7),
					act(
						'Sue joins the carers centre peer support group',
						'Social prescribing link worker',
						-8,
						'done',
						8
					)
				]
			},
			{
				description: 'Go to the day centre one day a week',
				importance: 6,
				status: 'not_started',
				actions: [act('Visit the day centre to see if I like it', 'Me and Sue', 20, 'open', 5)]
			}
		],
		contingency: {
			triggerFactors: 'Sue is unwell or cannot care for me.',
			whatShouldHappen: 'Emergency respite through adult social care.',
			whoToContact: 'Adult social care emergency duty team; care coordinator.',
			copingStrategies: 'Sue rings her sister when things get on top of her.'
		},
		reviewInDays: 30
	},
	memory: {
		aboutMe: {
			whatMattersToMe: 'Singing in the church choir. Keeping my routine.',
			howICommunicate: 'One question at a time. Give me time to answer.',
			alsoWorthKnowing: 'I taught infants for 35 years.'
		},
		supportNetwork: 'Partner (main carer). Choir friends. Son has lasting power of attorney.',
		strengths: 'Strong faith and community. Well organised household.',
		needs: 'Memory getting worse. Missed two appointments this year.',
		goals: [
			{
				description: 'Keep going to choir practice every week',
				importance: 9,
				status: 'in_progress',
				actions: [act('Arrange a lift with a choir friend', 'Partner', -6, 'done', 9)]
			}
		],
		contingency: {
			triggerFactors: 'Getting lost, or suddenly more confused.',
			whatShouldHappen: 'Check for infection; ring the GP the same day.',
			whoToContact: 'GP; memory nurse; 111 out of hours.'
		},
		hasAdvanceStatement: true,
		reviewInDays: 60,
		agreed: { daysAgo: 50, how: 'video', details: 'with my son joining' }
	},
	breathless: {
		aboutMe: {
			whatMattersToMe: 'Getting back to my allotment, even just to sit there.',
			myWellness: 'Out of breath on the stairs. Worse in cold weather.'
		},
		supportNetwork: 'Partner. Allotment friends.',
		strengths: 'Practical. Stopped smoking two years ago.',
		needs: 'Breathless and not sleeping well. Has not been to the allotment since summer.',
		goals: [
			{
				description: 'Spend an hour at the allotment once a week',
				importance: 7,
				status: 'not_started',
				actions: [act('Breathing exercises class', 'Health and wellbeing coach', 12, 'open', 6)]
			}
		],
		contingency: {
			triggerFactors: 'Breathless at rest, or a cough with green phlegm.',
			whatShouldHappen: 'Ring the surgery the same day.',
			whoToContact: 'Surgery; NHS 111; 999 if very breathless.'
		},
		reviewInDays: -30
	},
	goalsMet: {
		aboutMe: {
			whatMattersToMe: 'Looking after my grandchildren after school.',
			peopleImportantToMe: 'My daughter and her two girls.'
		},
		supportNetwork: 'Daughter and granddaughters nearby.',
		strengths: 'Active, confident, knows where to get help.',
		needs: 'None at the moment: the goals set last year have been met.',
		goals: [
			{
				description: 'Walk to school to collect my granddaughters',
				importance: 8,
				status: 'achieved',
				actions: [act('Strength and balance classes', 'Me', -150, 'done', 9)]
			}
		],
		contingency: {
			triggerFactors: 'A fall, or feeling low for more than two weeks.',
			whatShouldHappen: 'Ring the surgery and ask for the care coordinator.',
			whoToContact: 'Surgery.'
		},
		reviewInDays: 120,
		agreed: { daysAgo: 130, how: 'face_to_face' }
	}
} satisfies Record<string, CarePlanStory>;
