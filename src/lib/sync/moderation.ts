// The moderators' API (/api/moderation, server/moderation): the queue of flagged items, the
// actions on them and the audit log. Online only: the queue and the log live on the server, so a
// device without a connection is told so rather than shown a stale copy. Every call answers
// {ok: true, …} or {ok: false, reason} in plain words; `offline` marks "no answer at all".
import { apiPath } from './gateway';
import type { ModerationAction, QueueItem, LogEntry } from '../domain/moderation-api';
import { t } from '../i18n';

export {
	ACTIONS_NEEDING_REASON,
	FLAGGED_KINDS,
	MODERATION_ACTIONS,
	type FlaggedKind,
	type LogEntry,
	type ModerationAction,
	type QueueFlag,
	type QueueItem
} from '../domain/moderation-api';

export interface ActionRequest {
	target: string;
	action: ModerationAction;
	reason?: string;
	/** For `move`: the new category's slug. */
	category?: string;
	/** For `suspend`: the last day, YYYY-MM-DD. */
	until?: string;
}

export type Answer<T> = ({ ok: true } & T) | { ok: false; reason: string; offline?: true };

// The English wording of the offline answers (screens get them through `t`, when asked).
export const QUEUE_OFFLINE = 'The moderation queue needs a connection to the server.';
export const LOG_OFFLINE = 'The moderation log needs a connection to the server.';
export const LOG_PAGE_SIZE = 50;
/** Where the browser downloads the whole log as a spreadsheet file. */
export const LOG_CSV_URL = apiPath('/moderation/log.csv');

const unreadable = (): string => t('common:net.moderation.unreadable');

async function call<T>(
	path: string,
	offlineReason: string,
	valid: (body: unknown) => body is T,
	init: RequestInit = {},
	fetchFn: typeof fetch = fetch
): Promise<Answer<T>> {
	let response: Response;
	try {
		const headers: Record<string, string> = { accept: 'application/json' };
		if (init.body !== undefined) headers['content-type'] = 'application/json';
		response = await fetchFn(apiPath(`/moderation${path}`), { credentials: 'include', ...init, headers });
	} catch {
		return { ok: false, reason: offlineReason, offline: true };
	}
	const body: unknown = await response.json().catch(() => null);
	if (response.ok) return valid(body) ? { ok: true, ...body } : { ok: false, reason: unreadable() };
	const given = reasonOf(body);
	if (response.status === 401) return { ok: false, reason: t('common:net.moderation.sessionEnded') };
	if (response.status === 403 && !given) return { ok: false, reason: t('common:net.moderation.forbidden') };
	// a proxy or gateway answering for a server it cannot reach
	if (!given && [502, 503, 504].includes(response.status)) return { ok: false, reason: offlineReason, offline: true };
	return { ok: false, reason: sentence(given ?? t('common:net.answered', { status: response.status })) };
}

function reasonOf(body: unknown): string | null {
	if (typeof body !== 'object' || body === null) return null;
	const reason = (body as { reason?: unknown }).reason;
	return typeof reason === 'string' && reason.trim() !== '' ? reason.trim() : null;
}

/** "the thread is locked" → "The thread is locked." */
function sentence(text: string): string {
	const capital = text.charAt(0).toUpperCase() + text.slice(1);
	return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const isQueue = (body: unknown): body is { items: QueueItem[] } =>
	isObject(body) &&
	Array.isArray(body.items) &&
	body.items.every((item) => isObject(item) && typeof item.target === 'string' && Array.isArray(item.flags));

const isLog = (body: unknown): body is { entries: LogEntry[] } =>
	isObject(body) &&
	Array.isArray(body.entries) &&
	body.entries.every((entry) => isObject(entry) && typeof entry.id === 'string' && typeof entry.action === 'string');

const isDone = (body: unknown): body is { entry?: LogEntry } => isObject(body);

/** The flagged items waiting for a moderator, oldest first. */
export const loadQueue = (fetchFn?: typeof fetch) =>
	call('/queue', t('common:net.moderation.queueOffline'), isQueue, {}, fetchFn);

/** Acts on one item; the answer carries the audit log entry it made. */
export function act(request: ActionRequest, fetchFn?: typeof fetch) {
	const body: ActionRequest = { target: request.target, action: request.action };
	const reason = request.reason?.trim();
	if (reason) body.reason = reason;
	if (request.category) body.category = request.category;
	if (request.until) body.until = request.until;
	return call(
		'/actions',
		t('common:net.moderation.queueOffline'),
		isDone,
		{ method: 'POST', body: JSON.stringify(body) },
		fetchFn
	);
}

/** One page of the audit log, newest first; `before` continues after an entry's id. */
export function loadLog(options: { before?: string; limit?: number } = {}, fetchFn?: typeof fetch) {
	const query = new URLSearchParams();
	if (options.before) query.set('before', options.before);
	query.set('limit', String(options.limit ?? LOG_PAGE_SIZE));
	return call(`/log?${query}`, t('common:net.moderation.logOffline'), isLog, {}, fetchFn);
}
