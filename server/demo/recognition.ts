// Turns the demo's stories, adoptions, challenges and accepted answers into documents, beside
// the threads and resources build.ts made (adoptions and answers name those by title). Every
// document is dated relative to `now`, never in the future.
import { demoUlid as ulid } from './ids';
import { docId, judgingId, voteId } from '../../src/lib/domain/ids';
import type { CommunityDoc } from '../../src/lib/domain/schemas';
import { ADOPTIONS } from './adoptions';
import { PAST_CHALLENGE, PAST_JUDGINGS, RUNNING_CHALLENGE } from './challenges';
import { STORIES } from './stories';
import type { DemoPractice, DemoStory } from './types';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Threads whose author accepted a reply: the thread's title, and who wrote the accepted reply. */
export const ACCEPTED_ANSWERS: readonly { thread: string; replyBy: string }[] = [
	{ thread: 'Cloud hosting: join a framework agreement or run our own tender?', replyBy: 'maria' },
	{ thread: 'A chatbot for building permit questions: worth it?', replyBy: 'siobhan' },
	{ thread: 'Who writes the DPIA for a new case management system: us or the vendor?', replyBy: 'thi' },
	{ thread: 'How do you decide which datasets to publish first?', replyBy: 'maria' },
	{ thread: 'E-services that work on a weak mobile connection', replyBy: 'ahmed' },
	{ thread: 'Publishing air quality sensor data: raw readings or validated only?', replyBy: 'thi' },
	{ thread: 'Small numbers in children’s services statistics: suppress or round?', replyBy: 'hannah' },
	{ thread: 'Sharing care records between hospital and home care: consent or legal duty?', replyBy: 'hannah' },
	{ thread: 'Participatory budgeting: how do you reach people who never vote?', replyBy: 'nadia' },
	{ thread: 'Supplier bank detail changes: how do you stop payment fraud?', replyBy: 'yusuf' },
	{ thread: 'Replacing a social care case management system: lessons from the tender', replyBy: 'oluwaseun' },
	{ thread: 'Buying a ferry booking system with two other councils', replyBy: 'ana' },
	{ thread: 'Callback instead of queueing: does it reduce abandoned calls?', replyBy: 'ingrid' }
];

type Doc = CommunityDoc & Record<string, unknown>;

export function buildRecognitionDocs(now: Date, existing: CommunityDoc[]): CommunityDoc[] {
	const latest = now.getTime() - 60_000;
	const day = (daysAgo: number, hour = 9) =>
		Math.min(startOfDay(now.getTime() - daysAgo * DAY_MS) + hour * HOUR_MS, latest);
	const iso = (t: number) => new Date(Math.min(t, latest)).toISOString();
	const date = (monthsAgo: number) => iso(now.getTime() - monthsAgo * 30 * DAY_MS).slice(0, 10);
	const out: CommunityDoc[] = [];

	acceptAnswers(existing, latest);

	const running = docId('challenge', ulid(day(RUNNING_CHALLENGE.openedDaysAgo + 1)));
	const past = docId('challenge', ulid(day(PAST_CHALLENGE.openedDaysAgo + 2)));
	const storyIds = new Map<string, string>();
	for (const story of STORIES) {
		const created = day(story.daysAgo, 11);
		const id = docId('story', ulid(created));
		storyIds.set(story.key, id);
		const challenge = story.challenge === 'past' ? past : story.challenge === 'running' ? running : undefined;
		out.push(...storyDocs(story, id, created, challenge, iso, date));
	}

	const practiceId = (p: DemoPractice): string => {
		if ('story' in p) return storyIds.get(p.story)!;
		const found = existing.find((d) => d.type === 'resource' && d.title === p.resource);
		if (!found) throw new Error(`demo adoption names no demo resource: ${p.resource}`);
		return found._id;
	};
	for (const a of ADOPTIONS) {
		const { practice, by, daysAgo, statusDaysAgo, ...fields } = a;
		const created = day(daysAgo, 14);
		out.push({
			_id: docId('adoption', ulid(created)),
			type: 'adoption',
			author: by,
			createdAt: iso(created),
			...(statusDaysAgo !== undefined ? { updatedAt: iso(day(statusDaysAgo, 15)) } : {}),
			practice: practiceId(practice),
			startedOn: iso(created).slice(0, 10),
			statusOn: iso(day(statusDaysAgo ?? daysAgo, 15)).slice(0, 10),
			...fields
		});
	}

	const { openedDaysAgo, closesInDays, by: runningBy, ...runningFields } = RUNNING_CHALLENGE;
	out.push({
		_id: running,
		type: 'challenge',
		author: runningBy,
		createdAt: iso(day(openedDaysAgo + 1)),
		...runningFields,
		opensAt: iso(day(openedDaysAgo)),
		closesAt: new Date(startOfDay(now.getTime() + closesInDays * DAY_MS) + 17 * HOUR_MS).toISOString()
	});
	const { winners, announcedDaysAgo, closedDaysAgo, by: pastBy, ...pastFields } = PAST_CHALLENGE;
	out.push({
		_id: past,
		type: 'challenge',
		author: pastBy,
		createdAt: iso(day(PAST_CHALLENGE.openedDaysAgo + 2)),
		updatedAt: iso(day(announcedDaysAgo, 12)),
		...pastFields,
		opensAt: iso(day(PAST_CHALLENGE.openedDaysAgo)),
		closesAt: iso(day(closedDaysAgo, 17)),
		winners: winners.map((w, i) => ({ entry: storyIds.get(w.entry)!, place: i + 1, note: w.note })),
		announcedAt: iso(day(announcedDaysAgo, 12))
	});
	PAST_JUDGINGS.forEach((j, i) => {
		const entry = storyIds.get(j.entry)!;
		out.push({
			_id: judgingId(past, entry, j.judge),
			type: 'judging',
			author: j.judge,
			createdAt: iso(day(closedDaysAgo - 2, 10) + i * HOUR_MS),
			challenge: past,
			entry,
			scores: j.scores,
			comment: j.comment
		});
	});
	return out;
}

/** The story, maria's review a day later when published, and votes over the following days. */
function storyDocs(
	story: DemoStory,
	id: string,
	created: number,
	challenge: string | undefined,
	iso: (t: number) => string,
	date: (monthsAgo: number) => string
): CommunityDoc[] {
	const {
		key: _key,
		by,
		daysAgo: _d,
		status = 'published',
		startedMonthsAgo,
		endedMonthsAgo,
		votes,
		...fields
	} = story;
	const reviewed = created + DAY_MS;
	const doc: Doc = {
		_id: id,
		type: 'story',
		author: by,
		createdAt: iso(created),
		...fields,
		status,
		...(startedMonthsAgo !== undefined ? { startedOn: date(startedMonthsAgo) } : {}),
		...(endedMonthsAgo !== undefined ? { endedOn: date(endedMonthsAgo) } : {}),
		...(challenge ? { challenge } : {}),
		...(status === 'published' ? { reviewedBy: 'maria', reviewedAt: iso(reviewed), updatedAt: iso(reviewed) } : {})
	} as Doc;
	const docs: CommunityDoc[] = [doc];
	if (status === 'published') {
		docs.push({
			_id: docId('review', ulid(reviewed)),
			type: 'review',
			author: 'maria',
			createdAt: iso(reviewed),
			resource: id,
			verdict: 'approve',
			comments: 'Clear figures with their source; published.'
		});
	}
	(votes ?? []).forEach((voter, i) => {
		const t = iso(reviewed + (i + 2) * HOUR_MS);
		docs.push({ _id: voteId(id, voter), type: 'vote', author: voter, createdAt: t, target: id, value: 1 });
	});
	return docs;
}

/** Marks the accepted replies on the demo threads (by the thread's author, a few hours after the reply). */
function acceptAnswers(docs: CommunityDoc[], latest: number): void {
	for (const { thread: title, replyBy } of ACCEPTED_ANSWERS) {
		const index = docs.findIndex((d) => d.type === 'thread' && d.title === title);
		if (index < 0) throw new Error(`demo answer names no demo thread: ${title}`);
		const thread = docs[index];
		const reply = docs.find((d) => d.type === 'post' && d.thread === thread._id && d.author === replyBy);
		if (!reply || reply.author === thread.author) throw new Error(`demo answer names no reply by ${replyBy}: ${title}`);
		const at = new Date(Math.min(Date.parse(reply.createdAt) + 5 * HOUR_MS, latest)).toISOString();
		docs[index] = { ...thread, answer: reply._id, answeredBy: thread.author, answeredAt: at } as CommunityDoc;
	}
}

function startOfDay(t: number): number {
	return t - (t % DAY_MS);
}
