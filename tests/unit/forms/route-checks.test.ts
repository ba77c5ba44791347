// The checks the library, event, profile and survey-answer forms make before writing, and the
// sentence each problem gets next to its field: the limits they count match the shared schemas,
// a bad link names the line it was typed on, an end before the start is said at the end.
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { eventSchema, profileSchema, resourceSchema } from '../../../src/lib/domain/schemas';
import { fieldProblems } from '../../../src/lib/domain/validate';
import { fieldMessage } from '../../../src/lib/forms';
import {
	checkCoauthors,
	listProblems,
	onLines,
	parseLinks,
	RESOURCE_LIMITS,
	resourceFieldOf,
	resourceMessage,
	textProblems
} from '../../../src/routes/library/resource-checks';
import {
	checkEvent,
	EVENT_LIMITS,
	eventFieldOf,
	eventMessage,
	type EventValues
} from '../../../src/routes/events/event-checks';
import { checkProfile, PROFILE_LIMITS, profileMessage } from '../../../src/routes/people/me/profile-checks';
import { ANSWER_MAX, answerErrors } from '../../../src/routes/surveys/[ulid]/answer-checks';

const T = '01JD0000000000000000000000';
const now = '2026-11-25T10:00:00.000Z';
const base = { author: 'ana', createdAt: now };
const resource = {
	...base,
	_id: `resource:${T}`,
	type: 'resource',
	kind: 'guide',
	title: 'Guide',
	summary: '',
	body: '',
	tags: [],
	status: 'draft'
};
const event = {
	...base,
	_id: `event:${T}`,
	type: 'event',
	kind: 'meetup',
	title: 'Meetup',
	description: '',
	start: now,
	end: now,
	timeZone: 'Europe/Paris',
	location: { venue: 'Hall' },
	organisers: ['ana'],
	tags: []
};
const profile = { ...base, _id: 'profile:ana', type: 'profile', displayName: 'Ana' };

/** The fields of `doc` the schema refuses once `field` (a dotted path) holds `value`. */
function refused(schema: v.GenericSchema, doc: Record<string, unknown>, field: string, value: unknown): string[] {
	const [head, tail] = field.split('.');
	const changed = tail ? { ...doc, [head]: { ...(doc[head] as object), [tail]: value } } : { ...doc, [field]: value };
	const result = v.safeParse(schema, changed);
	return result.success ? [] : fieldProblems(result.issues).map((p) => `${p.field}:${p.code}`);
}

describe('the limits the forms count are the schemas’ limits', () => {
	it.each(Object.entries(RESOURCE_LIMITS))('resource %s: %d characters', (field, limit) => {
		expect(refused(resourceSchema, resource, field, 'x'.repeat(limit))).toEqual([]);
		expect(refused(resourceSchema, resource, field, 'x'.repeat(limit + 1))).toEqual([`${field}:tooLong`]);
	});

	it.each(Object.entries(EVENT_LIMITS))('event %s: %d characters', (field, limit) => {
		const path = field === 'venue' || field === 'address' ? `location.${field}` : field;
		expect(refused(eventSchema, event, path, 'x'.repeat(limit))).toEqual([]);
		expect(refused(eventSchema, event, path, 'x'.repeat(limit + 1))).toEqual([`${path}:tooLong`]);
	});

	it.each(Object.entries(PROFILE_LIMITS))('profile %s: %d characters', (field, limit) => {
		expect(refused(profileSchema, profile, field, 'x'.repeat(limit))).toEqual([]);
		expect(refused(profileSchema, profile, field, 'x'.repeat(limit + 1))).toEqual([`${field}:tooLong`]);
	});
});

describe('resource form', () => {
	const text = {
		title: 'Shared hosting',
		summary: 'Three councils',
		body: '',
		organization: '',
		jurisdiction: '',
		sector: '',
		problem: '',
		actions: '',
		lessons: '',
		contact: ''
	};

	it('asks for a title and a summary, and says by how much a title is over', () => {
		expect(textProblems({ ...text, title: '  ', summary: '' })).toEqual([
			{ field: 'title', code: 'required' },
			{ field: 'summary', code: 'required' }
		]);
		const [problem] = textProblems({ ...text, title: 'x'.repeat(230) });
		expect(fieldMessage(problem, 'Title')).toBe('Title is too long: 230 characters, at most 200. Shorten it by 30.');
	});

	it('names the line a bad link was typed on, blank lines counted', () => {
		const links = parseLinks('https://a.example\n\nwww.b.example\nhttps://c.example https://d.example');
		expect(links.links).toEqual(['https://a.example', 'www.b.example', 'https://c.example', 'https://d.example']);
		const problems = listProblems(links, []);
		expect(problems).toEqual([{ field: 'links', index: 2, code: 'notUrl' }]);
		expect(fieldMessage(problems[0], 'Links')).toBe(
			'Line 3 of Links is not a web address: it should start with https://'
		);
	});

	it('says what to write in an empty title or summary; other refusals in the shared words', () => {
		expect(resourceMessage('title', { field: 'title', code: 'required' })).toBe('Give the resource a title.');
		expect(resourceMessage('summary', { field: 'summary', code: 'required' })).toBe('Write a short summary.');
		expect(resourceMessage('outcomes', { field: 'outcomes', index: 1, code: 'required' })).toBe(
			'Line 2 of Outcomes is empty.'
		);
		expect(resourceFieldOf({ field: 'contact', code: 'tooLong' })).toBe('contact');
		// a problem the form has no field for falls back to the sentence above the button
		expect(resourceFieldOf({ field: 'files', index: 0, code: 'invalid' })).toBeNull();
		expect(resourceFieldOf({ field: 'toString', code: 'invalid' })).toBeNull();
	});

	it('maps a store refusal of a link back to its line', () => {
		const { lineOf } = parseLinks('\nhttps://a.example\n\nftp://b.example');
		expect(
			onLines(
				[
					{ field: 'links', index: 1, code: 'notUrl' },
					{ field: 'title', code: 'required' }
				],
				lineOf
			)
		).toEqual([
			{ field: 'links', index: 3, code: 'notUrl' },
			{ field: 'title', code: 'required' }
		]);
	});

	it('refuses a tag the schema refuses, and too many links', () => {
		const many = parseLinks(Array.from({ length: 31 }, (_, i) => `https://x.example/${i}`).join('\n'));
		expect(listProblems(many, ['good', 'Bad tag!'])).toEqual([
			{ field: 'links', code: 'tooMany', limit: 30 },
			{ field: 'tags', index: 1, code: 'badTag', value: 'Bad tag!' }
		]);
	});

	it('says what is wrong with the co-authors in plain words', () => {
		expect(checkCoauthors('@Bob, carla', 'ana')).toEqual({ ok: true, names: ['bob', 'carla'] });
		expect(checkCoauthors('bob, x', 'ana')).toEqual({
			ok: false,
			message: 'x is not a username: use the names shown on profiles, like ana_lopez.'
		});
		expect(checkCoauthors('bob ana', 'ana')).toEqual({
			ok: false,
			message: 'You are the author: list only the members who wrote it with you.'
		});
		const eleven = Array.from({ length: 11 }, (_, i) => `member${i}`).join(' ');
		expect(checkCoauthors(eleven, 'ana')).toEqual({ ok: false, message: 'List at most 10 co-authors.' });
	});
});

describe('event form', () => {
	const values: EventValues = {
		title: 'Meetup',
		description: '',
		venue: 'Hall',
		address: '',
		region: '',
		materials: '',
		start: '2026-10-25T09:00',
		end: '2026-10-25T11:00',
		timeZone: 'Europe/Paris',
		online: '',
		recording: '',
		capacity: '',
		organisers: [],
		tags: []
	};
	const lists = { organisers: [], resources: [] };
	const messages = (changed: Partial<EventValues>) =>
		checkEvent({ ...values, ...changed }).map((p) => {
			const field = eventFieldOf(p);
			return field ? [field, eventMessage(field, p, lists)] : [p.field, '?'];
		});

	it('accepts a complete event', () => {
		expect(checkEvent(values)).toEqual([]);
	});

	it('says an end before the start at the end field', () => {
		expect(messages({ end: '2026-10-25T08:30' })).toEqual([
			['end', 'The event ends before it starts: choose an end after the start.']
		]);
	});

	it('asks for a title, both times and a place', () => {
		expect(messages({ title: ' ', start: '', end: '', venue: '' })).toEqual([
			['title', 'Give the event a title.'],
			['start', 'Give the day and time the event starts.'],
			['end', 'Give the day and time the event ends.'],
			['place', 'An event needs a venue, an address or an online link.']
		]);
	});

	it('checks the time zone, links, capacity and co-organisers by the schema', () => {
		const problems = messages({
			timeZone: 'Mars/Olympus',
			online: 'meet.example',
			recording: 'https://video.example/1',
			capacity: '0',
			organisers: ['bob', 'no way']
		});
		expect(problems).toEqual([
			['organisers', expect.stringContaining('is not a username')],
			['timeZone', 'Choose a time zone from the list, such as Europe/Paris.'],
			['online', 'Online link is not a web address: it should start with https://'],
			['capacity', expect.stringContaining('whole number from 1 to 100,000')]
		]);
		const [organiser] = checkEvent({ ...values, organisers: ['bob', 'no way'] });
		expect(eventMessage('organisers', organiser, { organisers: ['bob', 'no way'], resources: [] })).toBe(
			'“no way” is not a username: use the names shown on profiles, like ana_lopez.'
		);
	});

	it('maps the store’s place fields to the form’s', () => {
		expect(eventFieldOf({ field: 'location.address', code: 'tooLong' })).toBe('address');
		expect(eventFieldOf({ field: 'organisers', index: 0, code: 'invalid' })).toBe('organisers');
		expect(eventFieldOf({ field: 'author', code: 'invalid' })).toBeNull();
	});
});

describe('profile editor', () => {
	const values = {
		displayName: 'Ana',
		organization: '',
		jurisdiction: '',
		role: '',
		bio: '',
		region: '',
		sector: '',
		expertise: []
	};

	it('asks for a name, counts the bio, and checks tags and mentees by the schema', () => {
		const problems = checkProfile({
			...values,
			displayName: '  ',
			bio: 'x'.repeat(5001),
			expertise: ['ok', 'Not OK'],
			mentorCapacity: 0
		});
		expect(problems.map((p) => p.field)).toEqual(['displayName', 'bio', 'expertise', 'mentorCapacity']);
		expect(problems.map((p) => profileMessage(p.field as 'displayName', p))).toEqual([
			'Give the name members will see you by.',
			'About me is too long: 5,001 characters, at most 5,000. Shorten it by 1.',
			'A tag has letters, digits and hyphens only: “Not OK” cannot be used.',
			'The number of mentees you take at once is a whole number from 1 to 20.'
		]);
	});

	it('leaves the number of mentees alone when the member is not mentoring', () => {
		expect(checkProfile(values)).toEqual([]);
	});
});

describe('survey answers', () => {
	const questions = [
		{ id: 'q1', kind: 'text', required: true },
		{ id: 'q2', kind: 'choice', required: true },
		{ id: 'q3', kind: 'text' }
	];

	it('says a required question is unanswered, and by how much a written answer is over', () => {
		expect(answerErrors(questions, { q1: '  ', q3: 'x'.repeat(ANSWER_MAX + 5) })).toEqual({
			q1: 'Write an answer: this question is required.',
			q2: 'Choose an answer: this question is required.',
			q3: 'Your answer is too long: 2,005 characters, at most 2,000. Shorten it by 5.'
		});
		expect(answerErrors(questions, { q1: 'Fine', q2: 'Yes' })).toEqual({});
	});
});
