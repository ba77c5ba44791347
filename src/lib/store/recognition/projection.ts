// Recognition as the community feed follower applies it (feed/projection.ts): each change keeps or
// drops the document's fact row; when a batch changed any fact, the standings are computed again
// from the fact rows with the shared rules (domain/recognition.ts) and only the members whose
// standing or ledger changed are written. Idempotent: a batch applied twice gives the same rows.
// The member's own new badge levels and levels become notifications (kind `recognition`).
import type { PraxisDb } from '../db';
import type { Change, Projection } from '../feed/projection';
import {
	BADGE_LEVELS,
	BADGES,
	badgeEarnedText,
	computeRecognition,
	LEVELS,
	recognitionFact,
	standingOnly
} from '../../domain/recognition';
import type { MemberRecognition, Standing } from '../../domain/recognition';
import { SYSTEM_ACTOR, type NotificationRow } from '../../domain/notifications';
import { recognitionTables, RECOGNITION_TABLES } from './tables';

/** Badge levels and levels reached longer ago than this are not announced (a first sync, a rebuild). */
const ANNOUNCE_WITHIN_MS = 30 * 86_400_000;

export interface RecognitionProjectionOptions {
	member: string;
	/** The clock (ISO 8601): events count once ended by it. */
	now?: () => string;
}

/** Writes the batch's fact rows; true when any changed. */
async function applyFacts(changes: readonly Change[], db: PraxisDb): Promise<boolean> {
	const { facts } = recognitionTables(db);
	let changed = false;
	for (const change of changes) {
		const doc = change.doc as Record<string, unknown> | undefined;
		const fact = !change.deleted && doc ? recognitionFact(doc) : null;
		if (fact) {
			await facts.put({ id: change.id, doc: fact });
			changed = true;
		} else if (!change.fresh && (await facts.get(change.id))) {
			await facts.delete(change.id);
			changed = true;
		}
	}
	return changed;
}

/** The notifications for what `after` reached that `before` had not. */
export function recognitionNotifications(
	before: Standing | undefined,
	after: Standing,
	now: string
): NotificationRow[] {
	const since = Date.parse(now) - ANNOUNCE_WITHIN_MS;
	const out: NotificationRow[] = [];
	const row = (id: string, at: string, text: string): NotificationRow => ({
		id,
		kind: 'recognition',
		at,
		actor: SYSTEM_ACTOR,
		text,
		href: `/people/${after.username}`,
		source: `recognition:${after.username}`
	});
	for (const badge of after.badges) {
		const had = before?.badges.find((b) => b.key === badge.key)?.level ?? 0;
		for (let level = had + 1; level <= badge.level; level++) {
			const at = badge.reachedAt[level - 1];
			if (Date.parse(at) < since) continue;
			const rule = BADGES.find((b) => b.key === badge.key);
			const how = rule ? badgeEarnedText(rule, level as 1 | 2 | 3) : badge.earned;
			const text = `You earned the ${badge.name} badge (${BADGE_LEVELS[level - 1]}): ${how}.`;
			out.push(row(`recognition:badge:${badge.key}:${level}`, at, text));
		}
	}
	const rank = (key: string | undefined) => LEVELS.findIndex((l) => l.key === key);
	if (after.level.reachedAt && rank(after.level.key) > rank(before?.level.key ?? LEVELS[0].key)) {
		if (Date.parse(after.level.reachedAt) >= since)
			out.push(
				row(
					`recognition:level:${after.level.key}`,
					after.level.reachedAt,
					`You reached the level ${after.level.name} with ${after.points} points.`
				)
			);
	}
	return out;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Computes every standing from the fact rows and writes the ones that changed. */
export async function recomputeStandings(db: PraxisDb, member: string, now: string): Promise<MemberRecognition[]> {
	const { facts, standings, ledgers } = recognitionTables(db);
	const docs = (await facts.toArray()).map((row) => row.doc);
	const members = computeRecognition(docs, { now });
	const before = new Map((await standings.toArray()).map((s) => [s.username, s]));
	const names = new Set(members.map((m) => m.username));
	const changed = members.filter((m) => !same(before.get(m.username), standingOnly(m)));
	await standings.bulkPut(changed.map(standingOnly));
	await ledgers.bulkPut(changed.map((m) => ({ username: m.username, lines: m.ledger })));
	const gone = [...before.keys()].filter((name) => !names.has(name));
	await standings.bulkDelete(gone);
	await ledgers.bulkDelete(gone);
	const mine = changed.find((m) => m.username === member);
	if (mine) {
		const rows = recognitionNotifications(before.get(member), standingOnly(mine), now);
		if (rows.length) await db.table<NotificationRow, string>('notifications').bulkPut(rows);
	}
	return members;
}

export function recognitionProjection(options: RecognitionProjectionOptions): Projection {
	const now = options.now ?? (() => new Date().toISOString());
	return {
		name: 'recognition',
		tables: RECOGNITION_TABLES,
		shares: ['notifications'],
		async apply(changes, db) {
			if (await applyFacts(changes, db)) await recomputeStandings(db, options.member, now());
		}
	};
}
