// First-start content: the default forum categories (authored by the reserved system name
// "praxis"), and unless PRAXIS_DEMO=0, the demo community (server/demo/: members, threads,
// library, knowledge base, events, stories, suggestions, surveys), loaded once (marked by
// `_local/praxis-demo`). Every document is checked with the shared schema and,
// when a server signer is given, signed with the server's key (`server:{kid}`).
import type { Storage } from './storage/index';
import { categoryId, COMMUNITY_DB } from '../src/lib/domain/ids';
import type { Category, CommunityDoc } from '../src/lib/domain/schemas';
import { validateCommunityDoc } from '../src/lib/domain/validate';
import type { PraxisAuth } from './auth/service';
import { UsernameTakenError } from './auth/users';
import { createMember } from './auth/members';
import type { ScryptCost } from './auth/passwords';
import { DEMO_MEMBERS, DEMO_PASSWORD, FEATURED_DEMO_MEMBERS } from './demo/members';
import { buildDemoDocs } from './demo/build';
import { serverSigner, signAsServer, storeSignedNew, type ServerSigner } from './devices/server-key';
import { backfillPlaces } from './events/places';

export const SYSTEM_AUTHOR = 'praxis';
const CATEGORIES_MARKER = '_local/praxis-categories';
const DEMO_MARKER = '_local/praxis-demo';
/**
 * Demo members share a password printed at every start, so a costly hash would protect nothing;
 * at the default cost their forty hashes took most of the first start. A password they change
 * later is hashed at the server's cost like anyone's.
 */
const DEMO_SCRYPT_COST: ScryptCost = { N: 2 ** 10, r: 8, p: 1 };

export const DEFAULT_CATEGORIES: ReadonlyArray<{ slug: string; name: string; description: string }> = [
	{
		slug: 'digital-services',
		name: 'Digital services',
		description: 'Designing, building and running e-services residents actually use.'
	},
	{
		slug: 'open-data',
		name: 'Open data',
		description: 'Publishing, describing and reusing public data: portals, licences, standards.'
	},
	{
		slug: 'procurement',
		name: 'Procurement',
		description: 'Buying software, cloud and IT services: tenders, frameworks, contract clauses.'
	},
	{
		slug: 'citizen-engagement',
		name: 'Citizen engagement',
		description: 'Involving residents: consultations, participatory budgets, accessibility, plain language.'
	},
	{
		slug: 'cybersecurity-privacy',
		name: 'Cybersecurity & privacy',
		description: 'Keeping systems and personal data safe: baselines, incidents, GDPR, DPIAs.'
	},
	{
		slug: 'process-automation',
		name: 'Process automation',
		description: 'Automating casework and back-office processes, from e-invoicing to chatbots.'
	},
	{ slug: 'general', name: 'General', description: 'Introductions, events and everything that fits nowhere else.' }
];

export interface SeedReport {
	categoriesCreated: number;
	demoLoaded: boolean;
	demoDocs: number;
	/** The featured demo members the server prints at start (every demo member has the same password). */
	demoMembers: { username: string; displayName: string; roles: string[] }[];
	demoPassword: string | null;
}

export function categoryDocs(now: Date): Category[] {
	return DEFAULT_CATEGORIES.map((c, order) => ({
		_id: categoryId(c.slug),
		type: 'category',
		author: SYSTEM_AUTHOR,
		createdAt: now.toISOString(),
		name: c.name,
		description: c.description,
		order
	}));
}

async function hasMarker(storage: Storage, id: string): Promise<boolean> {
	try {
		await storage.db(COMMUNITY_DB).get(id);
		return true;
	} catch (err) {
		if ((err as { status?: number }).status === 404) return false;
		throw err;
	}
}

/** Validates every document, then stores those whose ids are not taken yet. */
async function writeNew(storage: Storage, unsigned: readonly CommunityDoc[], signer?: ServerSigner): Promise<number> {
	const db = storage.db(COMMUNITY_DB);
	const docs = signer ? await Promise.all(unsigned.map((doc) => signAsServer(doc, signer))) : unsigned;
	for (const doc of docs) {
		const checked = validateCommunityDoc(doc);
		if (!checked.ok) throw new Error(`seed document ${doc._id} is invalid: ${checked.reason}`);
	}
	if (signer) return (await storeSignedNew(db, docs)).filter((r) => r.ok).length;
	const existing = await db.allDocs({ keys: docs.map((d) => d._id) });
	const taken = new Set(
		existing.rows.filter((row) => 'value' in row && row.value && !('error' in row)).map((row) => row.key)
	);
	const fresh = docs.filter((d) => !taken.has(d._id));
	const results = await db.bulkDocs(fresh);
	const failed = results.filter((r) => 'error' in r && r.error);
	if (failed.length > 0)
		throw new Error(`could not store ${failed.length} seed documents: ${JSON.stringify(failed[0])}`);
	return fresh.length;
}

export async function seedCategories(storage: Storage, now: Date, signer?: ServerSigner): Promise<number> {
	if (await hasMarker(storage, CATEGORIES_MARKER)) return 0;
	const created = await writeNew(storage, categoryDocs(now), signer);
	await storage.db(COMMUNITY_DB).put({ _id: CATEGORIES_MARKER, at: now.toISOString() });
	return created;
}

async function seedDemo(storage: Storage, auth: PraxisAuth, now: Date, signer: ServerSigner): Promise<number> {
	const deps = {
		storage,
		users: auth.users,
		now: auth.clock,
		scryptCost: DEMO_SCRYPT_COST,
		sign: <T extends Record<string, unknown>>(doc: T) => signAsServer(doc, signer)
	};
	// in parallel: the hashing gate bounds how many hashes run at once
	await Promise.all(
		DEMO_MEMBERS.map(async (member) => {
			try {
				await createMember(deps, { ...member, privacy: null });
			} catch (err) {
				if (!(err instanceof UsernameTakenError)) throw err; // someone registered that name first: keep theirs
			}
		})
	);
	const written = await writeNew(storage, buildDemoDocs(now), signer);
	await storage.db(COMMUNITY_DB).put({ _id: DEMO_MARKER, at: now.toISOString() });
	return written;
}

export async function seed({
	storage,
	auth,
	demo,
	now = new Date()
}: {
	storage: Storage;
	auth: PraxisAuth;
	demo: boolean;
	now?: Date;
}): Promise<SeedReport> {
	const signer = await serverSigner(auth.signingKey());
	const categoriesCreated = await seedCategories(storage, now, signer);
	const demoLoaded = demo && !(await hasMarker(storage, DEMO_MARKER));
	const demoDocs = demoLoaded ? await seedDemo(storage, auth, now, signer) : 0;
	const demoPresent = demo && (demoLoaded || (await hasMarker(storage, DEMO_MARKER)));
	// places for RSVPs stored before the server decided them, and for the demo's (seeds run no rules)
	await backfillPlaces(storage.db(COMMUNITY_DB), signer, now);
	return {
		categoriesCreated,
		demoLoaded,
		demoDocs,
		demoMembers: demoPresent
			? FEATURED_DEMO_MEMBERS.map((m) => ({
					username: m.username,
					displayName: m.displayName,
					roles: ['member', ...(m.roles ?? [])]
				}))
			: [],
		demoPassword: demoPresent ? DEMO_PASSWORD : null
	};
}
