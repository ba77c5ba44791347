// The stable `code` of account refusals (src/lib/domain/account-errors.ts): each answer keeps
// its English `error` and `reason` and names its code, with the status the table gives it.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, PASSWORD, type Harness } from '../support/harness';
import { ACCOUNT_ERROR_CODES, isAccountErrorCode } from '../../../src/lib/domain/account-errors';

let h: Harness;
afterEach(async () => {
	await h?.close();
});

/** The answer's code, checked against the shared table's status. */
async function codeOf(res: Response): Promise<string> {
	const body = (await res.json()) as { error?: unknown; reason?: unknown; code?: unknown };
	expect(typeof body.error).toBe('string');
	expect(typeof body.reason).toBe('string');
	expect(isAccountErrorCode(body.code), `code ${String(body.code)}`).toBe(true);
	expect(res.status, String(body.code)).toBe(ACCOUNT_ERROR_CODES[body.code as keyof typeof ACCOUNT_ERROR_CODES].status);
	return body.code as string;
}

describe('account refusal codes', () => {
	it('names the refusals of registration and sign-in', async () => {
		h = createHarness();
		const register = (body: Record<string, unknown>) =>
			h.post('/api/auth/register', { password: PASSWORD, displayName: 'A', privacyConsent: true, ...body });
		expect(await codeOf(await register({ username: '' }))).toBe('usernameRequired');
		expect(await codeOf(await register({ username: 'A B' }))).toBe('usernameInvalid');
		expect(await codeOf(await register({ username: 'amira', password: '' }))).toBe('passwordRequired');
		expect(await codeOf(await register({ username: 'amira', displayName: ' ' }))).toBe('displayNameRequired');
		expect(await codeOf(await register({ username: 'amira', privacyConsent: false }))).toBe('privacyConsentMissing');
		expect(await codeOf(await register({ username: 'amira', password: 'password1234' }))).toBe('weakPassword');
		expect(await codeOf(await register({ username: 'praxis' }))).toBe('usernameReserved');
		expect(await codeOf(await h.post('/api/auth/login', { username: 'nobody', password: PASSWORD }))).toBe(
			'wrongCredentials'
		);
		expect(await codeOf(await h.post('/api/auth/login', { username: 'nobody' }))).toBe('badRequest');
		expect(await codeOf(await h.request('/api/auth/session'))).toBe('notSignedIn');
	});

	it('names the refusals of a password change, a reset and the sessions', async () => {
		h = createHarness();
		const cookie = await h.register('ines');
		const change = (body: Record<string, unknown>) => h.post('/api/auth/password', body, { cookie });
		expect(await codeOf(await change({ current: '', next: 'x' }))).toBe('currentPasswordRequired');
		expect(await codeOf(await change({ current: PASSWORD, next: PASSWORD }))).toBe('samePassword');
		expect(await codeOf(await change({ current: 'not it at all', next: 'a-new-long-password-9' }))).toBe(
			'wrongCurrentPassword'
		);
		expect(await codeOf(await h.post('/api/auth/password', { current: PASSWORD, next: 'x' }))).toBe('notSignedIn');
		const reset = (body: Record<string, unknown>) => h.post('/api/auth/reset', body);
		expect(await codeOf(await reset({ username: 'ines', code: '', password: 'x' }))).toBe('resetCodeRequired');
		expect(
			await codeOf(await reset({ username: 'ines', code: 'ABCDE-FGHJK-MNPQR', password: 'a-new-long-password-9' }))
		).toBe('badResetLink');
		const gone = await h.request('/api/auth/sessions/00000000-0000-0000-0000-000000000000', {
			method: 'DELETE',
			headers: { cookie }
		});
		expect(await codeOf(gone)).toBe('sessionGone');
	});

	it('names the refusals of the device list', async () => {
		h = createHarness();
		const cookie = await h.register('ines');
		expect(await codeOf(await h.request('/api/devices'))).toBe('notSignedIn');
		const unknown = await h.request('/api/devices/device:01JAAAAAAAAAAAAAAAAAAAAAAA', {
			method: 'DELETE',
			headers: { cookie }
		});
		expect(await codeOf(unknown)).toBe('deviceGone');
	});

	it('says who may give reset codes, and to whom', async () => {
		h = createHarness();
		const cookie = await h.register('ines');
		const res = await h.request('/api/moderation/members/ines/reset-code', { method: 'POST', headers: { cookie } });
		expect(await codeOf(res)).toBe('notModerator');
	});
});
