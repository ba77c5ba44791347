import { describe, expect, it } from 'vitest';
import {
	computeRecognition,
	leaderboards,
	recognitionFact,
	standingOnly,
	type MemberRecognition
} from '../../../src/lib/domain/recognition';
import { communityFixture, NOW, ulid } from './recognition-fixtures';

const byName = (members: MemberRecognition[]) => new Map(members.map((m) => [m.username, m]));

describe('computeRecognition', () => {
	const members = byName(computeRecognition(communityFixture(), { now: NOW }));

	it('totals every member from their ledger, worked out by hand', () => {
		// ana: thread 2 + Helpful vote from cai 2 + organised the meetup 10 + mentored dee 20 = 34
		expect(members.get('ana')?.points).toBe(34);
		// ben: reply 1 + accepted answer 15 + Helpful vote from ana 2 + adoption 10 + results 15 = 43
		expect(members.get('ben')?.points).toBe(43);
		// cai: reply 1 + review 5 + attended 3 = 9 (the hidden thread and the deleted post give nothing)
		expect(members.get('cai')?.points).toBe(9);
		// dee: resource 20 + completed a mentorship 5 = 25
		expect(members.get('dee')?.points).toBe(25);
		// eve: co-wrote the resource 20 + story 25 + challenge entry 5 + first place 50 = 100
		expect(members.get('eve')?.points).toBe(100);
	});

	it('splits points by month and year', () => {
		// ana in December: vote 2 + organised 10 + mentor 20 = 32; November: the thread, 2
		expect(members.get('ana')?.byMonth).toEqual({ '2026-11': 2, '2026-12': 32 });
		expect(members.get('ana')?.byYear).toEqual({ '2026': 34 });
		// eve in December: story 25 + entry 5 + win 50 = 80; June: the resource, 20
		expect(members.get('eve')?.byMonth).toEqual({ '2026-06': 20, '2026-12': 80 });
	});

	it('gives levels and badges with the date each was reached', () => {
		expect(members.get('cai')?.level.name).toBe('Newcomer');
		expect(members.get('ben')?.level).toEqual({
			key: 'contributor',
			name: 'Contributor',
			// 1 + 15 = 16 on Nov 4, + 2 (Dec 2) = 18, + 10 (Dec 3) = 28
			reachedAt: '2026-12-03T09:00:00.000Z'
		});
		expect(members.get('eve')?.level.name).toBe('Practitioner');
		const ben = members.get('ben')!;
		expect(ben.badges.map((b) => [b.name, b.levelName, b.earned])).toEqual([
			['Implementer', 'Bronze', '1 adoption reported'],
			['Problem solver', 'Bronze', '1 reply accepted as the answer']
		]);
		expect(members.get('eve')?.badges.map((b) => b.key)).toEqual(['storyteller', 'winner']);
		expect(members.get('ana')?.badges.map((b) => [b.key, b.reachedAt])).toEqual([
			['mentor', ['2026-12-12T09:00:00.000Z']]
		]);
	});

	it('explains each line with a sentence, newest first', () => {
		const ben = members.get('ben')!;
		expect(ben.ledger.map((l) => [l.points, l.text])).toEqual([
			[15, 'Reported the results of adopting "Open data toolkit"'],
			[10, 'Reported adopting "Open data toolkit"'],
			[2, 'Helpful vote from ana on your reply in "Reducing queue times"'],
			[15, 'Your reply was accepted as the answer in "Reducing queue times"'],
			[1, 'Replied in "Reducing queue times"']
		]);
		expect(members.get('ana')?.ledger.find((l) => l.rule === 'helpful')?.text).toBe(
			'Helpful vote from cai on "Reducing queue times"'
		);
	});

	it('gives the same figures from the device facts as from the full documents', () => {
		const facts = communityFixture()
			.map((d) => recognitionFact(d))
			.filter((d) => d !== null);
		expect(computeRecognition(facts, { now: NOW })).toEqual(computeRecognition(communityFixture(), { now: NOW }));
	});
});

describe('gaming', () => {
	const thread = `thread:${ulid(100)}`;
	const base = () => ({ type: 'post', author: 'ben', createdAt: '2026-12-01T08:00:00.000Z', thread });
	const posts = Array.from({ length: 12 }, (_, i) => ({ _id: `post:${ulid(200 + i)}`, body: 'x', ...base() }));
	const vote = (i: number, at: string) => ({
		_id: `vote:post:${ulid(200 + i)}:fay`,
		type: 'vote',
		author: 'fay',
		createdAt: at,
		target: `post:${ulid(200 + i)}`,
		value: 1
	});
	const docs = [
		{ _id: thread, type: 'thread', author: 'ana', createdAt: '2026-12-01T07:00:00.000Z', title: 'Q' },
		...posts,
		// 11 votes on Dec 2 (the 11th does not count), 1 on Dec 3
		...Array.from({ length: 11 }, (_, i) => vote(i, `2026-12-02T10:${String(i).padStart(2, '0')}:00.000Z`)),
		vote(11, '2026-12-03T10:00:00.000Z')
	];

	it('counts at most 10 Helpful votes per voter and UTC day', () => {
		const ben = byName(computeRecognition(docs, { now: NOW })).get('ben')!;
		const helpful = ben.ledger.filter((l) => l.rule === 'helpful');
		// 10 on Dec 2 + 1 on Dec 3 = 11 votes × 2 = 22, plus 12 replies × 1
		expect(helpful).toHaveLength(11);
		expect(ben.points).toBe(22 + 12);
		expect(helpful.some((l) => l.doc === `vote:post:${ulid(210)}:fay`)).toBe(false);
		// the Helpful badge's Bronze level is reached by the 10th counted vote
		expect(ben.badges.find((b) => b.key === 'helpful')?.reachedAt).toEqual(['2026-12-02T10:09:00.000Z']);
	});

	it('orders votes of the same instant by id for the cap', () => {
		const same = '2026-12-02T10:00:00.000Z';
		const sameDocs = [...docs.slice(0, 13), ...Array.from({ length: 11 }, (_, i) => vote(10 - i, same))];
		const ben = byName(computeRecognition(sameDocs, { now: NOW })).get('ben')!;
		const counted = ben.ledger.filter((l) => l.rule === 'helpful').map((l) => l.doc);
		expect(counted).toHaveLength(10);
		expect(counted).not.toContain(`vote:post:${ulid(210)}:fay`);
	});

	it('does not count a vote on a co-authored resource from its co-author, nor a document twice', () => {
		const resource = {
			_id: `resource:${ulid(300)}`,
			type: 'resource',
			author: 'ana',
			coauthors: ['ben', 'ben'],
			createdAt: '2026-12-01T00:00:00.000Z',
			status: 'published',
			title: 'R'
		};
		const own = { ...vote(0, '2026-12-02T00:00:00.000Z'), author: 'ben', target: resource._id, _id: 'vote:a' };
		const result = byName(computeRecognition([resource, resource, own], { now: NOW }));
		expect(result.get('ben')?.points).toBe(20);
		expect(result.get('ana')?.points).toBe(20);
	});

	it('does not count an answer the thread author wrote themselves', () => {
		const t = { _id: thread, type: 'thread', author: 'ana', createdAt: '2026-12-01T00:00:00.000Z', title: 'Q' };
		const p = { _id: `post:${ulid(400)}`, type: 'post', author: 'ana', createdAt: '2026-12-01T01:00:00.000Z', thread };
		const result = byName(computeRecognition([{ ...t, answer: p._id }, p], { now: NOW }));
		expect(result.get('ana')?.ledger.map((l) => l.rule)).toEqual(['reply', 'thread']);
	});
});

describe('leaderboards', () => {
	const standings = computeRecognition(communityFixture(), { now: NOW }).map(standingOnly);

	it('ranks by period and leaves out members who asked', () => {
		const all = leaderboards(standings, { period: 'all', now: NOW });
		// dee (25) asked to be left out
		expect(all.leaderboard.map((e) => [e.rank, e.username, e.points, e.level])).toEqual([
			[1, 'eve', 100, 'Practitioner'],
			[2, 'ben', 43, 'Contributor'],
			[3, 'ana', 34, 'Contributor'],
			[4, 'cai', 9, 'Newcomer']
		]);
		const month = leaderboards(standings, { period: 'month', now: NOW });
		expect(month.leaderboard.map((e) => [e.username, e.points])).toEqual([
			['eve', 80],
			['ana', 32],
			['ben', 27],
			['cai', 4]
		]);
		expect(leaderboards(standings, { period: 'year', now: '2027-01-05T00:00:00.000Z' }).leaderboard).toEqual([]);
	});

	it('filters by region and sector, lists rising contributors, reviewers and mentors', () => {
		const north = leaderboards(standings, { period: 'all', now: NOW, region: 'North' });
		expect(north.leaderboard.map((e) => e.username)).toEqual(['ana']);
		expect(north.regions).toEqual(['North', 'South']);
		expect(leaderboards(standings, { period: 'all', now: NOW, sector: 'Health' }).leaderboard).toHaveLength(1);
		const all = leaderboards(standings, { period: 'all', now: NOW });
		// first contributions since Sep 16: ben (Nov 3) and ana (Nov 2); cai and eve began in June
		expect(all.rising.map((e) => [e.username, e.points])).toEqual([
			['ben', 43],
			['ana', 34]
		]);
		expect(all.reviewers.map((e) => [e.username, e.points])).toEqual([['cai', 1]]);
		expect(all.mentors.map((e) => [e.username, e.points])).toEqual([['ana', 1]]);
	});

	it('gives equal scores the same rank', () => {
		const twins = standings.map((s) => ({ ...s, points: s.username === 'ana' ? 43 : s.points }));
		const ranks = leaderboards(twins, { period: 'all', now: NOW }).leaderboard.map((e) => [e.username, e.rank]);
		expect(ranks).toEqual([
			['eve', 1],
			['ana', 2],
			['ben', 2],
			['cai', 4]
		]);
	});
});
