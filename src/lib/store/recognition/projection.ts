// Recognition as the community feed follower applies it (feed/projection.ts): each change keeps or
// drops the document's fact row; once batches stop coming (settle) after any changed a fact, the
// standings are computed again from the facts with the shared rules (domain/recognition.ts) and
// only the members whose standing changed are written, with the one board row leaderboards read. The facts and standings are also
// kept in memory after each committed batch, so a batch of one vote reads no table. Idempotent: a
// batch applied twice gives the same rows.
// The member's own new badge levels and levels become notifications (kind `recognition`).
import type { PraxisDb } from '../db';
import type { Change, Projection } from '../feed/projection';
import { BADGES, computeRecognition, LEVELS, recognitionFact, standingOnly } from '../../domain/recognition';
import type { Standing } from '../../domain/recognition';
import { SYSTEM_ACTOR, type NotificationMessage, type NotificationRow } from '../../domain/notifications';
import { BOARD_KEY, recognitionTables, RECOGNITION_TABLES } from './tables';
import { badgeEarnedText, badgeLevelName, badgeName, levelName } from './labels';
import { t } from '../../i18n';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Badge levels and levels reached longer ago than this are not announced (a first sync, a rebuild). */
const ANNOUNCE_WITHIN_MS = 30 * 86_400_000;

export interface RecognitionProjectionOptions {
	member: string;
	/** The clock (ISO 8601): events count once ended by it. */
	now?: () => string;
}

/** What the tables hold after the last committed batch, kept in memory so a batch reads no table. */
interface Committed {
	facts: Map<string, Record<string, unknown>>;
	standings: Map<string, Standing>;
}

async function loadCommitted(db: PraxisDb): Promise<Committed> {
	const { facts, standings } = recognitionTables(db);
	return {
		facts: new Map((await facts.toArray()).map((row) => [row.id, row.doc])),
		standings: new Map((await standings.toArray()).map((row) => [row.username, row]))
	};
}

/** Writes the batch's fact rows into the table and `facts`; true when any changed. */
async function applyFacts(
	changes: readonly Change[],
	db: PraxisDb,
	facts: Map<string, Record<string, unknown>>
): Promise<boolean> {
	const table = recognitionTables(db).facts;
	// one bulk write per batch: a first sync brings a fact for most of its documents
	const put = new Map<string, Record<string, unknown>>();
	const gone = new Set<string>();
	for (const change of changes) {
		const doc = change.doc as Record<string, unknown> | undefined;
		const fact = !change.deleted && doc ? recognitionFact(doc) : null;
		if (fact) {
			if (same(facts.get(change.id), fact)) continue;
			facts.set(change.id, fact);
			put.set(change.id, fact);
			gone.delete(change.id);
		} else if (facts.has(change.id)) {
			facts.delete(change.id);
			put.delete(change.id);
			gone.add(change.id);
		}
	}
	if (put.size) await table.bulkPut([...put].map(([id, doc]) => ({ id, doc })));
	if (gone.size) await table.bulkDelete([...gone]);
	return put.size > 0 || gone.size > 0;
}

/** The notifications for what `after` reached that `before` had not. */
export function recognitionNotifications(
	before: Standing | undefined,
	after: Standing,
	now: string
): NotificationRow[] {
	const since = Date.parse(now) - ANNOUNCE_WITHIN_MS;
	const out: NotificationRow[] = [];
	const row = (id: string, at: string, text: string, message: NotificationMessage): NotificationRow => ({
		id,
		kind: 'recognition',
		at,
		actor: SYSTEM_ACTOR,
		text,
		message,
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
			const text = t('recognition:notify.badge', {
				badge: badgeName(badge.key),
				level: badgeLevelName(level as 1 | 2 | 3),
				how
			});
			const message = {
				key: 'recognition.badge',
				params: { badge: badgeName(badge.key), level: badgeLevelName(level as 1 | 2 | 3), how }
			};
			out.push(row(`recognition:badge:${badge.key}:${level}`, at, text, message));
		}
	}
	const rank = (key: string | undefined) => LEVELS.findIndex((l) => l.key === key);
	if (after.level.reachedAt && rank(after.level.key) > rank(before?.level.key ?? LEVELS[0].key)) {
		if (Date.parse(after.level.reachedAt) >= since)
			out.push(
				row(
					`recognition:level:${after.level.key}`,
					after.level.reachedAt,
					t('recognition:notify.level', { level: levelName(after.level.key), points: after.points }),
					{ key: 'recognition.level', params: { level: levelName(after.level.key), points: after.points } }
				)
			);
	}
	return out;
}

/**
 * Computes every standing from the facts and writes the ones that changed (standings, ledgers),
 * the board row, and the member's notifications; returns the standings now stored.
 */
async function writeStandings(
	db: PraxisDb,
	member: string,
	now: string,
	facts: Map<string, Record<string, unknown>>,
	before: Map<string, Standing>
): Promise<Map<string, Standing>> {
	const { standings, ledgers, board } = recognitionTables(db);
	const members = computeRecognition([...facts.values()], { now });
	const after = new Map(members.map((m) => [m.username, standingOnly(m)]));
	const changed = members.filter((m) => !same(before.get(m.username), after.get(m.username)));
	await standings.bulkPut(changed.map((m) => after.get(m.username)!));
	await ledgers.bulkPut(changed.map((m) => ({ username: m.username, lines: m.ledger })));
	const gone = [...before.keys()].filter((name) => !after.has(name));
	await standings.bulkDelete(gone);
	await ledgers.bulkDelete(gone);
	await board.put({ key: BOARD_KEY, standings: [...after.values()] });
	const mine = after.get(member);
	if (mine && changed.some((m) => m.username === member)) {
		const rows = recognitionNotifications(before.get(member), mine, now);
		if (rows.length) await db.table<NotificationRow, string>('notifications').bulkPut(rows);
	}
	return after;
}

/** Set in the batch that changed a fact, cleared once the standings follow (a restart finishes it). */
const STALE_KEY = 'recognition:stale';

export function recognitionProjection(options: RecognitionProjectionOptions): Projection {
	const now = options.now ?? (() => new Date().toISOString());
	// The committed state, and what the batch being applied will make it: a batch whose
	// transaction fails is applied again from the committed state, never from a half-applied one.
	let committed: Committed | null = null;
	let pending: Committed | null = null;
	// The standings are computed from every fact, so they are computed once the follower has no
	// batch waiting (settle), not after each batch: a first sync's ten snapshot parts compute
	// them once. `stale` says the stored standings lag the stored facts.
	let stale: boolean | null = null;
	let pendingStale = false;
	return {
		name: 'recognition',
		tables: RECOGNITION_TABLES,
		shares: ['notifications'],
		async apply(changes, db) {
			const base = committed ?? (await loadCommitted(db));
			const facts = new Map(base.facts);
			pending = { facts, standings: base.standings };
			pendingStale = await applyFacts(changes, db, facts);
			if (pendingStale) await db.meta.put({ key: STALE_KEY, value: 1 });
		},
		async afterBatch() {
			if (pending) committed = pending;
			if (pendingStale) stale = true;
			pending = null;
			pendingStale = false;
		},
		async settle(db) {
			if (stale === false) return;
			const { standings: standingsTable, ledgers, board, facts } = recognitionTables(db);
			await db.transaction(
				'rw',
				[standingsTable, ledgers, board, facts, db.meta, db.table('notifications')],
				async () => {
					if (stale === null && !(await db.meta.get(STALE_KEY))) return;
					const base = committed ?? (await loadCommitted(db));
					const standings = await writeStandings(db, options.member, now(), base.facts, base.standings);
					await db.meta.delete(STALE_KEY);
					committed = { facts: base.facts, standings };
				}
			);
			stale = false;
		},
		clear() {
			committed = pending = null;
			stale = null;
			pendingStale = false;
		}
	};
}
