// "Download my data" on the device: the file name the server chose, and sentences for failures.
import { describe, expect, it } from 'vitest';
import { attachmentName, downloadMyData } from '../../../src/lib/sync/account';

const answer = (status: number, body: BodyInit | null, headers: Record<string, string> = {}) =>
	(async () => new Response(body, { status, headers })) as typeof fetch;

describe('downloadMyData', () => {
	it('returns the ZIP with the server’s file name', async () => {
		const result = await downloadMyData(
			answer(200, new Uint8Array([80, 75, 3, 4]), {
				'content-type': 'application/zip',
				'content-disposition': 'attachment; filename="praxis-ana-2026-11-02.zip"'
			})
		);
		expect(result.ok).toBe(true);
		if (result.ok) {
			expect(result.filename).toBe('praxis-ana-2026-11-02.zip');
			expect(result.blob.size).toBe(4);
		}
	});

	it('never takes a file name with a path or odd characters', () => {
		expect(attachmentName('attachment; filename="../../x.zip"')).toBe('praxis-data.zip');
		expect(attachmentName(null)).toBe('praxis-data.zip');
	});

	it('says why not: offline, signed out, too many downloads', async () => {
		const offline = await downloadMyData((async () => {
			throw new TypeError('Failed to fetch');
		}) as typeof fetch);
		expect(offline).toEqual({ ok: false, reason: expect.stringMatching(/offline/) });
		expect(await downloadMyData(answer(401, '{}'))).toEqual({
			ok: false,
			reason: expect.stringMatching(/Sign in again/)
		});
		const limited = await downloadMyData(
			answer(
				429,
				JSON.stringify({
					error: 'too_many_requests',
					reason: 'you can download your data 3 times an hour: try again in 12 minutes'
				})
			)
		);
		expect(limited).toEqual({
			ok: false,
			reason: 'You can download your data 3 times an hour: try again in 12 minutes.'
		});
	});
});
