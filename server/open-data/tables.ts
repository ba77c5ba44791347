// The files open data publishes and their columns, in order: the CSV headers and the Data
// Package's `schema.fields` are both written from these definitions, so they cannot disagree.

export type FieldType = 'string' | 'integer' | 'number' | 'date' | 'datetime' | 'boolean';

export interface FieldDef {
	name: string;
	type: FieldType;
	description: string;
}

export interface TableDef {
	/** The Data Package resource name; the file is `{name}.csv`. */
	name: string;
	title: string;
	/** What one row is, in a sentence (the Data Package and the /open page show it). */
	description: string;
	fields: readonly FieldDef[];
}

const f = (name: string, type: FieldType, description: string): FieldDef => ({ name, type, description });

const TAGS = f('tags', 'string', 'Tags the authors gave it, separated by semicolons');
const PRACTICE = [
	f('practice_id', 'string', 'Id of the adopted practice (a row of resources.csv or stories.csv)'),
	f('practice_kind', 'string', 'resource or story')
];
const FIGURE = [
	f(
		'metric',
		'string',
		'What was measured: cost-saved, staff-hours-saved, processing-time, waiting-time, satisfaction, people-served, error-rate, citizen-satisfaction, complaints or other'
	),
	f('label', 'string', 'The result in the authors’ words'),
	f('before', 'number', 'The figure before the change, when measured before and after'),
	f('after', 'number', 'The figure after the change, when measured before and after'),
	f('value', 'number', 'The figure, when measured once'),
	f('unit', 'string', 'Unit of the figures (a currency code such as EUR for money)'),
	f('period', 'string', 'Period the figures cover, in the authors’ words'),
	f('source', 'string', 'Where the figures come from, such as a resident survey, in the authors’ words'),
	f('sample_size', 'integer', 'How many people were asked, when the figures come from asking people')
];

export const TABLES = [
	{
		name: 'stories',
		title: 'Success stories',
		description: 'One row per published success story.',
		fields: [
			f('id', 'string', 'Id of the story'),
			f('title', 'string', 'Title'),
			f('summary', 'string', 'Summary'),
			f('organisation', 'string', 'Organisation the authors named'),
			f('jurisdiction', 'string', 'Jurisdiction'),
			f('level', 'string', 'Level of government: local, regional, national or international'),
			f('sector', 'string', 'Sector'),
			f('region', 'string', 'Region'),
			f('started', 'date', 'When the work started'),
			f('ended', 'date', 'When the work ended'),
			f('published', 'date', 'When the story was published'),
			TAGS
		]
	},
	{
		name: 'story-outcomes',
		title: 'Results of success stories',
		description: 'One row per measured result of a published success story.',
		fields: [f('story_id', 'string', 'Id of the story (a row of stories.csv)'), ...FIGURE]
	},
	{
		name: 'adoptions',
		title: 'Adoptions',
		description: 'One row per practice and organisation that recorded adopting it.',
		fields: [
			...PRACTICE,
			f('organisation', 'string', 'Organisation that adopted it'),
			f('status', 'string', 'Latest status: planning, piloting, implemented or abandoned'),
			f('started', 'date', 'Earliest start date recorded'),
			f('records', 'integer', 'Number of adoption records for this practice and organisation'),
			f('outcome_figures', 'integer', 'Number of measured results reported')
		]
	},
	{
		name: 'adoption-outcomes',
		title: 'Results of adoptions',
		description: 'One row per measured result an organisation reported after adopting a practice.',
		fields: [...PRACTICE, f('organisation', 'string', 'Organisation that adopted it'), ...FIGURE]
	},
	{
		name: 'resources',
		title: 'Library resources',
		description: 'One row per published library resource.',
		fields: [
			f('id', 'string', 'Id of the resource'),
			f('kind', 'string', 'article, case-study, research-paper, template, toolkit or guide'),
			f('title', 'string', 'Title'),
			f('summary', 'string', 'Summary'),
			f('organisation', 'string', 'Organisation the authors named'),
			f('jurisdiction', 'string', 'Jurisdiction'),
			f('sector', 'string', 'Sector'),
			f('published', 'date', 'When the resource was published'),
			TAGS
		]
	},
	{
		name: 'events',
		title: 'Events',
		description: 'One row per community event.',
		fields: [
			f('id', 'string', 'Id of the event'),
			f('kind', 'string', 'webinar, workshop, meetup or conference'),
			f('title', 'string', 'Title'),
			f('start', 'datetime', 'Start (UTC)'),
			f('end', 'datetime', 'End (UTC)'),
			f('time_zone', 'string', 'Time zone the event is held in'),
			f('region', 'string', 'Region'),
			f('online', 'boolean', 'Whether it can be joined online'),
			f('in_person', 'boolean', 'Whether it has a venue'),
			f('cancelled', 'boolean', 'Whether it was cancelled'),
			f('going', 'integer', 'Number of members who said they are going')
		]
	},
	{
		name: 'kpi-monthly',
		title: 'Monthly activity',
		description: 'One row per calendar month (UTC): counts of activity, nothing about who.',
		fields: [
			f('month', 'string', 'The month, as YYYY-MM (UTC)'),
			f('new_threads', 'integer', 'Discussion threads started'),
			f('replies', 'integer', 'Replies posted'),
			f('published_resources', 'integer', 'Library resources published'),
			f('published_stories', 'integer', 'Success stories published'),
			f('adoptions_recorded', 'integer', 'Adoptions recorded'),
			f('events_held', 'integer', 'Events that took place (not cancelled)')
		]
	},
	{
		name: 'survey-results',
		title: 'Survey results',
		description:
			'One row per answer option, scale point or score of each question of a closed community survey, with how many chose it. Written answers are never included: a written question gives only how many answered it.',
		fields: [
			f('survey_id', 'string', 'Id of the survey'),
			f('title', 'string', 'Title of the survey'),
			f(
				'audience',
				'string',
				'Who was asked: everyone (every member), region (members of one region) or event (the attendees of one event)'
			),
			f('anonymous', 'boolean', 'Whether answers were anonymous'),
			f('opens', 'datetime', 'When the survey opened (UTC)'),
			f('closes', 'datetime', 'When the survey closed (UTC)'),
			f('responses', 'integer', 'Number of members whose answers were counted'),
			f('question_id', 'string', 'Id of the question within the survey'),
			f('question', 'string', 'The question as asked'),
			f(
				'kind',
				'string',
				'Kind of question: choice (one option), choices (several options), scale (1 to 5), nps (0 to 10, how likely to recommend) or text (written answers, not published)'
			),
			f('answer', 'string', 'The option, scale point (1 to 5) or score (0 to 10); empty for a written question'),
			f('count', 'integer', 'How many chose this answer; for a written question, how many answered it'),
			f('mean', 'number', 'Scale questions: the mean of the answers, on every row of the question'),
			f(
				'score',
				'number',
				'Net promoter questions: % promoters (9 or 10) minus % detractors (0 to 6), from −100 to 100, on every row of the question'
			)
		]
	}
] as const satisfies readonly TableDef[];

export type TableName = (typeof TABLES)[number]['name'];

/** One row: a value per field name; absent values are empty cells. */
export type Row = Record<string, string | number | boolean | null | undefined>;
