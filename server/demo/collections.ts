// Demo knowledge-base collections, curated by reviewers from the best demo threads and library
// resources (named by title here, resolved to the ids build.ts gave them).
import { collectionId } from '../../src/lib/domain/ids';
import type { CommunityDoc } from '../../src/lib/domain/schemas';

const DAY_MS = 24 * 60 * 60 * 1000;

interface DemoCollection {
	slug: string;
	by: string;
	daysAgo: number;
	title: string;
	intro: string;
	items: { resource?: string; thread?: string; note?: string }[];
}

const COLLECTIONS: readonly DemoCollection[] = [
	{
		slug: 'cyber-resilience-small-organisations',
		by: 'piotr',
		daysAgo: 6,
		title: 'Cyber resilience for small organisations',
		intro:
			'Where to start when you have one IT person, or none: the baseline, what recovering from ransomware really takes, and how to test that your backups work.',
		items: [
			{ resource: 'Cyber hygiene baseline: 8 measures for small municipalities', note: 'Start here.' },
			{ thread: 'Cyber hygiene baseline for a 15-person municipality' },
			{ resource: 'Ransomware recovery toolkit for local government', note: 'Run the two-hour exercise first.' },
			{ thread: 'Lessons from three ransomware recoveries this year' },
			{ thread: 'Supplier bank detail changes: how do you stop payment fraud?' }
		]
	},
	{
		slug: 'plain-language-and-inclusion',
		by: 'maria',
		daysAgo: 10,
		title: 'Plain language and digital inclusion',
		intro:
			'Services that everyone can use: plain words, what residents ask for help with, and forms in the languages people read.',
		items: [
			{ resource: 'Plain language in e-services: what 40 user tests taught us' },
			{ resource: 'Housing letters in plain language: 14 before-and-after templates' },
			{ resource: 'What residents ask for help with online: 9,000 library sessions analysed' },
			{ thread: 'Digital help in libraries: what do residents actually ask for?' },
			{ resource: 'Right-to-left forms: a test checklist for Arabic and Farsi' },
			{ thread: 'A chatbot for building permit questions: worth it?', note: 'Rewrite the pages before buying a bot.' }
		]
	},
	{
		slug: 'buying-and-running-cloud-services',
		by: 'maria',
		daysAgo: 15,
		title: 'Buying and running cloud services',
		intro:
			'From the tender to the monthly bill: requirement wording, frameworks or your own tender, migration in waves, and exit clauses that work.',
		items: [
			{
				resource: 'Requirements template: procuring cloud services',
				note: 'Requirements 1 and 2 are the ones people reuse most.'
			},
			{ thread: 'Cloud hosting: join a framework agreement or run our own tender?' },
			{ resource: 'Leaving the server room: a migration toolkit for municipalities' },
			{ thread: 'Software licence audits: how do you prepare?' },
			{ resource: 'Why public IT projects miss their benefits: findings from 38 audits' }
		]
	}
];

export function buildDemoCollections(now: Date, docs: readonly CommunityDoc[]): CommunityDoc[] {
	const find = (type: 'thread' | 'resource', title: string): string => {
		const found = docs.find((d) => d.type === type && d.title === title);
		if (!found) throw new Error(`demo collection names no demo ${type}: ${title}`);
		return found._id;
	};
	return COLLECTIONS.map((c) => {
		const created = Math.min(now.getTime() - c.daysAgo * DAY_MS, now.getTime() - 60_000);
		return {
			_id: collectionId(c.slug),
			type: 'collection',
			author: c.by,
			createdAt: new Date(created).toISOString(),
			title: c.title,
			intro: c.intro,
			items: c.items.map((item) => ({
				ref: item.resource ? find('resource', item.resource) : find('thread', item.thread!),
				...(item.note ? { note: item.note } : {})
			}))
		};
	});
}
