// The story form's checks before writing and its reading of a store refusal: one sentence per
// field, in words that say what to do.
import { describe, expect, it } from 'vitest';
import { checkStory, fromRow, refusalMessages } from '../../../src/routes/stories/story-form';

const draft = { ...fromRow(null), title: 'Permits in nine days', summary: 'One form instead of four.' };

describe('story form', () => {
	it('asks for nothing more of a story with a title and a summary', () => {
		expect(checkStory(draft, null, true)).toEqual({});
	});

	it('says what to do about an empty title and summary, and how much is over', () => {
		expect(checkStory({ ...draft, title: '  ', summary: '', region: 'r'.repeat(125) }, null, true)).toEqual({
			title: 'Give the story a title.',
			summary: 'Write a short summary.',
			region: 'Region is too long: 125 characters, at most 120. Shorten it by 5.'
		});
	});

	it('puts the end date, co-authors and related items under their own fields', () => {
		const found = checkStory({ ...draft, startedOn: '2026-03-01', endedOn: '2026-01-01' }, 'Not a username.', false);
		expect(found).toEqual({
			endedOn: 'The end date is before the start date.',
			coauthors: 'Not a username.',
			related: 'Related items are links to library resources or discussions, one per line.'
		});
	});

	it('puts a refusal from the store under its field, and tells when one has no field', () => {
		expect(
			refusalMessages([
				{ field: 'tags', code: 'badTag', value: 'Open Data' },
				{ field: 'team.name', index: 1, code: 'tooLong', limit: 120, length: 130 }
			])
		).toEqual({
			messages: {
				tags: 'A tag has letters, digits and hyphens only: “Open Data” cannot be used.',
				team: 'Line 2 of Team is too long: 130 characters, at most 120. Shorten it by 10.'
			},
			unplaced: false
		});
		expect(refusalMessages([{ field: 'contact', code: 'tooLong', limit: 300, length: 301 }]).unplaced).toBe(true);
	});
});
