// A small community whose points are worked out by hand in recognition.test.ts; the server test
// stores the same documents and expects the same figures.

/** A ULID-shaped id suffix: `n` padded into 26 Crockford characters. */
export const ulid = (n: number): string => `01J${String(n).padStart(23, '0')}`;

export const NOW = '2026-12-15T12:00:00.000Z';

const T1 = `thread:${ulid(1)}`;
const T2 = `thread:${ulid(2)}`;
const P1 = `post:${ulid(11)}`;
const R1 = `resource:${ulid(21)}`;
const S1 = `story:${ulid(31)}`;
const C1 = `challenge:${ulid(41)}`;
const E1 = ulid(51);
const M1 = ulid(61);

/** Names made unique by the caller (server tests share one store). */
export function communityFixture(name: (short: string) => string = (s) => s): Record<string, unknown>[] {
	const [ana, ben, cai, dee, eve] = ['ana', 'ben', 'cai', 'dee', 'eve'].map(name);
	const doc = (type: string, id: string, author: string, createdAt: string, rest: Record<string, unknown> = {}) => ({
		_id: id,
		type,
		author,
		createdAt,
		...rest
	});
	return [
		doc('profile', `profile:${ana}`, ana, '2026-01-01T00:00:00.000Z', {
			displayName: 'Ana',
			region: 'North',
			sector: 'Health'
		}),
		doc('profile', `profile:${ben}`, ben, '2026-01-01T00:00:00.000Z', { displayName: 'Ben', region: 'South' }),
		doc('profile', `profile:${dee}`, dee, '2026-01-01T00:00:00.000Z', {
			displayName: 'Dee',
			region: 'North',
			hideFromLeaderboards: true
		}),
		doc('thread', T1, ana, '2026-11-02T09:00:00.000Z', {
			category: 'general',
			title: 'Reducing queue times',
			body: '',
			tags: [],
			answer: P1,
			answeredBy: ana,
			answeredAt: '2026-11-04T09:00:00.000Z'
		}),
		doc('post', P1, ben, '2026-11-03T09:00:00.000Z', { thread: T1, body: 'Try this' }),
		doc('post', `post:${ulid(12)}`, cai, '2026-12-01T09:00:00.000Z', { thread: T1, body: 'Agreed' }),
		// a deleted post earns nothing
		{ _id: `post:${ulid(13)}`, _deleted: true, type: 'post', author: cai, createdAt: '2026-12-01T10:00:00.000Z' },
		doc('vote', `vote:${T1}:${cai}`, cai, '2026-12-02T09:00:00.000Z', { target: T1, value: 1 }),
		// one's own thread: nothing
		doc('vote', `vote:${T1}:${ana}`, ana, '2026-12-02T09:00:00.000Z', { target: T1, value: 1 }),
		doc('vote', `vote:${P1}:${ana}`, ana, '2026-12-02T09:05:00.000Z', { target: P1, value: 1 }),
		// not a Helpful vote
		doc('vote', `vote:${P1}:${dee}`, dee, '2026-12-02T09:05:00.000Z', { target: P1, value: -1 }),
		doc('resource', R1, dee, '2026-06-01T09:00:00.000Z', {
			kind: 'toolkit',
			title: 'Open data toolkit',
			summary: '',
			body: '',
			tags: [],
			status: 'published',
			coauthors: [eve],
			reviewedBy: cai,
			reviewedAt: '2026-06-10T09:00:00.000Z'
		}),
		doc('review', `review:${ulid(22)}`, cai, '2026-06-09T09:00:00.000Z', {
			resource: R1,
			verdict: 'approve',
			comments: ''
		}),
		doc('story', S1, eve, '2026-11-20T09:00:00.000Z', {
			title: 'Permits in a day',
			status: 'published',
			reviewedAt: '2026-12-05T09:00:00.000Z',
			challenge: C1,
			outcomes: []
		}),
		doc('challenge', C1, 'mod', '2026-10-01T09:00:00.000Z', {
			title: 'Faster permits',
			winners: [{ entry: S1, place: 1 }],
			announcedAt: '2026-12-10T09:00:00.000Z'
		}),
		doc('adoption', `adoption:${ulid(71)}`, ben, '2026-12-03T09:00:00.000Z', {
			practice: R1,
			organization: 'City of South',
			status: 'implemented',
			notes: '',
			outcomes: [{ metric: 'time-saved', label: 'Hours saved', value: 120, unit: 'hours' }],
			updatedAt: '2026-12-08T09:00:00.000Z'
		}),
		doc('event', `event:${E1}`, ana, '2026-11-01T09:00:00.000Z', {
			title: 'Queue meetup',
			start: '2026-12-01T17:00:00.000Z',
			end: '2026-12-01T19:00:00.000Z',
			organisers: [ana]
		}),
		doc('attendance', `attendance:${E1}:${cai}`, ana, '2026-12-01T20:00:00.000Z', {
			event: `event:${E1}`,
			member: cai,
			attended: true
		}),
		// cancelled, and not yet ended: nothing for the organiser
		doc('event', `event:${ulid(52)}`, ben, '2026-11-01T09:00:00.000Z', {
			title: 'Cancelled',
			end: '2026-12-01T19:00:00.000Z',
			organisers: [ben],
			cancelled: true
		}),
		doc('event', `event:${ulid(53)}`, ben, '2026-11-01T09:00:00.000Z', {
			title: 'Next year',
			end: '2027-01-20T19:00:00.000Z',
			organisers: [ben]
		}),
		doc('mentorship', `mentorship:${M1}`, dee, '2026-10-01T09:00:00.000Z', { mentor: ana, goals: 'Learn' }),
		doc('mentorship-answer', `mentorship-answer:${M1}`, ana, '2026-10-02T09:00:00.000Z', {
			mentorship: `mentorship:${M1}`,
			answer: 'accepted',
			completedAt: '2026-12-12T09:00:00.000Z'
		}),
		// a thread moderators hid: neither it, its replies nor votes on it count
		doc('thread', T2, cai, '2026-12-03T09:00:00.000Z', { category: 'general', title: 'Spam', body: '', tags: [] }),
		doc('post', `post:${ulid(14)}`, ben, '2026-12-03T10:00:00.000Z', { thread: T2, body: 'Reply' }),
		doc('vote', `vote:${T2}:${ana}`, ana, '2026-12-03T11:00:00.000Z', { target: T2, value: 1 }),
		doc('moderation', `moderation:${T2}`, 'mod', '2026-12-04T09:00:00.000Z', {
			target: T2,
			hidden: { reason: 'spam', at: '2026-12-04T09:00:00.000Z' }
		})
	];
}
