/**
 * What the demo's personalised care and support plans say: one story per reason a person is on
 * the MDT's agenda (see meetings.ts), and a few for others on the caseload. Written in the
 * person's voice and in plain English, as PRSB About Me asks; every person here is made up.
 * Days are counted from the day the demo is seeded (negative: in the past).
 */
import { act, type CarePlanStory } from './care-plan-story';
import { OTHER_CASELOAD_STORIES } from './care-plan-stories-others';

export type { CarePlanStory };

export const STORIES = {
	discharge: {
		aboutMe: {
			whatMattersToMe:
				'Being in my own home. I do not want to go back into hospital if it can be helped.\nGetting back into my garden before the spring.',
			peopleImportantToMe: 'My son Kevin, who rings every evening. My neighbour Pat has a key.',
			myWellness:
				'My heart gets tired and my ankles swell if I overdo it. I weigh myself every morning now.',
			pleaseDoAndDont: 'Please knock loudly and wait, I am slow to the door. Please do not rush me.'
		},
		supportNetwork:
			'Son (lives 20 miles away, rings daily, visits at weekends).\nNeighbour Pat: key holder, checks in most mornings.',
		strengths:
			'Determined. Keeps a diary of weight and tablets. Good relationship with neighbours.',
		needs:
			'Home from hospital after heart failure got worse. Breathless on the stairs. Worried about coping at night.',
		goals: [
			{
				description: 'Walk to the end of the garden and back without stopping',
				importance: 9,
				status: 'in_progress',
				actions: [
					act('Weigh myself every morning and write it down', 'Me', 7, 'in_progress', 8),
					act(
						'Home visit from the heart failure nurse',
						'Community heart failure nurse',
						3,
						'open',
						7
					)
				]
			},
			{
				description: 'Feel safe at night',
				importance: 7,
				status: 'not_started',
				actions: [act('Ask about a pendant alarm', 'Care coordinator', 10, 'open', 6)]
			}
		],
		contingency: {
			triggerFactors: 'Weight up by 2 kg in 3 days, more swollen ankles, or breathless lying flat.',
			whatShouldHappen:
				'Take the extra water tablet as the heart failure nurse explained, and ring the surgery the same day.',
			whoToContact:
				'Surgery in the day; NHS 111 out of hours; 999 if breathless at rest or chest pain.',
			earlyWarningSigns: 'Sleeping in the chair because lying down makes me breathless.'
		},
		reviewInDays: 28,
		agreed: { daysAgo: 3, how: 'face_to_face', details: 'at home, with my son on the phone' }
	},
	medicines: {
		aboutMe: {
			whatMattersToMe:
				'Understanding what all my tablets are for. I do not like taking things blind.',
			howICommunicate: 'I hear better on my left side. Write things down for me.',
			alsoWorthKnowing: 'I was a bus driver for 30 years. I like things on time.'
		},
		supportNetwork: 'Wife (main support, manages the shopping).\nDaughter visits on Sundays.',
		strengths: 'Organised. Happy to use a tablet box. Asks questions.',
		needs:
			'Several changes to my tablets in hospital, including my blood thinner. Not sure which old ones to stop.',
		goals: [
			{
				description: 'Know what each of my tablets is for and when to take it',
				importance: 8,
				status: 'in_progress',
				actions: [
					act('Structured medication review', 'Practice pharmacist', 5, 'open', 8),
					act('Return the old tablets to the chemist', 'Wife', -2, 'done', 9)
				]
			}
		],
		contingency: {
			triggerFactors: 'Dizzy, unusual bruising or bleeding, or a missed dose of the blood thinner.',
			whatShouldHappen: 'Do not double up. Ring the pharmacist or the surgery for advice.',
			whoToContact: 'Practice pharmacist; surgery; NHS 111 out of hours.'
		},
		reviewInDays: 42
	},
	safeguarding: {
		aboutMe: {
			whatMattersToMe: 'Staying independent. I have always managed on my own.',
			pleaseDoAndDont:
				'Please ask before you help. Please do not go through my cupboards without asking.',
			howAndWhenToSupportMe: 'Late morning is best. I am not at my best first thing.'
		},
		supportNetwork: 'Neighbour (Mr Ali) who worries about me. A niece abroad who rings monthly.',
		strengths: 'Independent and proud of it. Gets on well with the neighbour.',
		needs:
			'The house is cold and there is not much food in. Has said no to help with shopping twice.',
		goals: [
			{
				description: 'Have a warm home this winter',
				importance: 8,
				status: 'not_started',
				actions: [
					act('Check for winter heating grants', 'Social prescribing link worker', 7, 'open', 6),
					act('Agree a weekly shop, delivered', 'Care coordinator', 5, 'open', 4)
				]
			}
		],
		contingency: {
			triggerFactors: 'Not answering the door or the phone for a day; no food in the house.',
			whatShouldHappen: 'Neighbour checks; if no answer, call the police for a welfare check.',
			whoToContact: 'Care coordinator; GP; adult social care.',
			earlyWarningSigns: 'Losing weight, curtains left closed, post piling up.'
		},
		reviewInDays: 14
	},
	falls: {
		aboutMe: {
			whatMattersToMe: 'Going to my grandson’s wedding in the summer.',
			peopleImportantToMe: 'My partner Frank. My grandson Liam.',
			myWellness: 'My memory is not what it was. Frank reminds me about my tablets.',
			pleaseDoAndDont: 'Please talk to me, not just to Frank.'
		},
		supportNetwork: 'Partner Frank (main carer, 84). Grandson visits weekly.',
		strengths: 'Good humour. Walks with a frame in the house. Frank is very supportive.',
		needs: 'Dizzy when standing up. Three tablets that may add to the risk of falling.',
		goals: [
			{
				description: 'Feel steady on my feet around the house',
				importance: 9,
				status: 'in_progress',
				actions: [
					act('Medication review with the GP', 'GP', 4, 'open', 7),
					act('Strength and balance classes, twice a week', 'Me', 14, 'open', 5),
					act('Grab rails by the toilet and the back door', 'Occupational therapist', -3, 'done', 8)
				]
			}
		],
		contingency: {
			triggerFactors: 'A fall, or feeling faint when standing.',
			whatShouldHappen:
				'If I cannot get up, Frank keeps me warm and calls for help. He must not try to lift me alone.',
			whoToContact: 'Pendant alarm; GP; 999 if hurt or cannot get up.',
			copingStrategies: 'Sit on the edge of the bed for a minute before standing.'
		},
		reviewInDays: 21,
		agreed: { daysAgo: 40, how: 'representative', details: 'Frank (partner)' }
	},
	activation: {
		aboutMe: {
			whatMattersToMe: 'A quiet life. I leave the medical side to the doctors.',
			howICommunicate: 'Plain words, please. Too much information at once goes over my head.'
		},
		supportNetwork: 'Brother nearby. Friends at the bowls club.',
		strengths: 'Still goes to the bowls club. Keeps all appointments.',
		needs: 'Not sure what my conditions are or what helps. Says it is all for the doctors.',
		goals: [
			{
				description: 'Understand what my conditions are and one thing I can do to help',
				importance: 6,
				status: 'not_started',
				actions: [
					act('Three coaching sessions at the surgery', 'Health and wellbeing coach', 10, 'open', 5)
				]
			}
		],
		contingency: {
			triggerFactors: 'More breathless than usual, or feeling muddled.',
			whatShouldHappen: 'Ring the surgery the same day.',
			whoToContact: 'Surgery; NHS 111 out of hours.'
		},
		reviewInDays: 56
	},
	lonely: {
		aboutMe: {
			whatMattersToMe: 'Having someone to talk to. Since I lost my partner the days are long.',
			peopleImportantToMe: 'My cousin in Bradford. The people at the market café.',
			howAndWhenToSupportMe: 'Friday mornings, after the market, I am usually in good spirits.',
			alsoWorthKnowing: 'I ran a corner shop for 25 years. I still know everyone.'
		},
		supportNetwork: 'Lives alone. Cousin rings weekly. Knows people at the Friday market.',
		strengths: 'Friendly, knows the area well. Goes to the market on Fridays.',
		needs: 'Lonely and low. Not always eating properly. Finds it hard to ask for help.',
		goals: [
			{
				description: 'Get out of the house and see people at least twice a week',
				importance: 8,
				status: 'in_progress',
				actions: [
					act(
						'Try the lunch club at the community centre',
						'Social prescribing link worker',
						-10,
						'done',
						7
					),
					act(
						'Ask about volunteer driving to the lunch club',
						'Social prescribing link worker',
						-4,
						'in_progress',
						6
					)
				]
			}
		],
		contingency: {
			triggerFactors: 'Not going to the market on Friday; not answering the phone.',
			whatShouldHappen: 'The link worker rings; a home visit if there is no answer.',
			whoToContact: 'Social prescribing link worker; GP.',
			earlyWarningSigns: 'Stops getting dressed; says they are not hungry.'
		},
		reviewInDays: -5,
		agreed: { daysAgo: 95, how: 'face_to_face', details: 'at the surgery' }
	},
	review: {
		aboutMe: {
			whatMattersToMe: 'Staying in my own home, with my cat, for as long as I can.',
			peopleImportantToMe: 'My friend June from church. The carers who come twice a day.',
			pleaseDoAndDont: 'Please use my first name. Please do not move things in the kitchen.',
			myWellness: 'Tired most days. Good days and bad days.'
		},
		supportNetwork: 'Carers twice a day (agency). Friend June visits on Tuesdays.',
		strengths: 'Knows what they want. Good relationship with the morning carer.',
		needs: 'More tired and eating less. The plan has not been looked at since the spring.',
		goals: [
			{
				description: 'Stay at home with the right help',
				importance: 10,
				status: 'in_progress',
				actions: [
					act(
						'Review the care package with adult social care',
						'Care coordinator',
						-20,
						'in_progress',
						6
					)
				]
			},
			{
				description: 'Talk about what I want if I get more unwell',
				importance: 7,
				status: 'not_started',
				actions: [act('Advance care planning conversation', 'GP', -14, 'open', 5)]
			}
		],
		contingency: {
			triggerFactors: 'Not eating for two days, or a fall.',
			whatShouldHappen: 'Carers tell the care coordinator the same day.',
			whoToContact: 'Care coordinator; GP; NHS 111 out of hours.'
		},
		hasAdvanceStatement: true,
		reviewInDays: -12,
		agreed: { daysAgo: 190, how: 'face_to_face', details: 'at home, with June' }
	},
	...OTHER_CASELOAD_STORIES
} satisfies Record<string, CarePlanStory>;

export type StoryName = keyof typeof STORIES;

/** The story for an agenda item's reason (meetings.ts): the first pattern that matches. */
export const STORY_FOR_REASON: readonly (readonly [RegExp, StoryName])[] = [
	[/two falls/i, 'fallsHistory'],
	[/carer strain/i, 'carer'],
	[/safeguarding/i, 'safeguarding'],
	[/medication changes/i, 'medicines'],
	[/falls plan/i, 'falls'],
	[/lives alone/i, 'lonely'],
	[/PAM level 1/i, 'activation'],
	[/review due/i, 'review'],
	[/discharged/i, 'discharge']
];

/** For people on the caseload not on an agenda, in turn. */
export const OTHER_STORIES: readonly StoryName[] = ['memory', 'breathless'];
