// Benchmark: recognition over a realistic community of 10,000 documents from 1,000 members
// (profiles, threads, replies, Helpful votes, resources, stories, reviews, adoptions, events,
// attendance, mentorships, a challenge). Measured in Node on PouchDB's memory adapter and
// fake-indexeddb (slower than a browser's IndexedDB; no browser is needed to see the shape):
//   - the shared rules alone over all the documents (what the server does per request, cached);
//   - the device's first projection of the whole feed (every projection, recognition included);
//   - one new Helpful vote arriving: the batch that projects it, standings recomputed;
//   - the leaderboard page's read (store.recognition.boards), median and p95 of 40 rounds.
// Run alone: node --import tsx bench/recognition.ts
import { computeRecognition } from '../src/lib/domain/recognition';
import { openTestStore, postDoc, seqUlid as ulid, threadDoc } from '../tests/unit/store/support';
import { runAlone, type Figures } from './lib/report';

const MEMBERS = 1_000;
/** The larger community the shared rules are also timed over (the server's computation). */
const LARGE_MEMBERS = 10_000;
const NOW = '2026-12-15T12:00:00.000Z';
const DAY_MS = 86_400_000;
const START = Date.parse('2025-12-01T00:00:00.000Z');
const READ_ROUNDS = 40;
const REGIONS = ['North', 'South', 'East', 'West', 'Capital'];
const SECTORS = ['Health', 'Education', 'Transport', 'Digital', 'Housing'];

/** A deterministic pseudo-random sequence (mulberry32), so every run measures the same community. */
function random(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Doc = Record<string, unknown> & { _id: string };

/** About ten documents per member; `members` scales every kind of document alike. */
export function recognitionCommunity(members = MEMBERS): Doc[] {
	const scale = members / MEMBERS;
	const n = (count: number) => Math.round(count * scale);
	const rnd = random(42);
	const member = (i: number) => `member${String(i).padStart(4, '0')}`;
	// a few members do most of the work, as in real communities
	const someone = () => member(Math.floor(members * rnd() * rnd()));
	const when = () => new Date(START + Math.floor(rnd() * 370 * DAY_MS)).toISOString();
	const docs: Doc[] = [];
	for (let i = 0; i < members; i++)
		docs.push({
			_id: `profile:${member(i)}`,
			type: 'profile',
			author: member(i),
			createdAt: when(),
			displayName: `Member ${i}`,
			region: REGIONS[i % REGIONS.length],
			sector: SECTORS[(i * 3) % SECTORS.length],
			...(i % 50 === 0 ? { hideFromLeaderboards: true } : {})
		});
	const threads = Array.from({ length: n(1_500) }, (_, i) => ({
		...threadDoc(ulid('01JA', i), 'general', 0, { author: someone(), createdAt: when() })
	}));
	const posts = Array.from({ length: n(3_500) }, (_, i) => ({
		...postDoc(ulid('01JB', i), threads[Math.floor(rnd() * threads.length)]._id, 0, {
			author: someone(),
			createdAt: when()
		})
	}));
	docs.push(...threads, ...posts);
	for (let i = 0; i < n(200); i++) {
		const post = posts[i * 17];
		const t = threads.find((x) => x._id === post.thread)!;
		Object.assign(t, { answer: post._id, answeredBy: t.author, answeredAt: when() });
	}
	const votes = new Map<string, Doc>();
	for (let i = 0; i < n(2_500); i++) {
		const target =
			rnd() < 0.6 ? posts[Math.floor(rnd() * posts.length)]._id : threads[Math.floor(rnd() * threads.length)]._id;
		const author = someone();
		votes.set(`vote:${target}:${author}`, {
			_id: `vote:${target}:${author}`,
			type: 'vote',
			author,
			createdAt: when(),
			target,
			value: 1
		});
	}
	docs.push(...votes.values());
	const practices: Doc[] = [];
	for (let i = 0; i < n(300); i++) {
		const story = i % 3 === 0;
		const doc: Doc = {
			_id: `${story ? 'story' : 'resource'}:${ulid('01JC', i)}`,
			type: story ? 'story' : 'resource',
			author: someone(),
			createdAt: when(),
			title: `Practice ${i}`,
			summary: '',
			body: '',
			tags: [],
			status: i % 5 === 0 ? 'submitted' : 'published',
			reviewedAt: when(),
			...(story ? { problem: 'p', actions: 'a', outcomes: [] } : { kind: 'guide' }),
			...(i % 4 === 0 ? { coauthors: [someone()] } : {}),
			...(i % 30 === 0 ? { challenge: `challenge:${ulid('01JD', 0)}` } : {})
		};
		practices.push(doc);
		docs.push({
			_id: `review:${ulid('01JE', i)}`,
			type: 'review',
			author: someone(),
			createdAt: when(),
			resource: doc._id,
			verdict: 'approve',
			comments: ''
		});
	}
	docs.push(...practices);
	docs.push({
		_id: `challenge:${ulid('01JD', 0)}`,
		type: 'challenge',
		author: member(0),
		createdAt: when(),
		title: 'Faster permits',
		problem: 'p',
		criteria: [{ name: 'Impact' }],
		opensAt: '2026-01-01T00:00:00.000Z',
		closesAt: '2026-06-01T00:00:00.000Z',
		judges: [member(1)],
		recognition: '',
		tags: [],
		winners: [0, 30, 60].map((n, place) => ({ entry: practices[n]._id, place: place + 1 })),
		announcedAt: '2026-07-01T00:00:00.000Z'
	});
	for (let i = 0; i < n(300); i++)
		docs.push({
			_id: `adoption:${ulid('01JF', i)}`,
			type: 'adoption',
			author: someone(),
			createdAt: when(),
			practice: practices[Math.floor(rnd() * practices.length)]._id,
			organization: 'Town',
			status: 'piloting',
			notes: '',
			outcomes: i % 3 === 0 ? [{ metric: 'time-saved', label: 'Hours', value: 10, unit: 'hours' }] : []
		});
	for (let i = 0; i < n(100); i++) {
		const organiser = someone();
		const start = when();
		const event = `event:${ulid('01JG', i)}`;
		docs.push({
			_id: event,
			type: 'event',
			author: organiser,
			createdAt: start,
			kind: 'meetup',
			title: `Meetup ${i}`,
			description: '',
			start,
			end: new Date(Date.parse(start) + 7_200_000).toISOString(),
			timeZone: 'UTC',
			location: { venue: 'Hall' },
			organisers: [organiser],
			tags: []
		});
		for (let k = 0; k < 4; k++) {
			const who = member(Math.floor(rnd() * members));
			docs.push({
				_id: `attendance:${ulid('01JG', i)}:${who}`,
				type: 'attendance',
				author: organiser,
				createdAt: start,
				event,
				member: who,
				attended: true
			});
		}
	}
	for (let i = 0; i < n(50); i++) {
		const id = ulid('01JH', i);
		const mentor = someone();
		docs.push({
			_id: `mentorship:${id}`,
			type: 'mentorship',
			author: member(Math.floor(members / 2) + i),
			createdAt: when(),
			mentor,
			goals: 'Learn'
		});
		docs.push({
			_id: `mentorship-answer:${id}`,
			type: 'mentorship-answer',
			author: mentor,
			createdAt: when(),
			mentorship: `mentorship:${id}`,
			answer: 'accepted',
			...(i % 2 === 0 ? { completedAt: when() } : {})
		});
	}
	return docs;
}

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
	const t = performance.now();
	await fn();
	return performance.now() - t;
}

export async function recognitionBench(): Promise<Figures> {
	const docs = recognitionCommunity();
	const pureMs = await time(() => computeRecognition(docs, { now: NOW }));
	const large = recognitionCommunity(LARGE_MEMBERS);
	const largeMs = await time(() => computeRecognition(large, { now: NOW }));
	const store = await openTestStore({ name: 'bench-recognition' }, { now: () => NOW });
	try {
		for (let i = 0; i < docs.length; i += 2_000) await store.replica.community.bulkDocs(docs.slice(i, i + 2_000));
		const firstMs = await time(() => store.projected());
		const target = docs.find((d) => d.type === 'post')!._id;
		const voteMs = await time(async () => {
			await store.replica.community.put({
				_id: `vote:${target}:newvoter`,
				type: 'vote',
				author: 'newvoter',
				createdAt: NOW,
				target,
				value: 1
			});
			await store.projected();
		});
		const reads: number[] = [];
		await store.recognition.boards({ period: 'month' });
		for (let r = 0; r < READ_ROUNDS; r++)
			reads.push(await time(() => store.recognition.boards({ period: (['month', 'year', 'all'] as const)[r % 3] })));
		reads.sort((a, b) => a - b);
		const members = (await store.recognition.boards({ period: 'all', limit: 10_000 })).leaderboard.length;
		const figures = {
			documents: docs.length,
			members_ranked: members,
			pure_compute_ms: Math.round(pureMs),
			large_members: LARGE_MEMBERS,
			large_documents: large.length,
			large_pure_compute_ms: Math.round(largeMs),
			device_first_projection_ms: Math.round(firstMs),
			device_new_vote_ms: Math.round(voteMs),
			board_read_p50_ms: +reads[Math.floor(reads.length / 2)].toFixed(1),
			board_read_p95_ms: +reads[Math.floor(reads.length * 0.95)].toFixed(1)
		};
		console.log(figures);
		return figures;
	} finally {
		await store.close();
	}
}

await runAlone(import.meta.url, 'recognition', recognitionBench);
