// Members' flags, written into their own private database (`flag:{target}:{member}`, checked
// against flagSchema by the gateway: server/couch/write.ts judgeUserDoc). This rule refuses a
// flag that is not the member's own, on an item that does not exist, or on what they wrote
// themselves; once a flag is stored it is copied into the moderators' record, a withdrawn one
// leaves the queue, and enough flags from different members hide the item until a moderator
// decides.
import type { JudgedDoc, WriteRule } from '../couch/write';
import type { Storage } from '../storage/index';
import type { ServerSigner } from '../devices/server-key';
import type { AuditLog } from './audit';
import type { ModerationRecords } from './records';
import { updateModerationDoc, SERVER_AUTHOR } from './moderation-docs';
import { authorOf, kindOf, readLive, readTarget, titleForLog } from './targets';
import { parseFlagId } from '../../src/lib/domain/ids';
import type { FlagReason } from '../../src/lib/domain/schemas';

export interface FlagRuleDeps {
	storage: Storage;
	records: ModerationRecords;
	audit: AuditLog;
	signer: () => Promise<ServerSigner>;
	clock: () => Date;
	/** Open flags from this many different members hide an item until a moderator decides. */
	autoHideFlags: number;
}

const isFlag = (doc: JudgedDoc['doc']): boolean => doc._id.startsWith('flag:');

export function autoHideReason(flags: number): string {
	return `Hidden automatically after ${flags} flags, until a moderator decides`;
}

export function createFlagRule(deps: FlagRuleDeps): WriteRule {
	const { storage, records } = deps;
	return {
		async check(db, kind, docs) {
			const refused = new Map<number, string>();
			if (kind !== 'userdb') return refused;
			const candidates = docs.flatMap((d, i) => (isFlag(d.doc) && d.doc._deleted !== true ? [i] : []));
			if (candidates.length === 0) return refused;
			// an edit of a flag already stored is not judged again: its item may be gone meanwhile
			const existing = await db.allDocs({ keys: candidates.map((i) => docs[i]!.doc._id) });
			const stored = new Set(
				(existing.rows as Array<{ key: string; value?: { deleted?: boolean } }>)
					.filter((row) => row.value && !row.value.deleted)
					.map((row) => row.key)
			);
			const parsed = candidates.map((i) => ({ i, flag: parseFlagId(docs[i]!.doc._id) }));
			const targets = await readLive(
				storage,
				parsed.flatMap(({ flag }) => (flag ? [flag.target] : []))
			);
			for (const { i, flag } of parsed) {
				const { doc, actor } = docs[i]!;
				const reason = flagRefusal(doc, actor?.name ?? null, flag, stored.has(doc._id), targets);
				if (reason) refused.set(i, reason);
			}
			return refused;
		},
		async after(_db, kind, docs) {
			if (kind !== 'userdb') return;
			const added = new Set<string>();
			for (const { doc } of docs) {
				const flag = isFlag(doc) ? parseFlagId(doc._id) : null;
				if (!flag) continue;
				if (doc._deleted === true) {
					await records.withdrawFlag(flag.target, flag.member);
					continue;
				}
				const target = await readTarget(storage, flag.target);
				const text = typeof doc.text === 'string' && doc.text.trim() ? doc.text.trim() : undefined;
				const author = authorOf(flag.target, target);
				const isNew = await records.addFlag({
					target: flag.target,
					member: flag.member,
					reason: doc.reason as FlagReason,
					...(text ? { text } : {}),
					createdAt: String(doc.createdAt),
					receivedAt: deps.clock().toISOString(),
					...(author ? { targetAuthor: author } : {})
				});
				if (isNew && target) added.add(flag.target);
			}
			for (const target of added) await autoHide(deps, target);
		}
	};
}

function flagRefusal(
	doc: JudgedDoc['doc'],
	actor: string | null,
	flag: ReturnType<typeof parseFlagId>,
	alreadyStored: boolean,
	targets: Map<string, Record<string, unknown>>
): string | null {
	if (!flag) return 'a flag must name a thread, reply, resource, event, story or profile and your username';
	if (actor === null || doc.author !== actor || flag.member !== actor)
		return 'you can only flag in your own name, from your own account';
	if (alreadyStored) return null;
	const target = targets.get(flag.target);
	if (!target || target.type !== kindOf(flag.target))
		return 'this item does not exist any more (or never did), so it cannot be flagged';
	if (kindOf(flag.target) === 'profile' && flag.target === `profile:${actor}`)
		return 'you cannot flag your own profile';
	if (target.author === actor) return 'you cannot flag what you wrote';
	return null;
}

/**
 * Hides `target` once open flags received since the last moderator action on it come from
 * `autoHideFlags` different members (one flag per member and item: the ids make them distinct).
 */
export async function autoHide(deps: FlagRuleDeps, target: string): Promise<void> {
	const since = (await deps.records.lastActionAt(target)) ?? '';
	const flags = (await deps.records.openFlags(target)).filter((f) => f.receivedAt > since);
	const members = new Set(flags.map((f) => f.member));
	if (members.size < deps.autoHideFlags) return;
	const at = deps.clock().toISOString();
	const reason = autoHideReason(deps.autoHideFlags);
	const hid = await updateModerationDoc(deps.storage, await deps.signer(), target, at, (current) =>
		current.hidden ? null : { ...current, hidden: { reason, at, auto: true } }
	);
	if (hid)
		await deps.audit.record({
			actor: SERVER_AUTHOR,
			action: 'auto-hide',
			target,
			reason,
			details: { title: await titleForLog(deps.storage, target), flags: String(members.size) }
		});
}
