// What moderators (and administrators) do to a flagged or any other item: dismiss its flags,
// hide or unhide it, delete it, lock or unlock, move or pin a thread, suspend its author. Each
// action is checked here, carried out by the server's own signed writes, recorded in the audit
// log, and, when it decides the open flags on the item, told to each flagger.
import type { PraxisAuth } from '../auth/service';
import type { SessionUser } from '../auth/types';
import { setMemberSuspension } from '../auth/suspension';
import type { Storage } from '../storage/index';
import { putAsServer, type ServerSigner } from '../devices/server-key';
import { deleteAsServer } from '../deletion/server-deletions';
import { categoryId, COMMUNITY_DB, FLAG_TARGET_PATTERN, SLUG_PATTERN } from '../../src/lib/domain/ids';
import type { AuditEntry, AuditLog } from './audit';
import type { FlagDecisionAction, ModerationRecords } from './records';
import { updateModerationDoc } from './moderation-docs';
import { tellFlaggers } from './decisions';
import { MODERATION_ACTIONS, type ModerationAction } from '../../src/lib/domain/moderation-api';

export { MODERATION_ACTIONS, type ModerationAction };
import { authorOf, kindOf, readTarget, titleForLog, type TargetDoc, type TargetKind } from './targets';

export const MAX_REASON_CHARS = 500;
export const MAX_SUSPENSION_DAYS = 365;
const DAY_MS = 86_400_000;
const MOVE_ATTEMPTS = 3;

const NEEDS_REASON: ReadonlySet<ModerationAction> = new Set(['hide', 'delete', 'lock', 'suspend']);
const THREADS_ONLY: ReadonlySet<ModerationAction> = new Set(['lock', 'unlock', 'move', 'pin', 'unpin']);
/** The decision each action makes on the open flags (others leave them open). */
const DECISIONS: Partial<Record<ModerationAction, FlagDecisionAction>> = {
	dismiss: 'dismissed',
	hide: 'hidden',
	delete: 'deleted',
	lock: 'locked',
	move: 'moved',
	suspend: 'suspended'
};

export interface ActionRequest {
	target: string;
	action: ModerationAction;
	reason: string;
	category?: string;
	until?: string;
}

export type ActionResult = { ok: true; entry: AuditEntry } | { status: 400 | 403 | 404; error: string; reason: string };

export interface ActionDeps {
	storage: Storage;
	auth: Pick<PraxisAuth, 'users' | 'endHubTokens' | 'invalidate'>;
	records: ModerationRecords;
	audit: AuditLog;
	signer: () => Promise<ServerSigner>;
	clock: () => Date;
}

const bad = (reason: string) => ({ status: 400 as const, error: 'bad_request', reason });
const forbidden = (reason: string) => ({ status: 403 as const, error: 'forbidden', reason });
const missing = (reason: string) => ({ status: 404 as const, error: 'not_found', reason });

/** A request body as an action, or the 400 that says what is wrong. */
export function parseAction(body: unknown): ActionRequest | ReturnType<typeof bad> {
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		return bad('send {target, action, reason?, category?, until?}');
	const { target, action, reason = '', category, until } = body as Record<string, unknown>;
	if (typeof target !== 'string' || !FLAG_TARGET_PATTERN.test(target))
		return bad('target must be a thread, reply, resource, event, story or profile id');
	if (typeof action !== 'string' || !(MODERATION_ACTIONS as readonly string[]).includes(action))
		return bad(`action must be one of ${MODERATION_ACTIONS.join(', ')}`);
	if (typeof reason !== 'string' || reason.length > MAX_REASON_CHARS)
		return bad(`a reason is at most ${MAX_REASON_CHARS} characters`);
	const act = action as ModerationAction;
	if (NEEDS_REASON.has(act) && reason.trim() === '') return bad(`say why: a reason is needed to ${act}`);
	if (category !== undefined && typeof category !== 'string') return bad('category must be a category name');
	if (until !== undefined && typeof until !== 'string') return bad('until must be a date such as 2027-01-31');
	return { target, action: act, reason: reason.trim(), category, until };
}

export async function performAction(deps: ActionDeps, actor: SessionUser, req: ActionRequest): Promise<ActionResult> {
	const kind = kindOf(req.target)!;
	if (THREADS_ONLY.has(req.action) && kind !== 'thread') return bad(`only threads can be ${pastTense(req.action)}`);
	if (req.action === 'delete' && kind === 'profile') return bad('profiles are not deleted: hide a profile instead');
	const doc = await readTarget(deps.storage, req.target);
	if (!doc) {
		// a deleted item stays in the queue until its flags are dismissed
		const open = req.action === 'dismiss' ? await deps.records.openFlags(req.target) : [];
		if (open.length === 0) return missing('this item does not exist any more (or never did)');
	}
	const at = deps.clock().toISOString();
	const done = await carryOut(deps, actor, req, kind, doc, at);
	if ('status' in done) return done;
	await deps.records.noteAction(req.target, at);
	const decision = DECISIONS[req.action];
	if (decision) {
		const decided = await deps.records.decide(req.target, { action: decision, at, by: actor.name });
		await tellFlaggers(deps.storage, decided);
	}
	const title = await titleForLog(deps.storage, req.target, doc);
	const details = { ...(title ? { title: title.slice(0, 200) } : {}), ...done.details };
	const entry = await deps.audit.record({
		actor: actor.name,
		action: req.action,
		target: done.target ?? req.target,
		reason: req.reason,
		...(Object.keys(details).length ? { details } : {})
	});
	return { ok: true, entry };
}

type Done = { target?: string; details?: Record<string, string> };

async function carryOut(
	deps: ActionDeps,
	actor: SessionUser,
	req: ActionRequest,
	kind: TargetKind,
	doc: TargetDoc | null,
	at: string
): Promise<Done | ReturnType<typeof bad | typeof forbidden | typeof missing>> {
	const signer = await deps.signer();
	const moderate = (change: Parameters<typeof updateModerationDoc>[4]) =>
		updateModerationDoc(deps.storage, signer, req.target, at, change);
	const note = { reason: req.reason, at, by: actor.name };
	switch (req.action) {
		case 'dismiss':
			// dismissing the flags lifts a hide the flags made by themselves, not a moderator's
			if (doc) await moderate((m) => (m.hidden?.auto ? { ...m, hidden: undefined } : null));
			return {};
		case 'hide':
			await moderate((m) => ({ ...m, hidden: note }));
			return {};
		case 'unhide':
			await moderate((m) => (m.hidden ? { ...m, hidden: undefined } : null));
			return {};
		case 'lock':
			await moderate((m) => ({ ...m, locked: note }));
			return {};
		case 'unlock':
			await moderate((m) => (m.locked ? { ...m, locked: undefined } : null));
			return {};
		case 'pin':
		case 'unpin': {
			const pinned = req.action === 'pin';
			await moderate((m) => (Boolean(m.pinned) === pinned ? null : { ...m, pinned }));
			return {};
		}
		case 'delete':
			await deleteAsServer(deps.storage.db(COMMUNITY_DB), [req.target], signer);
			return { details: { kind } };
		case 'move':
			return move(deps, signer, req, doc!, at);
		case 'suspend':
			return suspend(deps, actor, req, authorOf(req.target, doc), at);
	}
}

async function move(deps: ActionDeps, signer: ServerSigner, req: ActionRequest, thread: TargetDoc, at: string) {
	const category = req.category ?? '';
	if (!SLUG_PATTERN.test(category)) return bad('say which category to move the thread to');
	const from = String(thread.category ?? '');
	if (category === from) return bad('the thread is already in that category');
	if (!(await categoryExists(deps, category))) return missing(`there is no category ${category}`);
	// the thread keeps its author; the server's signature vouches for the change
	for (let attempt = 1; ; attempt++) {
		const current = attempt === 1 ? thread : await readTarget(deps.storage, req.target);
		if (!current) return missing('this item does not exist any more (or never did)');
		const { signature: _, ...content } = current;
		try {
			await putAsServer(deps.storage.db(COMMUNITY_DB), { ...content, category, updatedAt: at }, signer);
			return { details: { category, from } };
		} catch (err) {
			// its author edited it meanwhile: move the newer revision
			if ((err as { status?: number }).status !== 409 || attempt >= MOVE_ATTEMPTS) throw err;
		}
	}
}

async function categoryExists(deps: ActionDeps, slug: string): Promise<boolean> {
	try {
		const doc = (await deps.storage.db(COMMUNITY_DB).get(categoryId(slug))) as { type?: unknown };
		return doc.type === 'category';
	} catch {
		return false;
	}
}

async function suspend(deps: ActionDeps, actor: SessionUser, req: ActionRequest, name: string | null, at: string) {
	const until = suspensionEnd(req.until, deps.clock());
	if (typeof until !== 'string') return until;
	if (!name) return missing('this item names no author');
	if (name === actor.name) return forbidden('you cannot suspend yourself');
	const member = await deps.auth.users.get(name);
	if (!member) return missing(`no member named ${name}`);
	const isAdmin = actor.roles.includes('admin');
	if (member.roles.includes('admin') && isAdmin) return forbidden('take away their administrator role first');
	if ((member.roles.includes('admin') || member.roles.includes('moderator')) && !isAdmin)
		return forbidden('only administrators suspend moderators');
	await setMemberSuspension(deps.auth, name, { at, by: actor.name, reason: req.reason, until });
	return { target: `member:${name}`, details: { item: req.target, until: until.slice(0, 10) } };
}

/** The end of a suspension, from a date after today and at most a year away (UTC midnight). */
export function suspensionEnd(until: string | undefined, now: Date): string | ReturnType<typeof bad> {
	const wrong = bad(
		`say until when, a date such as 2027-01-31 after today and at most ${MAX_SUSPENSION_DAYS} days away`
	);
	if (!until || !/^\d{4}-\d{2}-\d{2}$/.test(until)) return wrong;
	const end = new Date(`${until}T00:00:00.000Z`);
	if (Number.isNaN(end.getTime()) || end.toISOString().slice(0, 10) !== until) return wrong;
	const today = now.toISOString().slice(0, 10);
	if (until <= today || end.getTime() - Date.parse(`${today}T00:00:00.000Z`) > MAX_SUSPENSION_DAYS * DAY_MS)
		return wrong;
	return end.toISOString();
}

function pastTense(action: ModerationAction): string {
	return (
		{ lock: 'locked', unlock: 'unlocked', move: 'moved', pin: 'pinned', unpin: 'unpinned' }[action as string] ?? action
	);
}
