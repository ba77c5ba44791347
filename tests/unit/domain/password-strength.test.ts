// The shared password rule: what the server enforces and the forms show as the member types.
import { describe, expect, it } from 'vitest';
import { judgePassword, ESTIMATED_CHARS } from '../../../src/lib/domain/password-strength';
import { PASSWORD_MIN_CHARS, basicPasswordProblem, verdictMessage } from '../../../src/lib/domain/password-rules';

describe('judgePassword', () => {
	it('refuses fewer than 12 characters, with the estimator’s advice as well', () => {
		const verdict = judgePassword('1111111111');
		expect(verdict.ok).toBe(false);
		expect(verdict.reason).toBe(`Use at least ${PASSWORD_MIN_CHARS} characters.`);
		expect(verdict.advice.join(' ')).toMatch(/Repeated characters/);
	});

	it('refuses common passwords and scores below 3, saying why in plain words', () => {
		const common = judgePassword('password1234');
		expect(common).toMatchObject({ ok: false, reason: 'This password would be too easy to guess.' });
		expect(common.score).toBeLessThan(3);
		expect(verdictMessage(common)).toMatch(/similar to a commonly used password/);
		expect(judgePassword('qwertyuiopasdf').ok).toBe(false);
		expect(judgePassword('111111111111').advice.length).toBeGreaterThan(0);
	});

	it('refuses a password containing the username, whatever the case', () => {
		expect(judgePassword('Tea-With-Amira-At-Noon', { username: 'amira' })).toMatchObject({
			ok: false,
			reason: 'Do not put your username in your password.'
		});
		expect(judgePassword('Tea-With-Amira-At-Noon', { username: 'ben' }).ok).toBe(true);
	});

	it('accepts long passphrases and labels their strength', () => {
		const verdict = judgePassword('correct horse battery staple');
		expect(verdict).toMatchObject({ ok: true, score: 4, label: 'Very strong', reason: null, advice: [] });
	});

	it('answers quickly for long crafted passwords (only the first characters are estimated)', () => {
		const started = performance.now();
		for (const p of ['p@ssw0rd'.repeat(32), '4@8(6310!1|7+2%3$5'.repeat(15), '$'.repeat(1000)]) judgePassword(p);
		expect(ESTIMATED_CHARS).toBeLessThanOrEqual(64);
		expect(performance.now() - started).toBeLessThan(3_000);
	});

	it('has checks that need no estimator, for the form to show at once', () => {
		expect(basicPasswordProblem('')).toBe('Choose a password.');
		expect(basicPasswordProblem('x'.repeat(1025))).toMatch(/at most 1024/);
		expect(basicPasswordProblem('twelve chars')).toBeNull();
	});
});
