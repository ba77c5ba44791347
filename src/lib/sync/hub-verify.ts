/// <reference types="pouchdb-core" />
// Documents pulled from a meetup hub are verified before they reach the member's community
// replica (a hub is an untrusted relay). The hub's sync controller pulls `community` into
// a local staging database (the replica port's hubStaging); after each pulled batch a pass reads the
// staging changes since the last pass, checks every new revision with the shared rules (the same
// as a bundle's documents: bundle/verify.ts over domain/signing.ts — certificates from the batch
// or community, the server keys kept on the device, the revocations known here), moves the
// accepted ones into community WITH their revision history (bulkGet revs → the store's
// hubStaging.admit, so a later edit from the central server applies without a conflict) and keeps
// the refused ones out, each listed with its reason (state doc below, and the store's sync log).
// Refused revisions are tried again when certificates arrive (a document may come before its
// certificate) and on each new connection (the server keys may be known by then).
// Staging stays small: its revsDiff also asks community (store/hub-staging.ts), so what the device
// already has is never downloaded; it is compacted when opened, reset
// when it grows past STAGING_RESET_DOCS or the hub changes, and destroyed when the hub is forgotten.
import { verifyRelayedDocs, type BundleDoc } from '../bundle/index';
import { isIdOf } from '../domain/ids';
import { certificateFinder, revokedIn } from '../pouch/trust-lookups';
import type { ReplicaPort } from '../store/replica-port';
import { hasDeviceStorage } from '../store/kept-keys';
import { deviceAuthority, serverKeys as keptServerKeys } from './hub-keys';
import type { SignerAuthority } from '../domain/signing';
import { errorMessage } from '../domain/errors';

/** The verifier's own state in the staging database (`_local`: never replicated). */
export const HUB_VERIFY_STATE_ID = '_local/praxis-hub-verification';
/** Above this many documents, staging is emptied when the hub connection opens. */
export const STAGING_RESET_DOCS = 2_000;
/** Refusals kept (the most recent). */
export const REFUSED_KEPT = 200;
const PAGE = 500;

export interface RefusedDoc {
	id: string;
	rev: string;
	reason: string;
	/** ISO time of the first refusal. */
	at: string;
}

interface VerifyState {
	_id: string;
	_rev?: string;
	hub: string;
	since: string | number;
	refused: RefusedDoc[];
}

export interface HubVerifierOptions {
	replica: ReplicaPort;
	hubUrl: string;
	/** The central server's public keys (default: fetched from /api while online, else those kept on the device). */
	serverKeys?: () => Promise<ReadonlyMap<string, CryptoKey>>;
	/** Judges signers other than the author (default: the roles kept on the device, hub-keys.ts). */
	authority?: SignerAuthority;
	/** Told the refused list after every pass. */
	onChange?: (refused: readonly RefusedDoc[]) => void;
	now?: () => Date;
}

export interface HubVerifier {
	/** Where the hub's `community` is pulled into. */
	readonly staging: PouchDB.Database;
	/** Runs a pass (after the ones already queued). */
	schedule(): void;
	/** Resolves when no pass is running or queued. */
	settled(): Promise<void>;
	refused(): Promise<RefusedDoc[]>;
	close(): Promise<void>;
}

type Pair = { id: string; rev: string };
const key = (p: Pair) => `${p.id}\n${p.rev}`;

async function readState(db: PouchDB.Database): Promise<VerifyState | null> {
	try {
		const doc = (await db.get(HUB_VERIFY_STATE_ID)) as unknown as Partial<VerifyState>;
		if (
			typeof doc.hub !== 'string' ||
			!Array.isArray(doc.refused) ||
			(typeof doc.since !== 'string' && typeof doc.since !== 'number')
		)
			return null;
		return doc as VerifyState;
	} catch {
		return null;
	}
}

/** The refused list kept for this member's last hub (for the /hub page, also when disconnected). */
export async function readRefused(replica: Pick<ReplicaPort, 'hubStaging'>): Promise<RefusedDoc[]> {
	// not closed: PouchDB handles on one name share the database, and a hub connection may hold one
	return (await readState(replica.hubStaging.open()))?.refused ?? [];
}

/** Removes the staging database and its refusals (the member forgot the hub). */
export async function destroyHubStaging(replica: Pick<ReplicaPort, 'hubStaging'>): Promise<void> {
	await replica.hubStaging.destroy();
}

async function defaultServerKeys(): Promise<ReadonlyMap<string, CryptoKey>> {
	if (!hasDeviceStorage()) return new Map();
	return keptServerKeys();
}

/** Opens (or resets) staging for `hubUrl` and returns its verifier. */
export async function openHubVerifier(options: HubVerifierOptions): Promise<HubVerifier> {
	const { replica, hubUrl } = options;
	const { community, hubStaging } = replica;
	const now = options.now ?? (() => new Date());
	// the sync log is where failures go: one that cannot be written has nowhere left to report to
	const log = (level: 'info' | 'warn' | 'error', message: string) => void replica.log(level, message).catch(() => {});
	let staging = hubStaging.open();
	let kept = await readState(staging);
	if (kept && kept.hub !== hubUrl) {
		await staging.destroy(); // another hub: its checkpoints and refusals do not apply
		staging = hubStaging.open();
		kept = null;
	}
	const state: VerifyState = kept ?? { _id: HUB_VERIFY_STATE_ID, hub: hubUrl, since: 0, refused: [] };

	let keys: ReadonlyMap<string, CryptoKey> | null = null; // read once, until some are known
	const trust = async () => ({
		serverKeys: keys?.size ? keys : (keys = await (options.serverKeys ?? defaultServerKeys)()),
		revoked: await revokedIn(community),
		now: now(),
		findCertificate: certificateFinder(community),
		authority: options.authority ?? deviceAuthority(community)
	});

	async function save(): Promise<void> {
		const result = await staging.put(state);
		state._rev = result.rev;
	}

	/** Verifies the given revisions that community lacks; moves the good ones, lists the others. */
	async function settle(wanted: Pair[]): Promise<void> {
		const asked: Record<string, string[]> = {};
		for (const p of wanted) (asked[p.id] ??= []).push(p.rev);
		const diff = Object.keys(asked).length ? await community.revsDiff(asked) : {};
		const missing = wanted.filter((p) => diff[p.id]?.missing?.includes(p.rev));
		const missingKeys = new Set(missing.map(key));
		const wantedKeys = new Set(wanted.map(key));
		// a refused revision that reached community since (from the central server) is no longer refused
		let refused = state.refused.filter((r) => !wantedKeys.has(key(r)) || missingKeys.has(key(r)));
		if (missing.length) {
			const got = await staging.bulkGet({ docs: missing, revs: true, attachments: true });
			const docs: BundleDoc[] = [];
			for (const result of got.results)
				for (const entry of result.docs) if ('ok' in entry) docs.push(entry.ok as unknown as BundleDoc);
			const { accepted, skipped } = await verifyRelayedDocs(docs, await trust());
			const acceptedSet = new Set(accepted);
			const outcome = new Map<string, string>(); // key → refusal reason
			docs
				.filter((d) => !acceptedSet.has(d))
				.forEach((d, i) => outcome.set(key({ id: d._id, rev: String(d._rev) }), skipped[i]?.reason ?? 'refused'));
			if (accepted.length) {
				const failedIds = await hubStaging.admit(accepted);
				for (const d of accepted) {
					const k = key({ id: d._id, rev: String(d._rev) });
					if (failedIds.has(d._id)) outcome.set(k, `not stored: ${failedIds.get(d._id)}`);
					else refused = refused.filter((r) => key(r) !== k);
				}
			}
			for (const [k, reason] of outcome) {
				const [id, rev] = k.split('\n');
				const before = refused.find((r) => key(r) === k);
				if (before) before.reason = reason;
				else {
					refused.push({ id, rev, reason, at: now().toISOString() });
					log('warn', `hub ${hubUrl} sent ${id} (${rev}), refused: ${reason}`);
				}
			}
		}
		state.refused = refused.slice(-REFUSED_KEPT);
	}

	/** Refusals are tried again on the first pass, and whenever certificates or revocations arrive. */
	let retryRefused = true;
	async function pass(): Promise<void> {
		for (;;) {
			const res = await staging.changes({ since: state.since, limit: PAGE, style: 'all_docs' });
			const wanted: Pair[] = [];
			for (const change of res.results) {
				if (change.id.startsWith('_local/')) continue;
				if (isIdOf('device', change.id) || isIdOf('revocation', change.id)) retryRefused = true;
				for (const { rev } of change.changes) wanted.push({ id: change.id, rev });
			}
			if (retryRefused) wanted.push(...state.refused.map(({ id, rev }) => ({ id, rev })));
			retryRefused = false;
			const seen = new Set<string>();
			await settle(wanted.filter((p) => !seen.has(key(p)) && seen.add(key(p))));
			state.since = res.last_seq;
			await save();
			if (res.results.length < PAGE) break;
		}
		options.onChange?.([...state.refused]);
	}

	let chain: Promise<void> = Promise.resolve();
	let queued = false;
	function schedule(): void {
		if (queued) return;
		queued = true;
		chain = chain
			.then(() => {
				queued = false;
				return pass();
			})
			.catch((err: unknown) => log('error', `verifying documents from hub ${hubUrl} failed: ${errorMessage(err)}`));
	}
	async function settled(): Promise<void> {
		let current: Promise<void>;
		do {
			current = chain;
			await current;
		} while (current !== chain);
	}

	// Leftovers of an earlier session first; then empty staging if it grew (verified documents
	// are in community by then, and its revsDiff keeps the restarted pull from fetching them again).
	schedule();
	await settled();
	if ((await staging.info()).doc_count > STAGING_RESET_DOCS) {
		await staging.destroy();
		staging = hubStaging.open();
		delete state._rev;
		state.since = 0;
		await save();
	} else {
		// compaction only sheds space: a failure leaves staging as it was, and the next start tries again
		await staging
			.compact()
			.catch((err: unknown) => log('warn', `could not compact the hub staging database: ${errorMessage(err)}`));
	}

	return {
		get staging() {
			return staging;
		},
		schedule,
		settled,
		refused: async () => [...state.refused],
		async close() {
			await settled();
			// closing a handle that is already closed or destroyed has nothing left to do
			await staging.close().catch(() => {});
		}
	};
}
