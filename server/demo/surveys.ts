// Demo surveys: a community survey that closed three weeks ago, anonymous, with the results the
// server published when it closed (computed with the shared `aggregateSurvey`, enough written
// answers that they show), and an open survey asking every member how useful Praxis is to them.
// The answers themselves are not kept: for an anonymous survey the server keeps only the aggregate.
import { demoUlid as ulid } from './ids';
import { docId, surveyResultsId } from '../../src/lib/domain/ids';
import { aggregateSurvey, type SurveyAnswers } from '../../src/lib/domain/surveys';
import type { CommunityDoc, SurveyDoc, SurveyQuestion, SurveyResultsDoc } from '../../src/lib/domain/schemas';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** The name the server writes its own documents under (as seed.ts and moderation do). */
const SERVER_AUTHOR = 'praxis';

const PAST_QUESTIONS: SurveyQuestion[] = [
	{
		id: 'device',
		kind: 'choice',
		label: 'Where do you mostly use Praxis?',
		options: ['On my phone', 'On a computer at work', 'Both'],
		required: true
	},
	{
		id: 'find',
		kind: 'scale',
		label: 'How easy is it to find an answer in the forums?',
		help: '1 is very hard, 5 is very easy'
	},
	{ id: 'recommend', kind: 'nps', label: 'How likely are you to recommend Praxis to a colleague?' },
	{
		id: 'topics',
		kind: 'choices',
		label: 'Which topics should the next events cover?',
		options: ['Procurement', 'Accessibility', 'Open data', 'Measuring results']
	},
	{ id: 'better', kind: 'text', label: 'What one thing would make Praxis more useful?' }
];

/** Six members' answers, as their devices sent them; only their aggregate is published. */
const PAST_ANSWERS: SurveyAnswers[] = [
	{
		device: 'On a computer at work',
		find: 4,
		recommend: 9,
		topics: ['Procurement', 'Measuring results'],
		better: 'More templates for tenders'
	},
	{ device: 'Both', find: 3, recommend: 8, topics: ['Accessibility'], better: 'A digest email once a week' },
	{
		device: 'On my phone',
		find: 5,
		recommend: 10,
		topics: ['Open data', 'Measuring results'],
		better: 'Events recorded for those who cannot attend'
	},
	{
		device: 'On a computer at work',
		find: 2,
		recommend: 6,
		topics: ['Procurement'],
		better: 'Better search in the library'
	},
	{
		device: 'Both',
		find: 4,
		recommend: 9,
		topics: ['Measuring results', 'Accessibility'],
		better: 'Stories from more small municipalities'
	},
	{
		device: 'On a computer at work',
		find: 3,
		recommend: 7,
		topics: ['Open data'],
		better: 'Translations of the best guides'
	}
];

const OPEN_QUESTIONS: SurveyQuestion[] = [
	{
		id: 'useful',
		kind: 'scale',
		label: 'How useful is Praxis to your work?',
		help: '1 is not useful at all, 5 is very useful',
		required: true
	},
	{
		id: 'used-for',
		kind: 'choices',
		label: 'What have you used Praxis for?',
		options: ['Finding a practice to adopt', 'Asking a question', 'Sharing our results', 'Meeting peers at events']
	},
	{ id: 'recommend', kind: 'nps', label: 'How likely are you to recommend Praxis to a colleague?' },
	{ id: 'better', kind: 'text', label: 'What would make Praxis more useful to you?' }
];

export function buildDemoSurveys(now: Date): CommunityDoc[] {
	const today = now.getTime() - (now.getTime() % DAY_MS);
	const iso = (t: number) => new Date(t).toISOString();

	const pastCreated = today - 50 * DAY_MS + 9 * HOUR_MS;
	const pastId = docId('survey', ulid(pastCreated));
	const past: SurveyDoc = {
		_id: pastId,
		type: 'survey',
		author: 'piotr',
		createdAt: iso(pastCreated),
		title: 'Community survey: how is Praxis working for you?',
		description:
			'Ten minutes to tell the moderators what works and what does not. Answers are anonymous: only the totals are published.',
		questions: PAST_QUESTIONS,
		opensAt: iso(today - 45 * DAY_MS),
		closesAt: iso(today - 21 * DAY_MS),
		audience: { kind: 'everyone' },
		anonymous: true
	};
	const counted = today - 21 * DAY_MS + HOUR_MS;
	const results: SurveyResultsDoc = {
		_id: surveyResultsId(pastId),
		type: 'survey-results',
		author: SERVER_AUTHOR,
		createdAt: iso(counted),
		survey: pastId,
		...aggregateSurvey(past, PAST_ANSWERS)
	};

	const openCreated = Math.min(today - 3 * DAY_MS + 9 * HOUR_MS, now.getTime() - HOUR_MS);
	const open: SurveyDoc = {
		_id: docId('survey', ulid(openCreated)),
		type: 'survey',
		author: 'piotr',
		createdAt: iso(openCreated),
		title: 'How useful is Praxis to your work?',
		description:
			'Four short questions for every member. Answers are anonymous; the totals are published when it closes.',
		questions: OPEN_QUESTIONS,
		opensAt: iso(openCreated),
		closesAt: iso(today + 25 * DAY_MS),
		audience: { kind: 'everyone' },
		anonymous: true
	};
	return [past, results, open];
}
