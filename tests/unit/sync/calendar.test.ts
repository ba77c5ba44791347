// The calendar subscription calls (src/lib/sync/calendar.ts): the answers a member sees.
import { describe, expect, it } from 'vitest';
import { newFeedUrl, revokeFeed } from '../../../src/lib/sync/calendar';

function answering(status: number, body: unknown, seen: Array<[string, string | undefined]> = []): typeof fetch {
	return async (input, init) => {
		seen.push([String(input), init?.method]);
		return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
	};
}

describe('calendar feed calls', () => {
	it('asks the API for a new link and makes it absolute', async () => {
		const seen: Array<[string, string | undefined]> = [];
		expect(
			await newFeedUrl(answering(200, { url: '/api/calendar/feed/abc.ics' }, seen), 'https://praxis.example')
		).toEqual({
			url: 'https://praxis.example/api/calendar/feed/abc.ics'
		});
		expect(seen).toEqual([['/api/calendar/secret', 'POST']]);
	});

	it('says why the server refused, and when the device is offline', async () => {
		expect(await revokeFeed(answering(403, { reason: 'sign in first' }))).toEqual({ error: 'sign in first' });
		expect(await revokeFeed(answering(500, null))).toEqual({ error: 'The server answered 500.' });
		const offline: typeof fetch = async () => {
			throw new TypeError('Failed to fetch');
		};
		expect(await newFeedUrl(offline, 'https://praxis.example')).toEqual({
			error: 'You are offline: the calendar link needs a connection.'
		});
	});
});
