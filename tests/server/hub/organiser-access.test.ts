// The organiser code and its sessions (server/hub/organiser/access.ts): codes from the alphabet
// without look-alikes, sessions that end after 12 hours or on sign-out, the credential as a
// Bearer, wrong codes slowed per address.
import { describe, expect, it } from 'vitest';
import {
	createOrganiserAccess,
	newOrganiserCode,
	ORGANISER_CODE_ALPHABET,
	ORGANISER_COOKIE,
	ORGANISER_SESSION_MS,
	ORGANISER_WRONG_CODES_MAX
} from '../../../server/hub/organiser/access';

const CREDENTIAL = 'praxis-hub:hall:secret';

describe('organiser access', () => {
	it('makes codes of three groups of four unambiguous characters', () => {
		for (let i = 0; i < 50; i++) {
			const code = newOrganiserCode();
			expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
			for (const ch of code.replace(/-/g, '')) expect(ORGANISER_CODE_ALPHABET).toContain(ch);
		}
		expect(ORGANISER_CODE_ALPHABET).not.toMatch(/[01IOL58BSZ2UV]/);
	});

	it('opens a session for 12 hours, ends it on sign-out, and takes the credential as a Bearer', () => {
		let t = 0;
		const access = createOrganiserAccess({ credential: CREDENTIAL, code: 'K7QF-MXDA-TRAC', now: () => t });
		const verdict = access.signIn('k7qf mxda trac', '10.0.0.5');
		if (!verdict.ok) throw new Error('refused');
		const cookie = `other=1; ${ORGANISER_COOKIE}=${verdict.sessionId}`;
		expect(access.hasSession(cookie)).toBe(true);
		expect(access.hasSession(`${ORGANISER_COOKIE}=forged`)).toBe(false);
		t += ORGANISER_SESSION_MS - 1;
		expect(access.hasSession(cookie)).toBe(true);
		t += 2;
		expect(access.hasSession(cookie)).toBe(false);
		const again = access.signIn(CREDENTIAL, '10.0.0.5');
		if (!again.ok) throw new Error('refused');
		access.signOut(`${ORGANISER_COOKIE}=${again.sessionId}`);
		expect(access.hasSession(`${ORGANISER_COOKIE}=${again.sessionId}`)).toBe(false);
		expect(access.isCredential(`Bearer ${CREDENTIAL}`)).toBe(true);
		expect(access.isCredential('Bearer eyJhbGciOi.member.token')).toBe(false);
		expect(access.isCredential(undefined)).toBe(false);
	});

	it('slows wrong codes per address, and a right code waits too', () => {
		let t = 0;
		const access = createOrganiserAccess({ credential: CREDENTIAL, code: 'K7QF-MXDA-TRAC', now: () => t });
		for (let i = 1; i < ORGANISER_WRONG_CODES_MAX; i++)
			expect(access.signIn('nope', 'a')).toEqual({ ok: false, retryAfterSeconds: 0 });
		expect(access.signIn('nope', 'a')).toMatchObject({ ok: false, retryAfterSeconds: expect.any(Number) });
		expect(access.signIn('K7QF-MXDA-TRAC', 'a').ok).toBe(false);
		expect(access.signIn('K7QF-MXDA-TRAC', 'b').ok).toBe(true);
		t += 11 * 60_000;
		expect(access.signIn('K7QF-MXDA-TRAC', 'a').ok).toBe(true);
	});
});

describe('what the hub prints at start', () => {
	it('gives the organiser’s page on the LAN address and its code first', async () => {
		const { announcement } = await import('../../../server/hub/announce');
		const text = await announcement(
			'0.0.0.0',
			3000,
			'https://praxis.example.org',
			{ ipv4: ['192.168.1.20'], ipv6: [] },
			'K7QF-MXDA-TRAC'
		);
		const lines = text.split('\n');
		expect(lines[1]).toBe(
			"Organiser's page: http://192.168.1.20:3000/hub (on this computer: http://localhost:3000/hub)"
		);
		expect(lines[2]).toBe('Organiser code: K7QF-MXDA-TRAC');
	});
});
