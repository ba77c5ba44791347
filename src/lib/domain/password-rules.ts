// The password rules both sides apply, without the strength estimator: lengths, the username
// check and the words of a verdict. The server is the authority (server/auth/input.ts); forms
// show the same verdict as the member types (src/lib/components/PasswordStrength.svelte).
// password-strength.ts adds the estimator, which is heavy, so forms load it on demand.

export const PASSWORD_MIN_CHARS = 12;
export const PASSWORD_MAX_CHARS = 1024;
/** zxcvbn's scale: 0 too guessable … 4 very unguessable; 3 resists an offline attack on a slow hash. */
export const PASSWORD_MIN_SCORE = 3;

export type PasswordScore = 0 | 1 | 2 | 3 | 4;

export interface PasswordContext {
	/** The account's username: a password containing it is refused. */
	username?: string;
	/** Other words a guesser would try first (display name, organisation). */
	personal?: readonly string[];
}

export interface PasswordVerdict {
	ok: boolean;
	/** 0–4; 0 when a rule other than strength refuses it. */
	score: PasswordScore;
	/** A word or two for the strength: "Very weak" … "Very strong". */
	label: string;
	/** Why it is refused, one sentence; null when accepted. */
	reason: string | null;
	/** What to do instead, from the estimator's feedback. */
	advice: string[];
}

export const STRENGTH_LABELS: Readonly<Record<PasswordScore, string>> = {
	0: 'Very weak',
	1: 'Weak',
	2: 'Fair',
	3: 'Strong',
	4: 'Very strong'
};

/** Characters as a person counts them (an emoji is one), not UTF-16 units. */
export const passwordLength = (password: string): number => [...password].length;

/** The refusals that need no estimator; null when none applies. */
export function basicPasswordProblem(password: string, context: PasswordContext = {}): string | null {
	if (password.length === 0) return 'Choose a password.';
	if (passwordLength(password) < PASSWORD_MIN_CHARS) return `Use at least ${PASSWORD_MIN_CHARS} characters.`;
	if (password.length > PASSWORD_MAX_CHARS) return `Use at most ${PASSWORD_MAX_CHARS} characters.`;
	const username = context.username?.trim().toLowerCase();
	if (username && password.toLowerCase().includes(username)) return 'Do not put your username in your password.';
	return null;
}

/** A verdict for a refusal found before the estimator ran. */
export function refused(reason: string, advice: string[] = []): PasswordVerdict {
	return { ok: false, score: 0, label: STRENGTH_LABELS[0], reason, advice };
}

/** The whole verdict as one message: what a 400 answer and a form say. */
export function verdictMessage(verdict: PasswordVerdict): string {
	return [verdict.reason, ...verdict.advice].filter(Boolean).join(' ');
}
