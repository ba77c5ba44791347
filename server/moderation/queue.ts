// The moderation queue: one entry per item with open flags, oldest first (by when the server
// received the first open flag, never a device's clock), with what moderators need to decide:
// the item as it is now (or "(deleted)"), every flag, its current moderation state and whether
// its author is suspended.
import type { PraxisAuth } from '../auth/service';
import { suspendedAt } from '../auth/users';
import type { Storage } from '../storage/index';
import { moderationId } from '../../src/lib/domain/ids';
import type { FlagRecord, ModerationRecords } from './records';
import type { QueueItem } from '../../src/lib/domain/moderation-api';

export type { QueueItem };
import { authorOf, describeTarget, readLive, type TargetDoc } from './targets';

export async function readQueue(
	storage: Storage,
	records: ModerationRecords,
	auth: Pick<PraxisAuth, 'users'>,
	now: Date
): Promise<QueueItem[]> {
	const byTarget = new Map<string, FlagRecord[]>();
	for (const flag of await records.openFlags()) {
		const list = byTarget.get(flag.target) ?? [];
		list.push(flag);
		byTarget.set(flag.target, list);
	}
	const targets = [...byTarget.keys()];
	const docs = await readLive(storage, [...targets, ...targets.map(moderationId)]);
	const threadIds = targets.flatMap((t) => {
		const thread = docs.get(t)?.thread;
		return t.startsWith('post:') && typeof thread === 'string' ? [thread] : [];
	});
	const threads = await readLive(storage, threadIds);
	const items = await Promise.all(
		targets.map((target) => {
			const doc = docs.get(target) ?? null;
			const live = doc && doc.type === target.slice(0, target.indexOf(':')) ? doc : null;
			const thread = live ? (threads.get(String(live.thread)) ?? null) : null;
			return queueItem(target, byTarget.get(target)!, live, thread, docs.get(moderationId(target)) ?? null, auth, now);
		})
	);
	return items.sort((a, b) => a.firstFlaggedAt.localeCompare(b.firstFlaggedAt) || a.target.localeCompare(b.target));
}

async function queueItem(
	target: string,
	flags: FlagRecord[],
	doc: TargetDoc | null,
	thread: TargetDoc | null,
	moderation: TargetDoc | null,
	auth: Pick<PraxisAuth, 'users'>,
	now: Date
): Promise<QueueItem> {
	flags.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
	const view = describeTarget(target, doc, thread);
	const author = authorOf(target, doc) ?? flags.find((f) => f.targetAuthor)?.targetAuthor ?? '';
	const member = author ? await auth.users.get(author) : null;
	const suspension = member && suspendedAt(member.suspended, now) ? member.suspended : undefined;
	const state = (moderation ?? {}) as Pick<QueueItem, 'hidden' | 'locked' | 'pinned'>;
	return {
		target,
		...view,
		author,
		count: flags.length,
		flags: flags.map((f) => ({
			member: f.member,
			reason: f.reason,
			...(f.text ? { text: f.text } : {}),
			at: f.receivedAt
		})),
		firstFlaggedAt: flags[0]!.receivedAt,
		...(state.hidden ? { hidden: state.hidden } : {}),
		...(state.locked ? { locked: state.locked } : {}),
		...(state.pinned ? { pinned: true } : {}),
		...(suspension
			? { authorSuspended: { ...(suspension.until ? { until: suspension.until } : {}), reason: suspension.reason } }
			: {})
	};
}
