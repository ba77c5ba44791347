/// <reference types="pouchdb-core" />
// The local database where documents pulled from a meetup hub wait until they are verified
// (`praxis-{name}-hub-staging`; sync/hub-verify.ts checks them), and the move of verified
// revisions into the community replica.
//
// Staging stays small: its revsDiff also asks community, so a pull from the hub never downloads
// what the device already has (its own pushes, what the central server sent). That is done by a
// PouchDB subclass rather than by replacing the method of an opened handle, so the handle's type
// says so. (PouchDB sets its methods on each instance in its constructor, hence the assignment
// after super().)
import type { BundleDoc } from '../bundle/index';
import type { StoreContext } from './context';
import { hubStagingDbName } from './names';

type RevsDiff = PouchDB.Database['revsDiff'];
type PouchClass = new (name: string, options?: PouchDB.Configuration.DatabaseConfiguration) => PouchDB.Database;

export interface HubStaging {
	/**
	 * A new handle on the staging database (open it again after destroying it). Its revsDiff
	 * answers "already here" for the revisions community has.
	 */
	open(): PouchDB.Database;
	/** Removes the staging database and the verifier's state in it (the member forgot the hub). */
	destroy(): Promise<void>;
	/**
	 * Stores verified revisions in community WITH their revision history (new_edits:false, so a
	 * later edit from the central server applies without a conflict). Returns the reason of each
	 * revision community did not store, by document id.
	 */
	admit(docs: readonly BundleDoc[]): Promise<Map<string, string>>;
}

/** The staging class for `Pouch`, asking `community` too in revsDiff. */
function stagingClass(Pouch: PouchDB.Static, community: PouchDB.Database): PouchClass {
	return class HubStagingDb extends (Pouch as PouchClass) {
		constructor(name: string, options?: PouchDB.Configuration.DatabaseConfiguration) {
			super(name, options);
			const own = this.revsDiff.bind(this) as (
				req: PouchDB.Core.RevisionDiffOptions
			) => Promise<PouchDB.Core.RevisionDiffResponse>;
			const askBoth = async (req: PouchDB.Core.RevisionDiffOptions): Promise<PouchDB.Core.RevisionDiffResponse> => {
				const diff = await own(req);
				const asked: Record<string, string[]> = {};
				for (const [id, entry] of Object.entries(diff)) asked[id] = entry.missing ?? [];
				const known = Object.keys(asked).length ? await community.revsDiff(asked) : {};
				const out: PouchDB.Core.RevisionDiffResponse = {};
				for (const [id, entry] of Object.entries(diff)) {
					const missing = known[id]?.missing ?? [];
					if (missing.length) out[id] = { ...entry, missing };
				}
				return out;
			};
			// Returns the promise with a callback too, as PouchDB's own methods do: a call made before
			// the database is ready is queued by PouchDB and dispatched again to this.revsDiff with a
			// callback, and its result is that promise (asking community twice then is harmless).
			function revsDiff(
				req: PouchDB.Core.RevisionDiffOptions,
				callback?: PouchDB.Core.Callback<PouchDB.Core.RevisionDiffResponse>
			): Promise<PouchDB.Core.RevisionDiffResponse> {
				const answer = askBoth(req);
				if (callback) {
					answer.then(
						(res) => callback(null, res),
						(err: PouchDB.Core.Error) => callback(err, null)
					);
				}
				return answer;
			}
			this.revsDiff = revsDiff as RevsDiff;
		}
	};
}

export function createHubStaging(
	ctx: StoreContext,
	pouchOptions?: PouchDB.Configuration.DatabaseConfiguration
): HubStaging {
	const Staging = stagingClass(ctx.Pouch, ctx.community);
	const name = hubStagingDbName(ctx.member.name);
	const open = () => new Staging(name, pouchOptions);
	return {
		open,
		destroy: () =>
			open()
				.destroy()
				.then(() => undefined),
		async admit(docs) {
			if (!docs.length) return new Map();
			const results = (await ctx.community.bulkDocs([...docs] as PouchDB.Core.PutDocument<object>[], {
				new_edits: false
			})) as Array<{ id?: string; error?: unknown; reason?: string }>;
			return new Map(results.filter((r) => r.error).map((r) => [String(r.id), String(r.reason ?? r.error)]));
		}
	};
}
