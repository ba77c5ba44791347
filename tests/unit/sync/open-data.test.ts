// The /open page's client: the summary checked against the shared schema, failures as sentences.
import { describe, expect, it } from 'vitest';
import { fetchOpenDataSummary } from '../../../src/lib/sync/open-data';

const SUMMARY = {
	builtAt: '2026-06-15T10:00:00.000Z',
	license: {
		name: 'CC-BY-4.0',
		title: 'Creative Commons Attribution 4.0',
		path: 'https://creativecommons.org/licenses/by/4.0/'
	},
	download: '/api/open-data/download',
	files: [
		{
			name: 'stories.csv',
			title: 'Success stories',
			description: 'One row per published success story.',
			rows: 3,
			url: '/api/open-data/stories.csv'
		}
	]
};

const answering = (status: number, body: unknown) => (async () => Response.json(body, { status })) as typeof fetch;

describe('fetchOpenDataSummary', () => {
	it('asks /api/open-data without credentials and returns the checked summary', async () => {
		let asked: [string, RequestInit | undefined] | null = null;
		const fetchFn = (async (url: string, init?: RequestInit) => {
			asked = [url, init];
			return Response.json(SUMMARY);
		}) as typeof fetch;
		expect(await fetchOpenDataSummary(fetchFn)).toEqual({ ok: true, value: SUMMARY });
		expect(asked![0]).toBe('/api/open-data');
		expect(asked![1]?.credentials).toBe('omit');
	});

	it('says plainly when the server cannot be reached or answers something else', async () => {
		const offline = (async () => {
			throw new TypeError('Failed to fetch');
		}) as typeof fetch;
		const unreachable = await fetchOpenDataSummary(offline);
		expect(unreachable).toEqual({ ok: false, reason: expect.stringMatching(/^The server cannot be reached now/) });
		expect(await fetchOpenDataSummary(answering(503, {}))).toEqual(unreachable);
		expect(await fetchOpenDataSummary(answering(500, {}))).toEqual({
			ok: false,
			reason: 'The server could not list the files (it answered 500).'
		});
		expect(await fetchOpenDataSummary(answering(200, { files: 'none' }))).toEqual({
			ok: false,
			reason: 'The server sent an unexpected answer.'
		});
	});
});
