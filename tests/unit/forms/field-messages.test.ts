// Refusals in words a person reads: valibot issues → field problems (domain) → one English
// sentence per field (forms), and limited fields that count instead of cutting.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { fieldProblems, InvalidDocError, type FieldProblem } from '../../../src/lib/domain/validate';
import { resourceSchema, surveySchema, threadSchema } from '../../../src/lib/domain/schemas';
import { fieldMessage, problemFor, problemsOf, textProblem } from '../../../src/lib/forms';
import { renderComponent } from '../components/render';
import { closeTestStores, openTestStore } from '../store/support';

const T = '01JD0000000000000000000000';
const now = '2026-11-25T10:00:00.000Z';
const thread = {
	_id: `thread:${T}`,
	type: 'thread',
	author: 'ana',
	createdAt: now,
	category: 'open-data',
	title: 'Portals',
	body: 'Hi',
	tags: ['open-data']
};
const resource = {
	_id: `resource:${T}`,
	type: 'resource',
	author: 'ana',
	createdAt: now,
	kind: 'guide',
	title: 'Guide',
	summary: '',
	body: '',
	tags: [],
	status: 'draft'
};

function problems(schema: v.GenericSchema, doc: unknown): FieldProblem[] {
	const result = v.safeParse(schema, doc);
	if (result.success) throw new Error('expected a refusal');
	return fieldProblems(result.issues);
}

describe('field problems from the schemas', () => {
	it('required: an empty title', () => {
		const found = problems(threadSchema, { ...thread, title: '   ' });
		expect(found).toEqual([{ field: 'title', code: 'required' }]);
		expect(fieldMessage(found[0], 'Title')).toBe('Title is required.');
	});

	it('required: a field left out', () => {
		const { body: _body, ...noBody } = thread;
		const found = problems(threadSchema, noBody);
		expect(found).toEqual([{ field: 'body', code: 'required' }]);
	});

	it('tooLong: the length, the limit and by how much', () => {
		const found = problems(threadSchema, { ...thread, title: 'x'.repeat(230) });
		expect(found).toEqual([{ field: 'title', code: 'tooLong', limit: 200, length: 230 }]);
		expect(fieldMessage(found[0], 'Title')).toBe('Title is too long: 230 characters, at most 200. Shorten it by 30.');
	});

	it('tooLong: large limits are written with separators', () => {
		const found = problems(resourceSchema, { ...resource, summary: 'x'.repeat(2001) });
		expect(fieldMessage(found[0], 'Summary')).toBe(
			'Summary is too long: 2,001 characters, at most 2,000. Shorten it by 1.'
		);
	});

	it('notUrl: names the line of a list', () => {
		const found = problems(resourceSchema, { ...resource, links: ['https://a.example', 'ftp://b'] });
		expect(found).toEqual([{ field: 'links', index: 1, code: 'notUrl' }]);
		expect(fieldMessage(found[0], 'Links')).toBe('Line 2 of Links is not a web address: it should start with https://');
	});

	it('badTag: shows the refused tag', () => {
		const found = problems(threadSchema, { ...thread, tags: ['ok', 'x!'] });
		expect(found).toEqual([{ field: 'tags', index: 1, code: 'badTag', value: 'x!' }]);
		expect(fieldMessage(found[0], 'Tags')).toBe('A tag has letters, digits and hyphens only: “x!” cannot be used.');
	});

	it('tooMany: a list over its limit', () => {
		const tags = Array.from({ length: 11 }, (_, i) => `t${i}`);
		const found = problems(threadSchema, { ...thread, tags });
		expect(found).toEqual([{ field: 'tags', code: 'tooMany', limit: 10 }]);
		expect(fieldMessage(found[0], 'Tags')).toBe('Tags: too many entries, at most 10.');
	});

	it('tooShort: a minimum above one', () => {
		expect(fieldMessage({ field: 'code', code: 'tooShort', limit: 8, length: 3 }, 'Code')).toBe(
			'Code is too short: at least 8 characters.'
		);
	});

	it('invalid: anything else, with its line in a list', () => {
		const found = problems(threadSchema, { ...thread, category: 'Not A Slug' });
		expect(found).toEqual([{ field: 'category', code: 'invalid' }]);
		expect(fieldMessage(found[0], 'Category')).toBe('Category cannot be saved as it is: check it and try again.');
		expect(fieldMessage({ field: 'links', index: 0, code: 'invalid' }, 'Links')).toBe(
			'Line 1 of Links cannot be saved as it is: check it and try again.'
		);
	});

	it('nested fields keep their path without positions, and the position of the entry', () => {
		const survey = {
			_id: `survey:${T}`,
			type: 'survey',
			author: 'ana',
			createdAt: now,
			title: 'Survey',
			description: '',
			questions: [
				{ id: 'q1', kind: 'text', label: 'Fine' },
				{ id: 'q2', kind: 'text', label: '' }
			],
			opensAt: now,
			closesAt: '2026-12-25T10:00:00.000Z',
			audience: { kind: 'everyone' },
			anonymous: false
		};
		expect(problems(surveySchema, survey)).toEqual([{ field: 'questions.label', index: 1, code: 'required' }]);
	});

	it('one problem per field entry', () => {
		const found = problems(threadSchema, { ...thread, tags: ['x!', 'y!', 'ok'] });
		expect(found.map((p) => p.index)).toEqual([0, 1]);
		expect(problemFor(found, 'tags')?.index).toBe(0);
	});
});

describe('checks a form makes before writing', () => {
	it('an empty required field, a text over its limit, nothing when fine', () => {
		expect(textProblem('title', '  ', { required: true, max: 200 })).toEqual({ field: 'title', code: 'required' });
		expect(textProblem('title', 'x'.repeat(201), { max: 200 })).toEqual({
			field: 'title',
			code: 'tooLong',
			limit: 200,
			length: 201
		});
		expect(textProblem('title', 'x'.repeat(200), { required: true, max: 200 })).toBeNull();
		expect(textProblem('body', '', {})).toBeNull();
	});
});

describe('limited fields count instead of cutting', () => {
	const FORMS = [
		'src/routes/forums/new/+page.svelte',
		'src/routes/forums/t/[ulid]/ReplyForm.svelte',
		'src/routes/forums/t/[ulid]/ThreadHead.svelte',
		'src/routes/messages/[username]/+page.svelte',
		'src/routes/suggestions/SuggestionForm.svelte',
		'src/routes/surveys/SurveyForm.svelte'
	];

	it.each(FORMS)('%s has no maxlength', (path) => {
		expect(readFileSync(path, 'utf8')).not.toMatch(/maxlength/i);
	});

	it('shows the count under the limit, quietly', async () => {
		const html = await renderComponent('src/lib/forms/CharCount.svelte', {
			id: 'c',
			value: 'x'.repeat(123),
			limit: 200
		});
		expect(html).toContain('123 / 200');
		expect(html).toContain('123 of 200 characters');
		expect(html).not.toContain('left');
		expect(html).not.toContain('class="char-count over');
	});

	it('says what is left near the limit, and by how much it is over past it', async () => {
		const near = await renderComponent('src/lib/forms/CharCount.svelte', {
			id: 'c',
			value: 'x'.repeat(195),
			limit: 200
		});
		expect(near).toContain('5 characters left');
		const over = await renderComponent('src/lib/forms/CharCount.svelte', {
			id: 'c',
			value: 'x'.repeat(230),
			limit: 200
		});
		expect(over).toContain('230 / 200');
		expect(over).toContain('30 characters over the limit');
		expect(over).toMatch(/class="char-count[^"]*\bover\b/);
	});

	it('shows a field message with its id, without a live role', async () => {
		const html = await renderComponent('src/lib/forms/FieldError.svelte', {
			id: 'title-error',
			message: 'Title is required.'
		});
		expect(html).toContain('id="title-error"');
		expect(html).toContain('Title is required.');
		expect(html).not.toContain('role=');
		expect(await renderComponent('src/lib/forms/FieldError.svelte', { id: 'x', message: null })).not.toContain('<p');
	});
});

describe('store refusals carry their field problems', () => {
	afterEach(closeTestStores);

	it('a thread title over the limit reaches the store whole and is refused with its length', async () => {
		const store = await openTestStore();
		const title = 'x'.repeat(230);
		const err = await store.createThread({ category: 'general', title, body: 'x', tags: [] }).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(InvalidDocError);
		// the developer's summary is unchanged
		expect((err as Error).message).toMatch(/^Invalid thread: title: /);
		expect(problemsOf(err)).toEqual([{ field: 'title', code: 'tooLong', limit: 200, length: 230 }]);
	});

	it('a bad tag', async () => {
		const store = await openTestStore();
		const err = await store
			.createThread({ category: 'general', title: 't', body: 'x', tags: ['not a tag!'] })
			.catch((e: unknown) => e);
		expect(problemsOf(err)).toEqual([expect.objectContaining({ field: 'tags', code: 'badTag' })]);
	});

	it('an empty message', async () => {
		const store = await openTestStore();
		const err = await store.people.sendMessage('someone-else', '').catch((e: unknown) => e);
		expect(problemsOf(err)).toEqual([{ field: 'body', code: 'required' }]);
	});

	it('other errors carry none', () => {
		expect(problemsOf(new Error('offline'))).toEqual([]);
		expect(problemsOf('text')).toEqual([]);
	});
});
