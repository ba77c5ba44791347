// A notification's message, said in English with the actor's name, reads exactly as its `text`
// (which email digests and older rows still use), for every sentence the domain builds.
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, notificationsFor, type NotificationRow } from '../../../src/lib/domain/notifications';
import { suggestionNotification } from '../../../src/lib/domain/suggestions';
import { en } from '../../../src/lib/i18n/locales/en';
import { t } from '../../../src/lib/i18n/index';
import { splitTagged } from '../../../src/lib/i18n/tagged';

const ME = 'alice';
const AT = '2026-11-01T00:00:00.000Z';
const THREAD = 'thread:01JTTTTTTTTTTTTTTTTTTTTT01';
const docs: Record<string, Record<string, unknown>> = {
	[THREAD]: { _id: THREAD, type: 'thread', author: ME, title: 'Cloud exit clauses' },
	'resource:01JRRRRRRRRRRRRRRRRRRRRR01': { type: 'resource', author: ME, title: 'Open data checklist' },
	'story:01JSSSSSSSSSSSSSSSSSSSSS01': { type: 'story', author: ME, title: 'Permits in a day' },
	'mentorship:01JMMMMMMMMMMMMMMMMMMMMM01': { author: ME, mentor: 'bob' },
	'entry:01JEEEEEEEEEEEEEEEEEEEEE01': { author: ME },
	'post:01JPPPPPPPPPPPPPPPPPPPPP01': { author: ME, thread: 'thread:01JTTTTTTTTTTTTTTTTTTTTT02' },
	'post:01JPPPPPPPPPPPPPPPPPPPPP02': { author: ME },
	'event:01JVVVVVVVVVVVVVVVVVVVVV01': { title: 'Road safety meetup', organisers: ['org'] }
};
const lookup = { get: async (id: string) => docs[id] ?? null, myRsvp: async () => 'going' };

const base = { author: 'bob', createdAt: AT };
const sources: Record<string, unknown>[] = [
	{ ...base, _id: 'message:01JA', type: 'message', to: ME, body: 'See  you at\nthe meetup' },
	...['approve', 'changes', 'reject', 'shrug'].flatMap((verdict) =>
		['resource:01JRRRRRRRRRRRRRRRRRRRRR01', 'story:01JSSSSSSSSSSSSSSSSSSSSS01'].map((resource) => ({
			...base,
			_id: `review:01JB${verdict}${resource.length}`,
			type: 'review',
			resource,
			verdict
		}))
	),
	{ ...base, _id: 'mentorship:01JC', type: 'mentorship', mentor: ME, goals: 'Procurement law' },
	...['accepted', 'declined'].map((answer) => ({
		...base,
		_id: `mentorship-answer:01JD${answer}`,
		type: 'mentorship-answer',
		mentorship: 'mentorship:01JMMMMMMMMMMMMMMMMMMMMM01',
		answer
	})),
	{ ...base, _id: 'event:01JE1', type: 'event', updatedAt: AT, title: 'Meetup' },
	{ ...base, _id: 'event:01JE2', type: 'event', updatedAt: AT, title: 'Meetup', cancelled: true },
	{
		...base,
		_id: 'challenge:01JF',
		type: 'challenge',
		title: 'Fewer forms',
		announcedAt: AT,
		winners: [{ entry: 'entry:01JEEEEEEEEEEEEEEEEEEEEE01', place: 2 }]
	},
	{ ...base, _id: 'thread:01JG', type: 'thread', title: 'Hello', body: 'Ask @alice' },
	{
		...base,
		_id: 'thread:01JTTTTTTTTTTTTTTTTTTTTT02',
		type: 'thread',
		title: 'Answered',
		answer: 'post:01JPPPPPPPPPPPPPPPPPPPPP01',
		answeredBy: 'bob'
	},
	{ ...base, _id: 'post:01JH1', type: 'post', thread: THREAD, body: 'Agreed.' },
	{ ...base, _id: 'post:01JH2', type: 'post', thread: THREAD, body: 'Agreed, @alice.' },
	{ ...base, _id: 'post:01JH3', type: 'post', thread: 'thread:01JNOTHERE', replyTo: 'post:01JPPPPPPPPPPPPPPPPPPPPP02' },
	{
		...base,
		_id: 'post:01JH4',
		type: 'post',
		thread: 'thread:01JNOTHERE',
		replyTo: 'post:01JPPPPPPPPPPPPPPPPPPPPP02',
		body: '@alice'
	},
	{ ...base, _id: 'post:01JH5', type: 'post', thread: 'thread:01JNOTHERE', body: 'Hi @alice' },
	...[
		['place', 'waiting'],
		['waiting', 'place']
	].map(([state, previous]) => ({
		_id: `place:01JI${state}`,
		type: 'place',
		event: 'event:01JVVVVVVVVVVVVVVVVVVVVV01',
		member: ME,
		state,
		previous,
		changedAt: AT
	}))
];
const organiserSources = [
	['place', ''],
	['waiting', 'place'],
	['waiting', ''],
	['none', 'place'],
	['none', 'waiting']
].map(([state, previous]) => ({
	_id: `place:01JJ${state}${previous}`,
	type: 'place',
	event: 'event:01JVVVVVVVVVVVVVVVVVVVVV01',
	member: 'ana',
	state,
	...(previous ? { previous } : {}),
	changedAt: AT
}));

const say = t as unknown as (key: string, options: Record<string, unknown>) => string;
function english(row: NotificationRow): string {
	const message = row.message!;
	const text = say(`notifications:row.${message.key}`, { ...message.params, actor: 'Bob B.', defaultValue: '' });
	return splitTagged(text)
		.map((part) => part.text)
		.join('');
}

describe('notification messages', () => {
	it('say in English exactly what the text says', async () => {
		const rows = [
			...(await Promise.all(sources.map((doc) => notificationsFor(doc, ME, lookup)))).flat(),
			...(await Promise.all(organiserSources.map((doc) => notificationsFor(doc, 'org', lookup)))).flat(),
			...['open', 'considering', 'planned', 'done', 'declined'].map((status) =>
				suggestionNotification(
					{
						_id: 'suggestion:01JK',
						type: 'suggestion',
						author: ME,
						title: 'A dark theme',
						status,
						response: { by: 'mod', at: AT }
					},
					ME
				)!
			)
		];
		expect(rows.length).toBe(sources.length + organiserSources.length + 5);
		for (const row of rows) {
			expect(row.message, row.id).toBeDefined();
			expect(english(row), row.id).toBe(row.actor === SYSTEM_ACTOR ? row.text : `Bob B. ${row.text}`);
		}
	});

	it('has a sentence for every hidden case the inbox masks', () => {
		expect(Object.keys(en.notifications.row.hidden).sort()).toEqual(['item', 'thread']);
	});
});
