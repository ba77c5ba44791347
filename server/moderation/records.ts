// The moderators' record of flags, in the server-only database `praxis-moderation` (never
// reachable through /couch, never in `community`): one `flag:{target}:{member}` per member and
// item, copied from the member's own flag when the server first stores it, so that the member's
// later edits cannot rewrite what moderators read; and one `item:{target}` per item that a
// moderator acted on, so that automatic hiding counts only flags received since.
import type { Storage } from '../storage/index';
import { flagId } from '../../src/lib/domain/ids';
import type { FlagReason } from '../../src/lib/domain/schemas';

export const MODERATION_DB = 'praxis-moderation';

export type FlagDecisionAction = 'dismissed' | 'hidden' | 'deleted' | 'locked' | 'moved' | 'suspended';

export interface FlagRecord {
	/** `flag:{target}:{member}`, as in the member's own database. */
	id: string;
	target: string;
	member: string;
	reason: FlagReason;
	text?: string;
	/** The member's own time of flagging (their device's clock). */
	createdAt: string;
	/** When the server first received it: the queue's order, which no device clock decides. */
	receivedAt: string;
	/** The target's author when flagged: the queue still names it once the target is deleted. */
	targetAuthor?: string;
	status: 'open' | 'decided';
	decision?: { action: FlagDecisionAction; at: string; by: string };
}

/** The last moderator action on an item (any action, dismiss and unhide included). */
export interface ItemRecord {
	target: string;
	lastActionAt: string;
}

type Stored<T> = T & { _id: string; _rev?: string };

const isConflict = (err: unknown): boolean => (err as { status?: number }).status === 409;
const isMissing = (err: unknown): boolean => (err as { status?: number }).status === 404;

export interface ModerationRecords {
	/**
	 * Copies a new flag. A flag already recorded is left as it was (the member's edits do not
	 * rewrite it), unless it was decided and this is a new flag (another `createdAt`: the member
	 * withdrew theirs and flagged the item again), which opens it again. True when recorded.
	 */
	addFlag(flag: Omit<FlagRecord, 'id' | 'status' | 'decision'>): Promise<boolean>;
	/** A flag its member deleted: it leaves the queue while open; a decided one stays on record. */
	withdrawFlag(target: string, member: string): Promise<boolean>;
	openFlags(target?: string): Promise<FlagRecord[]>;
	/** Closes the open flags on `target` with a decision; returns the flags closed. */
	decide(target: string, decision: NonNullable<FlagRecord['decision']>): Promise<FlagRecord[]>;
	noteAction(target: string, at: string): Promise<void>;
	/**
	 * A deleted account: its flags go (open or decided: the audit log keeps what moderators did),
	 * and records of flags on what it wrote no longer name it. Returns how many records changed.
	 */
	forgetMember(member: string): Promise<number>;
	lastActionAt(target: string): Promise<string | null>;
}

export function createModerationRecords(storage: Storage): ModerationRecords {
	const db = () => storage.db(MODERATION_DB);

	async function flagsWithPrefix(prefix: string): Promise<Stored<FlagRecord>[]> {
		const res = await db().allDocs<Omit<FlagRecord, 'id'>>({
			include_docs: true,
			startkey: prefix,
			endkey: `${prefix}\ufff0`
		});
		return res.rows.flatMap((row) => (row.doc ? [{ ...row.doc, id: row.doc._id }] : []));
	}

	async function getOrNull<T>(id: string): Promise<Stored<T> | null> {
		try {
			return (await db().get(id)) as Stored<T>;
		} catch (err) {
			if (isMissing(err)) return null;
			throw err;
		}
	}

	return {
		async addFlag(flag) {
			const id = flagId(flag.target, flag.member);
			const prev = await getOrNull<FlagRecord>(id);
			if (prev && (prev.status === 'open' || prev.createdAt === flag.createdAt)) return false;
			try {
				await db().put({ _id: id, ...(prev?._rev ? { _rev: prev._rev } : {}), ...flag, status: 'open' });
				return true;
			} catch (err) {
				if (isConflict(err)) return false;
				throw err;
			}
		},
		async withdrawFlag(target, member) {
			const record = await getOrNull<FlagRecord>(flagId(target, member));
			if (!record || record.status !== 'open' || !record._rev) return false;
			try {
				await db().remove(record._id, record._rev);
				return true;
			} catch (err) {
				if (isConflict(err)) return false;
				throw err;
			}
		},
		async openFlags(target) {
			// the member's name follows the target in the id: `flag:{target}:` lists that item's flags
			const all = await flagsWithPrefix(target ? `flag:${target}:` : 'flag:');
			return all.filter((f) => f.status === 'open').map(strip);
		},
		async decide(target, decision) {
			const open = (await flagsWithPrefix(`flag:${target}:`)).filter((f) => f.status === 'open');
			if (open.length === 0) return [];
			const decided = open.map((f) => ({ ...f, status: 'decided' as const, decision }));
			const results = await db().bulkDocs(decided.map(({ id: _, ...doc }) => doc));
			return decided.filter((_, i) => !('error' in (results[i] ?? {}))).map(strip);
		},
		async forgetMember(member) {
			const all = await flagsWithPrefix('flag:');
			const changed = all.flatMap(({ id: _, ...doc }) => {
				if (doc.member === member) return [{ ...doc, _deleted: true }];
				if (doc.targetAuthor === member) {
					const { targetAuthor: __, ...rest } = doc;
					return [rest];
				}
				return [];
			});
			if (changed.length === 0) return 0;
			const results = await db().bulkDocs(changed);
			await db().compact();
			return results.filter((r) => !('error' in r)).length;
		},
		async noteAction(target, at) {
			const id = `item:${target}`;
			for (let attempt = 0; attempt < 5; attempt++) {
				const prev = await getOrNull<ItemRecord>(id);
				try {
					await db().put({ _id: id, ...(prev?._rev ? { _rev: prev._rev } : {}), target, lastActionAt: at });
					return;
				} catch (err) {
					if (!isConflict(err)) throw err;
				}
			}
		},
		async lastActionAt(target) {
			return (await getOrNull<ItemRecord>(`item:${target}`))?.lastActionAt ?? null;
		}
	};
}

function strip(record: Stored<FlagRecord>): FlagRecord {
	const { _id, _rev: _, ...rest } = record as Stored<FlagRecord> & { _rev?: string };
	return { ...rest, id: _id };
}
