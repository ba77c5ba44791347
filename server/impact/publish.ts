// The impact figures the server publishes for the whole community: `impact:{period}` for each of
// IMPACT_PERIODS, computed with the same rules as the device (domain/impact.ts) over every
// community document, read in pages. Written signed by the server with author `praxis`, so it
// replicates to every device and verifies there; a device that holds only part of the community
// shows these figures (src/lib/store/impact/api.ts). Written only when the figures changed.
import { putAsServer, type ServerSigner } from '../devices/server-key';
import { SERVER_AUTHOR } from '../moderation/moderation-docs';
import { COMMUNITY_DB, impactId } from '../../src/lib/domain/ids';
import { computeImpact, IMPACT_PERIODS, periodStart, type ImpactPeriod } from '../../src/lib/domain/impact';
import type { Storage } from '../storage/index';

/** Documents read per allDocs request (keeps each answer small on a large community). */
export const IMPACT_PAGE_SIZE = 2_000;

type Row = { id: string; doc?: object };

/** Whether a document takes part in the figures: not a design document, not a published figure itself. */
export const countsForImpact = (id: string): boolean => !id.startsWith('_design/') && !id.startsWith('impact:');

/** Every live community document that counts for the figures, read in pages of IMPACT_PAGE_SIZE. */
export async function readCommunityDocs(storage: Storage, pageSize = IMPACT_PAGE_SIZE): Promise<object[]> {
	const db = storage.db(COMMUNITY_DB);
	const docs: object[] = [];
	let after: string | null = null;
	for (;;) {
		const page: PouchDB.Core.AllDocsResponse<object> = await db.allDocs({
			include_docs: true,
			limit: pageSize,
			...(after === null ? {} : { startkey: after, skip: 1 })
		});
		for (const row of page.rows as Row[]) if (row.doc && countsForImpact(row.id)) docs.push(row.doc);
		if (page.rows.length < pageSize) return docs;
		after = page.rows[page.rows.length - 1].id;
	}
}

/** The figures without the instant they were computed at: what "changed" compares. */
const comparable = (figures: object): string => {
	const { period, ...rest } = figures as { period?: { from?: unknown } };
	return JSON.stringify({ from: period?.from ?? null, ...rest });
};

async function current(
	db: PouchDB.Database,
	id: string
): Promise<{ _rev: string; createdAt?: string; figures?: object } | null> {
	try {
		return (await db.get(id)) as { _rev: string; createdAt?: string; figures?: object };
	} catch (err) {
		if ((err as { status?: number }).status === 404) return null;
		throw err;
	}
}

/**
 * Computes the figures of every period at `now` and writes those that changed. Hidden items are
 * left out as on the device: computeImpact reads the moderators' `moderation` documents among the
 * documents. Returns the periods written.
 */
export async function publishImpact(storage: Storage, signer: ServerSigner, now: Date): Promise<ImpactPeriod[]> {
	const docs = await readCommunityDocs(storage);
	const db = storage.db(COMMUNITY_DB);
	const asOf = now.toISOString();
	const written: ImpactPeriod[] = [];
	for (const period of IMPACT_PERIODS) {
		const figures = computeImpact(docs, { now: asOf, from: periodStart(period, asOf) });
		const id = impactId(period);
		const prev = await current(db, id);
		if (prev?.figures && comparable(prev.figures) === comparable(figures)) continue;
		const doc = {
			_id: id,
			...(prev ? { _rev: prev._rev } : {}),
			type: 'impact',
			author: SERVER_AUTHOR,
			createdAt: prev?.createdAt ?? asOf,
			...(prev ? { updatedAt: asOf } : {}),
			period,
			asOf,
			documents: docs.length,
			figures
		};
		// one publisher per server: a conflict means an older copy came back, and the next run retries
		await putAsServer(db, doc as unknown as Record<string, unknown> & { _id: string }, signer);
		written.push(period);
	}
	return written;
}
