// Demo community challenges, set by piotr (moderator) and judged by maria (reviewer) and piotr:
// one running (opened a week ago, closes in three weeks) and one from last quarter (closed a
// month ago) whose entries were scored and whose winners are announced. Entries are the demo
// stories that name them (stories.ts `challenge`).
import type { DemoJudging } from './types';

const CRITERIA = [
	{ name: 'Measured results', description: 'Figures before and after, and how they were measured.' },
	{ name: 'Ease of reuse', description: 'Could another organisation do the same within a year?' },
	{ name: 'Cost', description: 'Results for the money and staff time spent.' }
];

export const RUNNING_CHALLENGE = {
	by: 'piotr',
	openedDaysAgo: 7,
	closesInDays: 21,
	title: 'Shorter waits for residents',
	problem:
		'Residents wait too long: for permits, at service desks, on the phone. Show how your organisation cut a waiting or processing time, with figures before and after.',
	criteria: CRITERIA,
	judges: ['maria', 'piotr'],
	recognition: 'The winners present their work at the national conference on digital government.',
	tags: ['service-design', 'processing-time'],
	sector: 'Citizen services'
};

export const PAST_CHALLENGE = {
	by: 'piotr',
	openedDaysAgo: 75,
	closedDaysAgo: 30,
	announcedDaysAgo: 25,
	title: 'Doing more together: shared services between organisations',
	problem:
		'Small organisations cannot each afford specialists, tenders and systems. Show a service you now share with others, and what it changed.',
	criteria: CRITERIA,
	judges: ['maria', 'piotr'],
	recognition: 'A featured place on the Praxis front page and a session at the spring regional meetup.',
	tags: ['shared-services', 'small-municipalities'],
	/** Story keys, in place order. */
	winners: [
		{ entry: 'cloud-framework', note: 'Large savings, and a framework other regions can join today.' },
		{ entry: 'eid-sign-in', note: 'Reached the most residents; the template agreement is ready to reuse.' }
	]
};

export const PAST_JUDGINGS: readonly DemoJudging[] = [
	{ judge: 'maria', entry: 'cloud-framework', scores: [5, 5, 4], comment: 'Clear figures and a reusable agreement.' },
	{ judge: 'piotr', entry: 'cloud-framework', scores: [5, 4, 5], comment: 'Our towns already call off from it.' },
	{ judge: 'maria', entry: 'eid-sign-in', scores: [4, 5, 4], comment: 'Satisfaction measured the same way twice.' },
	{ judge: 'piotr', entry: 'eid-sign-in', scores: [4, 4, 4], comment: 'Setup guide made it easy for small towns.' },
	{ judge: 'maria', entry: 'open-data-requests', scores: [4, 4, 5], comment: 'Cheap and sensible; good evidence.' },
	{ judge: 'piotr', entry: 'open-data-requests', scores: [3, 4, 5], comment: 'Less shared than the others.' }
];
