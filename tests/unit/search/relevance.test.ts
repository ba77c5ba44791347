// What a member finds: a fixed corpus of about thirty documents (threads, replies, resources of
// several kinds, stories, events, people) and, per query, the ids that must come first and the ids
// that must not appear at all. Events and people go through indexOpFor, as the store feeds them.
import { describe, expect, it } from 'vitest';
import { SearchIndex, type SearchDoc } from '../../../src/lib/search/index';
import { indexOpFor } from '../../../src/lib/store/search/documents';

const AT = '2026-11-20T10:00:00.000Z';

const doc = (d: Omit<SearchDoc, 'createdAt' | 'tags' | 'author'> & Partial<SearchDoc>): SearchDoc => ({
	tags: [],
	author: 'ana',
	createdAt: AT,
	...d
});

const DOCS: SearchDoc[] = [
	// threads
	doc({
		id: 'thread:t-procurement',
		type: 'thread',
		title: 'Procurement rules for small cloud contracts',
		text: 'Which thresholds apply when a municipality buys hosting?',
		tags: ['procurement', 'cloud'],
		category: 'digital-services'
	}),
	doc({
		id: 'thread:t-budget',
		type: 'thread',
		title: 'Participatory budget: how many votes per resident?',
		text: 'We ran our first participatory budget and the turnout surprised us.',
		tags: ['citizen-engagement'],
		category: 'citizen-engagement'
	}),
	doc({
		id: 'thread:t-permits',
		type: 'thread',
		title: 'Digitising building permits',
		text: 'Our permit office still prints every application. Where did you start?',
		tags: ['permits'],
		category: 'digital-services'
	}),
	doc({
		id: 'thread:t-body-accessibility',
		type: 'thread',
		title: 'Forms that residents can finish',
		text: 'Accessibility audits found that half our forms fail with screen readers.',
		tags: ['forms'],
		category: 'digital-services'
	}),
	doc({
		id: 'thread:t-hiring',
		type: 'thread',
		title: 'Hiring designers into government',
		text: 'Salary bands make it hard to hire; what worked for you?',
		tags: ['hiring'],
		category: 'workforce'
	}),
	doc({
		id: 'thread:t-open-portal',
		type: 'thread',
		title: 'Which portal software do you run?',
		text: 'We publish spreadsheets by email today and want something better.',
		tags: ['open-data'],
		category: 'data'
	}),
	// replies
	doc({
		id: 'post:p-procurement',
		type: 'post',
		title: 'Re: Procurement rules for small cloud contracts',
		text: 'Under the framework agreement you can call off without a new tender.',
		thread: 'thread:t-procurement',
		category: 'digital-services'
	}),
	doc({
		id: 'post:p-permits',
		type: 'post',
		title: 'Re: Digitising building permits',
		text: 'Start with the most common permit, the one for fences, and measure the waiting time.',
		thread: 'thread:t-permits',
		category: 'digital-services'
	}),
	doc({
		id: 'post:p-accessibility',
		type: 'post',
		title: 'Re: Forms that residents can finish',
		text: 'We fixed labels and error messages first; accessibility complaints halved.',
		thread: 'thread:t-body-accessibility',
		category: 'digital-services'
	}),
	doc({
		id: 'post:p-hiring',
		type: 'post',
		title: 'Re: Hiring designers into government',
		text: 'Fellowships let us hire for two years outside the bands.',
		thread: 'thread:t-hiring',
		category: 'workforce'
	}),
	// resources
	doc({
		id: 'resource:r-cyber',
		type: 'resource',
		kind: 'guide',
		title: 'Cyber hygiene baseline: 8 measures for small municipalities',
		text: 'Backups, multi-factor sign-in, patching and an incident plan on one page.',
		tags: ['cybersecurity', 'small-municipalities']
	}),
	doc({
		id: 'resource:r-procurement-template',
		type: 'resource',
		kind: 'template',
		title: 'Procurement template for software as a service',
		text: 'Clauses on data location, exit and accessibility.',
		tags: ['procurement']
	}),
	doc({
		id: 'resource:r-accessibility-toolkit',
		type: 'resource',
		kind: 'toolkit',
		title: 'Accessibility toolkit for public websites',
		text: 'Checklists, test scripts and a statement template.',
		tags: ['accessibility']
	}),
	doc({
		id: 'resource:r-open-data-case',
		type: 'resource',
		kind: 'case-study',
		title: 'Publishing transport timetables',
		text: 'How a regional authority released its timetables under an open licence.',
		tags: ['open-data', 'transport']
	}),
	doc({
		id: 'resource:r-research',
		type: 'resource',
		kind: 'research-paper',
		title: 'Trust in local government after service outages',
		text: 'A survey of residents in twelve towns.',
		tags: ['trust']
	}),
	doc({
		id: 'resource:r-article',
		type: 'resource',
		kind: 'article',
		title: 'Plain language in letters to residents',
		text: 'Shorter letters, fewer calls: what changed when we rewrote tax reminders.',
		tags: ['plain-language']
	}),
	// stories
	doc({
		id: 'story:s-permits',
		type: 'story',
		title: 'Permit waiting times down from 40 to 12 days',
		text: 'An online form and a shared queue for the building permit office.',
		tags: ['permits']
	}),
	doc({
		id: 'story:s-budget',
		type: 'story',
		title: 'A participatory budget that reached young people',
		text: 'Voting in schools tripled the turnout of residents under 25.',
		tags: ['citizen-engagement']
	}),
	doc({
		id: 'story:s-recycling',
		type: 'story',
		title: 'Recycling rates after the new collection calendar',
		text: 'Clear pictures on the bins and a calendar app.',
		tags: ['environment']
	})
];

const ULIDS = ['01JD0000000000000000000001', '01JD0000000000000000000002', '01JD0000000000000000000003'];

const EVENTS = [
	{
		_id: `event:${ULIDS[0]}`,
		kind: 'webinar',
		title: 'Cyber hygiene for small municipalities',
		description: 'An hour on backups and sign-in, with time for questions.',
		tags: ['cybersecurity']
	},
	{
		_id: `event:${ULIDS[1]}`,
		kind: 'workshop',
		title: 'Writing an accessibility statement',
		description: 'Bring your website and leave with a draft statement.',
		tags: ['accessibility']
	},
	{
		_id: `event:${ULIDS[2]}`,
		kind: 'meetup',
		title: 'Evening meetup of budget officers',
		description: 'Informal drinks and short talks.',
		tags: ['finance']
	}
].map((e) => ({
	...e,
	type: 'event',
	author: 'ana',
	createdAt: AT,
	start: '2026-12-10T15:00:00.000Z',
	end: '2026-12-10T16:00:00.000Z',
	timeZone: 'Europe/Paris',
	location: { venue: 'Town hall' },
	organisers: ['ana']
}));

const PEOPLE = [
	{
		_id: 'profile:ana',
		displayName: 'Ana Silva',
		organization: 'City of Porto',
		role: 'Data officer',
		expertise: ['open-data', 'procurement'],
		bio: 'I run the city dashboard.'
	},
	{
		_id: 'profile:ben',
		displayName: 'Ben Okafor',
		organization: 'Lagos State',
		role: 'Policy adviser',
		expertise: ['transport'],
		bio: 'Before this I built an open data portal for the ministry of works.'
	},
	{
		_id: 'profile:chloe',
		displayName: 'Chloé Martin',
		organization: 'Région Bretagne',
		role: 'Designer',
		expertise: ['accessibility', 'forms'],
		bio: 'Service designer; I test forms with residents every week.'
	},
	{
		_id: 'profile:dev',
		displayName: 'Dev Patel',
		organization: 'Leicester City Council',
		role: 'Head of IT',
		expertise: ['cybersecurity'],
		bio: 'Keeping thirty schools patched and backed up.'
	}
].map((p) => ({ ...p, type: 'profile', author: p._id.slice('profile:'.length), createdAt: AT }));

function build(): SearchIndex {
	const index = SearchIndex.empty();
	index.upsertAll(DOCS);
	for (const d of [...EVENTS, ...PEOPLE]) {
		const op = indexOpFor(
			d._id,
			d,
			false,
			() => undefined,
			() => undefined
		);
		if (op && 'upsert' in op) index.upsert(op.upsert);
	}
	return index;
}

const EVENT_CYBER = `event:${ULIDS[0]}`;
const EVENT_ACCESSIBILITY = `event:${ULIDS[1]}`;

interface Case {
	q: string;
	/** must be the first hit */
	top1?: string;
	/** must all be among the first three */
	top3?: string[];
	/** must appear */
	present?: string[];
	/** must not appear at all */
	absent?: string[];
	/** the first must rank above the second */
	before?: [string, string];
	/** exactly this many results */
	total?: number;
}

const CASES: Case[] = [
	{ q: 'xyzzy-nothing', total: 0 },
	{ q: 'xyzzy', total: 0 },
	{ q: 'blorpt quixotic', total: 0 },
	// a nonsense word with a real one: not "whatever mentions the real word"
	{ q: 'xyzzy participatory', total: 0 },
	{ q: 'xyzzy-budget', total: 0 },
	{ q: 'cyber securty', top3: ['resource:r-cyber', EVENT_CYBER, 'profile:dev'] },
	{ q: 'cyber security', top3: ['resource:r-cyber', EVENT_CYBER, 'profile:dev'] },
	{ q: 'cybersecurity', top3: ['resource:r-cyber', EVENT_CYBER, 'profile:dev'] },
	{ q: 'procurment', top3: ['thread:t-procurement', 'resource:r-procurement-template'], absent: ['story:s-permits'] },
	{ q: 'procurement rules', top1: 'thread:t-procurement' },
	{ q: 'open data', top3: ['profile:ana'], present: ['profile:ben'], absent: ['story:s-recycling'] },
	{ q: 'Open-Data', top3: ['profile:ana'] },
	{ q: 'open-data', top3: ['profile:ana'] },
	{ q: 'opendata', top3: ['profile:ana'] },
	{ q: 'open data portal', top3: ['profile:ben', 'thread:t-open-portal'] },
	// a title match ranks above a body match
	{
		q: 'accessibility',
		top3: ['resource:r-accessibility-toolkit', EVENT_ACCESSIBILITY],
		before: ['resource:r-accessibility-toolkit', 'thread:t-body-accessibility']
	},
	{ q: 'finish', before: ['thread:t-body-accessibility', 'post:p-accessibility'] },
	{ q: 'participatory budget', top3: ['thread:t-budget', 'story:s-budget'], absent: ['resource:r-research'] },
	// people by name and by expertise, events by title
	{ q: 'okafor', top1: 'profile:ben' },
	{ q: 'Chloé', top1: 'profile:chloe' },
	{ q: 'accessibility statement', top1: EVENT_ACCESSIBILITY },
	// no typo tolerance under five letters ("hrng" is not "hiring"), one edit from five ("hirng")
	{ q: 'bins', top1: 'story:s-recycling', total: 1 },
	{ q: 'hrng', total: 0 },
	{ q: 'hirng', top1: 'thread:t-hiring' },
	{ q: 'permit waiting', top1: 'story:s-permits' }
];

describe('search relevance over a fixed corpus', () => {
	const index = build();

	it('indexes events and people from their documents', () => {
		expect(index.has(EVENT_CYBER)).toBe(true);
		expect(index.has('profile:ben')).toBe(true);
		expect(index.search('okafor').hits[0]?.type).toBe('person');
	});

	for (const c of CASES) {
		it(`“${c.q}”`, () => {
			const answer = index.search(c.q, {}, 50);
			const ids = answer.hits.map((h) => h.id);
			if (c.total !== undefined) expect(ids, c.q).toHaveLength(c.total);
			if (c.top1) expect(ids[0], c.q).toBe(c.top1);
			for (const id of c.top3 ?? []) expect(ids.slice(0, 3), `${c.q}: ${id}`).toContain(id);
			for (const id of c.present ?? []) expect(ids, `${c.q}: ${id}`).toContain(id);
			for (const id of c.absent ?? []) expect(ids, `${c.q}: ${id}`).not.toContain(id);
			if (c.before) {
				const [a, b] = c.before.map((id) => ids.indexOf(id));
				expect(a, `${c.q}: ${c.before[0]} found`).toBeGreaterThanOrEqual(0);
				expect(b === -1 || a < b, `${c.q}: ${c.before.join(' before ')}`).toBe(true);
			}
		});
	}

	it('indexes only the public fields of a profile', () => {
		const op = indexOpFor(
			'profile:eve',
			{ ...PEOPLE[0], _id: 'profile:eve', author: 'eve', displayName: 'Eve Stone', phone: 'zanzibarphone' },
			false,
			() => undefined,
			() => undefined
		);
		const one = SearchIndex.empty();
		if (op && 'upsert' in op) one.upsert(op.upsert);
		expect(one.search('stone').hits.map((h) => h.id)).toEqual(['profile:eve']);
		expect(one.search('zanzibarphone').total).toBe(0);
		expect(
			indexOpFor(
				'profile-private:eve',
				{ _id: 'profile-private:eve' },
				false,
				() => undefined,
				() => undefined
			)
		).toBeNull();
	});

	it('filters by tag whatever its case and hyphens', () => {
		for (const tag of ['open-data', 'Open-Data', 'open data'])
			expect(
				index
					.search('open data', { tag })
					.hits.map((h) => h.id)
					.sort(),
				tag
			).toEqual(['profile:ana', 'resource:r-open-data-case', 'thread:t-open-portal']);
	});

	it('offers the closest known words when nothing is found', () => {
		expect(index.search('procuremnet', {}, 5).total).toBeGreaterThan(0);
		expect(index.didYouMean('recycing calender')).toBe('recycling calendar');
		expect(index.didYouMean('xyzzyqq')).toBeNull();
		expect(index.didYouMean('permits')).toBeNull();
	});
});
