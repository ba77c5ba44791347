// The moderation calls the pages make: the queue, an action, the log a page at a time; the
// server's reasons passed on as sentences, and "needs a connection" when nothing answers.
import { describe, expect, it } from 'vitest';
import {
	act,
	LOG_CSV_URL,
	LOG_OFFLINE,
	loadLog,
	loadQueue,
	QUEUE_OFFLINE,
	type QueueItem
} from '../../../src/lib/sync/moderation';

interface Sent {
	url: string;
	init: RequestInit | undefined;
}

function recording(status: number, body: unknown): { fetchFn: typeof fetch; sent: Sent[] } {
	const sent: Sent[] = [];
	const fetchFn: typeof fetch = async (url, init) => {
		sent.push({ url: String(url), init });
		return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
	};
	return { fetchFn, sent };
}

const offline: typeof fetch = async () => {
	throw new TypeError('Failed to fetch');
};

const item: QueueItem = {
	target: 'post:01HZZZZZZZZZZZZZZZZZZZZZZZ',
	kind: 'post',
	author: 'bruno',
	title: 'Re: Budget templates',
	excerpt: 'Buy cheap watches at…',
	href: '/forums/t/01HYYYYYYYYYYYYYYYYYYYYYYY#post-01HZZZZZZZZZZZZZZZZZZZZZZZ',
	count: 1,
	flags: [{ member: 'ines', reason: 'spam', at: '2026-12-01T10:00:00.000Z' }],
	firstFlaggedAt: '2026-12-01T10:00:00.000Z'
};

describe('the moderation queue', () => {
	it('asks /api/moderation/queue with the session cookie and returns the items', async () => {
		const { fetchFn, sent } = recording(200, { items: [item] });
		expect(await loadQueue(fetchFn)).toEqual({ ok: true, items: [item] });
		expect(sent[0]?.url).toBe('/api/moderation/queue');
		expect(sent[0]?.init?.credentials).toBe('include');
		expect(sent[0]?.init?.method).toBeUndefined();
	});

	it('says the queue needs a connection when nothing answers, or a gateway answers instead', async () => {
		expect(await loadQueue(offline)).toEqual({ ok: false, reason: QUEUE_OFFLINE, offline: true });
		expect(await loadQueue(recording(503, {}).fetchFn)).toEqual({ ok: false, reason: QUEUE_OFFLINE, offline: true });
		expect(QUEUE_OFFLINE).toBe('The moderation queue needs a connection to the server.');
	});

	it('passes on the server’s refusal to a member who is not a moderator', async () => {
		const refused = await loadQueue(
			recording(403, { error: 'forbidden', reason: 'only moderators and administrators see the queue' }).fetchFn
		);
		expect(refused).toEqual({ ok: false, reason: 'Only moderators and administrators see the queue.' });
		expect(await loadQueue(recording(403, {}).fetchFn)).toEqual({
			ok: false,
			reason: 'Only moderators and administrators can use the moderation pages.'
		});
		expect(await loadQueue(recording(401, { error: 'unauthorized' }).fetchFn)).toEqual({
			ok: false,
			reason: 'Your session has ended: sign in again to use the moderation pages.'
		});
	});

	it('does not hand the page an answer it cannot read', async () => {
		const answer = await loadQueue(recording(200, { items: 'none' }).fetchFn);
		expect(answer.ok).toBe(false);
		const html: typeof fetch = async () => new Response('<html>Sign in to the Wi-Fi</html>', { status: 200 });
		expect((await loadQueue(html)).ok).toBe(false);
	});
});

describe('a moderator’s action', () => {
	it('posts the action as JSON, with the reason trimmed', async () => {
		const entry = { id: 'audit:01J', at: '2026-12-03T09:00:00.000Z', actor: 'mo', action: 'hide' };
		const { fetchFn, sent } = recording(200, { ok: true, entry });
		const answer = await act({ target: item.target, action: 'hide', reason: '  Advertising  ' }, fetchFn);
		expect(answer).toEqual({ ok: true, entry });
		expect(sent[0]?.url).toBe('/api/moderation/actions');
		expect(sent[0]?.init?.method).toBe('POST');
		expect(new Headers(sent[0]?.init?.headers).get('content-type')).toBe('application/json');
		expect(JSON.parse(String(sent[0]?.init?.body))).toEqual({
			target: item.target,
			action: 'hide',
			reason: 'Advertising'
		});
	});

	it('sends the category of a move and the last day of a suspension, and no empty reason', async () => {
		const { fetchFn, sent } = recording(200, { ok: true });
		await act({ target: 'thread:01HX', action: 'move', category: 'budgets', reason: ' ' }, fetchFn);
		await act({ target: 'thread:01HX', action: 'suspend', until: '2026-12-10', reason: 'Spam' }, fetchFn);
		expect(sent.map((s) => JSON.parse(String(s.init?.body)))).toEqual([
			{ target: 'thread:01HX', action: 'move', category: 'budgets' },
			{ target: 'thread:01HX', action: 'suspend', until: '2026-12-10', reason: 'Spam' }
		]);
	});

	it('surfaces the server’s reason for a refusal as a sentence', async () => {
		const refused = await act(
			{ target: item.target, action: 'lock' },
			recording(400, { error: 'bad_request', reason: 'only threads can be locked' }).fetchFn
		);
		expect(refused).toEqual({ ok: false, reason: 'Only threads can be locked.' });
		const unexplained = await act({ target: item.target, action: 'pin' }, recording(409, {}).fetchFn);
		expect(unexplained).toEqual({ ok: false, reason: 'The server answered 409.' });
	});

	it('says an action needs a connection when the device is offline', async () => {
		expect(await act({ target: item.target, action: 'dismiss' }, offline)).toEqual({
			ok: false,
			reason: QUEUE_OFFLINE,
			offline: true
		});
	});
});

describe('the moderation log', () => {
	it('reads the newest page, then older pages after the last entry', async () => {
		const entries = [
			{
				id: 'audit:02',
				at: '2026-12-03T09:00:00.000Z',
				actor: 'mo',
				action: 'hide',
				target: item.target,
				reason: 'Spam'
			}
		];
		const { fetchFn, sent } = recording(200, { entries });
		expect(await loadLog({}, fetchFn)).toEqual({ ok: true, entries });
		await loadLog({ before: 'audit:02' }, fetchFn);
		expect(sent.map((s) => s.url)).toEqual([
			'/api/moderation/log?limit=50',
			'/api/moderation/log?before=audit%3A02&limit=50'
		]);
	});

	it('says the log needs a connection when offline, and passes on a refusal', async () => {
		expect(await loadLog({}, offline)).toEqual({ ok: false, reason: LOG_OFFLINE, offline: true });
		expect(
			await loadLog({}, recording(403, { error: 'forbidden', reason: 'Only moderators read the log.' }).fetchFn)
		).toEqual({ ok: false, reason: 'Only moderators read the log.' });
	});

	it('downloads the CSV from the API', () => {
		expect(LOG_CSV_URL).toBe('/api/moderation/log.csv');
	});
});
