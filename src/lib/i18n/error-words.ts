// A refusal of the account endpoints in the member's language: the server names each refusal
// with a stable `code` (src/lib/domain/account-errors.ts) beside its English `reason`; the
// sentence shown comes from the `errors` namespace, and a code this device does not know (a
// newer server) falls back to the server's own sentence.
import { isAccountErrorCode, type AccountErrorCode } from '../domain/account-errors';
import { formatDate, t } from './index';
import { passwordAdvice, passwordWords } from './password-words';

/** The code of a refusal body, if it names one this device knows. */
export function accountErrorCode(body: unknown): AccountErrorCode | null {
	const code = (body as { code?: unknown } | null)?.code;
	return isAccountErrorCode(code) ? code : null;
}

/** Only text and numbers are read from `params`: the body comes from the network. */
function paramsOf(body: unknown): Record<string, string | number> {
	const raw = (body as { params?: unknown } | null)?.params;
	if (!raw || typeof raw !== 'object') return {};
	const params: Record<string, string | number> = {};
	for (const [key, value] of Object.entries(raw)) {
		if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) params[key] = value;
	}
	return params;
}

/** A suspension's end day ("2026-12-10") as the member's language writes a date. */
function day(value: string | number): string {
	const text = String(value);
	const shown = /^\d{4}-\d{2}-\d{2}$/.test(text)
		? formatDate(`${text}T12:00:00Z`, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
		: '';
	return shown || text;
}

/** A refused password: the rule it broke and the estimator's advice, each in the member's language. */
function weakPasswordWords(rule: string | number | undefined, advice: unknown): string {
	const tips = Array.isArray(advice) ? advice.filter((a): a is string => typeof a === 'string') : [];
	const first = typeof rule === 'string' ? passwordWords(rule) : t('errors:account.weakPassword');
	return [first, passwordAdvice(tips)].filter(Boolean).join(' ');
}

/**
 * The sentence for a refusal body `{code, params?, reason}` in the member's language; null when
 * the body names no code this device knows (the caller then shows the server's reason).
 */
export function accountErrorWords(body: unknown): string | null {
	const code = accountErrorCode(body);
	if (!code) return null;
	const params = paramsOf(body);
	if (code === 'weakPassword') return weakPasswordWords(params.rule, (body as { advice?: unknown }).advice);
	if (code === 'accountSuspended' || code === 'suspendedNoHub') {
		const why = params.why ?? '';
		if (params.until === undefined) return t(`errors:account.${code}`, { why });
		return t(`errors:account.${code}Until`, { why, until: day(params.until) });
	}
	return t(`errors:account.${code}`, params);
}

/** The sentence for a refusal: the member's language when the code is known, else `fallback`. */
export function accountErrorOr(body: unknown, fallback: string): string {
	return accountErrorWords(body) ?? fallback;
}
