// The account calls the pages make: answers, refusals with the server's reason and advice, and
// "offline" when the server cannot be reached.
import { describe, expect, it } from 'vitest';
import { changePassword, endSession, listSessions, resetPassword } from '../../../src/lib/sync/account';
import { prepareLanguage } from '../../../src/lib/i18n/index';

const answering =
	(status: number, body: unknown): typeof fetch =>
	async () =>
		new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('account calls', () => {
	it('sends JSON and returns the answer', async () => {
		let sent: RequestInit | undefined;
		const fetchFn: typeof fetch = async (_url, init) => {
			sent = init;
			return new Response(JSON.stringify({ ok: true, signedOut: 2 }), { status: 200 });
		};
		expect(await changePassword({ current: 'a', next: 'b', signOutOthers: true }, fetchFn)).toEqual({
			ok: true,
			signedOut: 2
		});
		expect(sent?.method).toBe('POST');
		expect(new Headers(sent?.headers).get('content-type')).toBe('application/json');
		expect(JSON.parse(String(sent?.body))).toEqual({ current: 'a', next: 'b', signOutOthers: true });
	});

	it('passes on the server’s reason and advice, as a sentence', async () => {
		const weak = await resetPassword(
			{ username: 'ines', code: 'X', password: 'password1234' },
			answering(400, {
				error: 'bad_request',
				reason: 'This password would be too easy to guess.',
				advice: ['Add more words that are less common.']
			})
		);
		expect(weak).toEqual({
			ok: false,
			status: 400,
			reason: 'This password would be too easy to guess.',
			advice: ['Add more words that are less common.']
		});
		const anonymous = await listSessions(
			answering(401, { error: 'unauthorized', reason: 'sign in to see where you are signed in' })
		);
		expect(anonymous).toEqual({ ok: false, status: 401, reason: 'Sign in to see where you are signed in.' });
	});

	it('says a coded refusal in the member’s language and keeps its code', async () => {
		await prepareLanguage('fr');
		try {
			const wrong = await changePassword(
				{ current: 'a', next: 'b' },
				answering(403, {
					error: 'forbidden',
					reason: 'Your current password is not right, so the password was not changed.',
					code: 'wrongCurrentPassword'
				})
			);
			expect(wrong).toEqual({
				ok: false,
				status: 403,
				code: 'wrongCurrentPassword',
				reason: 'Votre mot de passe actuel n’est pas le bon : le mot de passe n’a donc pas été changé.'
			});
		} finally {
			await prepareLanguage('en');
		}
	});

	it('says the server cannot be reached when offline or behind a failing proxy', async () => {
		const offline: typeof fetch = async () => {
			throw new TypeError('Failed to fetch');
		};
		expect(await endSession('x', offline)).toMatchObject({
			ok: false,
			status: 0,
			reason: expect.stringMatching(/cannot be reached/)
		});
		expect(await endSession('x', answering(503, {}))).toMatchObject({
			ok: false,
			status: 503,
			reason: expect.stringMatching(/cannot be reached/)
		});
	});

	it('keeps only well-formed sessions from the list', async () => {
		const listed = await listSessions(
			answering(200, {
				sessions: [
					{ id: 'a', current: true, createdAt: '2026-03-01T09:00:00Z', lastSeenAt: '2026-03-01T09:00:00Z' },
					{ id: 5 }
				]
			})
		);
		expect(listed.ok && listed.sessions.map((s) => s.id)).toEqual(['a']);
	});
});
