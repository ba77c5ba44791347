// A realistic generated community for the benchmarks: categories, threads, posts with Markdown
// bodies of realistic (long-tailed) lengths, resources, peer comments, votes and profiles.
// Fixed seed, so every run and both servers see the same 10,000 documents; every document is
// checked against the shared schemas (validateCommunityDoc) before it is returned. Revisions are
// fixed too (`1-` + a hash of the body), so the documents can be loaded with new_edits:false into
// the Praxis store and into a stock express-pouchdb alike.
// Signed as in production: every member has a device certificate issued by the bench
// server key (BENCH_SERVER_KEY, derived from the seed; bench/lib/servers.ts installs it as the
// Praxis server's key), every member's document is signed by their device, and categories by
// the server key, as seeds are. Ed25519 signatures are deterministic, so the revisions are too.
import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { validateCommunityDoc } from '../../src/lib/domain/validate';
import { canonicalBytes, toBase64Url } from '../../src/lib/domain/signing';
import { jwkThumbprint } from '../../server/auth/keys';
import { SERVER_SIGNER_PREFIX } from '../../server/devices/server-key';
import { CATEGORIES, fakeUlid, paragraphs, rng, sentence } from './community';

export interface CommunityShape {
	threads: number;
	posts: number;
	resources: number;
	comments: number;
	votes: number;
	profiles: number;
	/** Posts of the single long thread (part of `posts`), for the "500-post thread" read. */
	longThreadPosts: number;
}

/** 7 + 1,500 + 6,500 + 300 + 393 + 700 + 300 + 300 device certificates = 10,000 documents. */
export const DEFAULT_SHAPE: CommunityShape = {
	threads: 1_500,
	posts: 6_500,
	resources: 300,
	comments: 393,
	votes: 700,
	profiles: 300,
	longThreadPosts: 500
};

/** The default community `scale` times over (the long thread stays one thread of 500 posts). */
export function scaledShape(scale: number): CommunityShape {
	const times = (n: number) => Math.round(n * scale);
	return {
		threads: times(DEFAULT_SHAPE.threads),
		posts: times(DEFAULT_SHAPE.posts),
		resources: times(DEFAULT_SHAPE.resources),
		comments: times(DEFAULT_SHAPE.comments),
		votes: times(DEFAULT_SHAPE.votes),
		profiles: times(DEFAULT_SHAPE.profiles),
		longThreadPosts: DEFAULT_SHAPE.longThreadPosts
	};
}

export type BenchDoc = Record<string, unknown> & { _id: string; _rev: string; type: string };

export interface Community {
	docs: BenchDoc[];
	/** The thread with `longThreadPosts` replies. */
	longThread: string;
	/** Category slug → number of threads in it. */
	threadsPerCategory: Record<string, number>;
	usernames: string[];
	/** The seed it was generated from (its keys derive from it). */
	seed: number;
}

const TAGS = [
	'cloud',
	'gdpr',
	'open-source',
	'accessibility',
	'procurement',
	'ai',
	'data-sharing',
	'identity',
	'payments',
	'rural',
	'training',
	'budget',
	'pilot',
	'api',
	'archives'
];
const ORGS = [
	'City of Tampere',
	'Gemeente Utrecht',
	'Comune di Bologna',
	'Kreis Lippe',
	'Região Norte',
	'County Clare',
	'Region Skåne',
	'Ministry of Interior'
];
const KINDS = ['article', 'case-study', 'research-paper', 'template', 'toolkit', 'guide'] as const;
const START = Date.parse('2024-01-01T00:00:00Z');
const SPAN = 700 * 24 * 3600 * 1000;

/** Log-normal-ish length: most bodies short, a long tail of long ones (capped). */
function paragraphCount(r: () => number, median: number, max: number): number {
	const z = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
	return Math.max(1, Math.min(max, Math.round(median * Math.exp(0.7 * z))));
}

/** A Markdown body: paragraphs with now and then a list, a quote, a link, code or emphasis. */
export function markdownBody(r: () => number, median: number, max: number): string {
	const parts: string[] = [];
	const n = paragraphCount(r, median, max);
	for (let i = 0; i < n; i++) {
		const roll = r();
		if (roll < 0.12)
			parts.push(Array.from({ length: 2 + Math.floor(r() * 4) }, () => `- ${sentence(r, 3, 10)}`).join('\n'));
		else if (roll < 0.18) parts.push(`> ${sentence(r, 8, 20)}`);
		else if (roll < 0.22)
			parts.push('```\n' + `GET /api/v1/${sentence(r, 1, 1).toLowerCase().replace('.', '')}?page=2\n` + '```');
		else if (roll < 0.3)
			parts.push(
				`${sentence(r, 5, 12)} See [the guide](https://example.org/${Math.floor(r() * 1e6)}) and **${sentence(r, 2, 4)}**`
			);
		else parts.push(paragraphs(r, 1));
	}
	return parts.join('\n\n');
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** An Ed25519 private key derived from a label (PKCS#8 DER: fixed prefix + 32-byte seed). */
function derivedKey(label: string): KeyObject {
	const seed = createHash('sha256').update(label).digest();
	const der = new Uint8Array([...Buffer.from('302e020100300506032b657004220420', 'hex'), ...seed]);
	return createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
}

const rawPublicKey = (key: KeyObject): string => {
	const jwk = createPublicKey(key).export({ format: 'jwk' });
	return String(jwk.x);
};

/** The bench server's signing key for a seed, with its kid and the private JWK its data folder holds. */
export function benchServerKey(seed = 20260101): {
	privateKey: KeyObject;
	kid: string;
	privateJwk: Record<string, unknown>;
} {
	const privateKey = derivedKey(`praxis-bench-server-${seed}`);
	const kid = jwkThumbprint(rawPublicKey(privateKey));
	return { privateKey, kid, privateJwk: { ...privateKey.export({ format: 'jwk' }), kid, alg: 'EdDSA' } };
}

const signature = (doc: Record<string, unknown>, key: KeyObject): string =>
	toBase64Url(new Uint8Array(sign(null, canonicalBytes(doc), key)));
const iso = (t: number) => new Date(t).toISOString();

function withRev(doc: Record<string, unknown>): BenchDoc {
	const hash = createHash('md5').update(JSON.stringify(doc)).digest('hex');
	return { ...doc, _rev: `1-${hash}` } as BenchDoc;
}

const generated = new Map<number, Community>();

/**
 * The community for `seed` (same seed, same documents), validated against the shared schemas.
 * Signing 10,000 documents takes seconds: the default shape is made once per process (treat it
 * as read-only).
 */
export function generateCommunity(seed = 20260101, shape: CommunityShape = DEFAULT_SHAPE): Community {
	if (shape !== DEFAULT_SHAPE) return makeCommunity(seed, shape);
	let community = generated.get(seed);
	if (!community) generated.set(seed, (community = makeCommunity(seed, shape)));
	return community;
}

function makeCommunity(seed: number, shape: CommunityShape): Community {
	const r = rng(seed);
	const docs: Record<string, unknown>[] = [];
	const usernames = Array.from({ length: shape.profiles }, (_, i) => `member-${String(i).padStart(3, '0')}`);
	const author = () => usernames[Math.min(usernames.length - 1, Math.floor(r() ** 2 * usernames.length))]; // a few very active members
	CATEGORIES.forEach((slug, i) =>
		docs.push({
			_id: `category:${slug}`,
			type: 'category',
			author: 'member-000',
			createdAt: iso(START),
			name: slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()),
			description: sentence(r, 8, 16),
			order: i + 1
		})
	);
	for (const name of usernames) {
		docs.push({
			_id: `profile:${name}`,
			type: 'profile',
			author: name,
			createdAt: iso(START + r() * SPAN),
			displayName: `${sentence(r, 1, 1).replace('.', '')} ${name.slice(-3)}`,
			organization: pick(r, ORGS),
			role: pick(r, ['Digital lead', 'Policy officer', 'Data analyst', 'Procurement officer', 'CIO']),
			expertise: [pick(r, TAGS), pick(r, TAGS)].filter((t, i, a) => a.indexOf(t) === i),
			bio: markdownBody(r, 1, 3),
			mentor: r() < 0.2
		});
	}
	const threads: { id: string; time: number }[] = [];
	const threadsPerCategory: Record<string, number> = {};
	for (let i = 0; i < shape.threads; i++) {
		const time = START + Math.floor((i / shape.threads) * SPAN);
		const id = `thread:${fakeUlid(r, time)}`;
		const category = CATEGORIES[Math.floor(r() ** 1.5 * CATEGORIES.length)];
		threadsPerCategory[category] = (threadsPerCategory[category] ?? 0) + 1;
		threads.push({ id, time });
		docs.push({
			_id: id,
			type: 'thread',
			author: author(),
			createdAt: iso(time),
			category,
			title: sentence(r, 4, 12).slice(0, -1),
			body: markdownBody(r, 3, 20),
			tags: [pick(r, TAGS), pick(r, TAGS)].filter((t, i, a) => a.indexOf(t) === i)
		});
	}
	const longThread = threads[Math.floor(threads.length / 2)];
	const posts: string[] = [];
	for (let i = 0; i < shape.posts; i++) {
		const thread = i < shape.longThreadPosts ? longThread : threads[Math.floor(r() ** 0.7 * threads.length)];
		const time = thread.time + 60_000 + Math.floor(r() * 30 * 24 * 3600 * 1000);
		const id = `post:${fakeUlid(r, time)}`;
		const replyTo = posts.length > 0 && r() < 0.15 ? posts[Math.floor(r() * posts.length)] : undefined;
		docs.push({
			_id: id,
			type: 'post',
			author: author(),
			createdAt: iso(time),
			thread: thread.id,
			body: markdownBody(r, 2, 12),
			...(replyTo ? { replyTo } : {})
		});
		posts.push(id);
	}
	const resources: string[] = [];
	for (let i = 0; i < shape.resources; i++) {
		const time = START + Math.floor(r() * SPAN);
		const id = `resource:${fakeUlid(r, time)}`;
		resources.push(id);
		const kind = pick(r, KINDS);
		docs.push({
			_id: id,
			type: 'resource',
			author: author(),
			createdAt: iso(time),
			kind,
			title: sentence(r, 4, 10).slice(0, -1),
			summary: sentence(r, 15, 35),
			body: markdownBody(r, 6, 30),
			tags: [pick(r, TAGS), pick(r, TAGS), pick(r, TAGS)].filter((t, i, a) => a.indexOf(t) === i),
			status: r() < 0.85 ? 'published' : 'submitted',
			organization: pick(r, ORGS),
			...(kind === 'case-study'
				? {
						problem: paragraphs(r, 2),
						actions: paragraphs(r, 2),
						outcomes: [{ metric: 'Waiting time', value: String(Math.floor(r() * 60)), unit: 'days' }],
						lessons: paragraphs(r, 1)
					}
				: {})
		});
	}
	for (let i = 0; i < shape.comments; i++) {
		const time = START + Math.floor(r() * SPAN);
		docs.push({
			_id: `comment:${fakeUlid(r, time)}`,
			type: 'comment',
			author: author(),
			createdAt: iso(time),
			target: pick(r, resources),
			body: markdownBody(r, 1, 4)
		});
	}
	const votes = new Set<string>();
	while (votes.size < shape.votes) {
		const voter = pick(r, usernames);
		const target = r() < 0.5 ? pick(r, threads).id : r() < 0.8 ? pick(r, posts) : pick(r, resources);
		const id = `vote:${target}:${voter}`;
		if (votes.has(id)) continue;
		votes.add(id);
		docs.push({
			_id: id,
			type: 'vote',
			author: voter,
			createdAt: iso(START + Math.floor(r() * SPAN)),
			target,
			value: r() < 0.9 ? 1 : -1
		});
	}
	// Device certificates (their own rng, so the content above stays the same) and signatures.
	const server = benchServerKey(seed);
	const rc = rng(seed + 1);
	const devices = new Map<string, { id: string; key: KeyObject }>();
	for (const name of usernames) {
		const key = derivedKey(`praxis-bench-device-${seed}-${name}`);
		const cert: Record<string, unknown> = {
			_id: `device:${fakeUlid(rc, START)}`,
			type: 'device',
			author: name,
			createdAt: iso(START),
			publicKey: rawPublicKey(key),
			expiresAt: '2100-01-01T00:00:00.000Z',
			issuer: server.kid
		};
		cert.certSig = signature(cert, server.privateKey); // the bytes signCertificate signs: no certSig, no _rev
		devices.set(name, { id: String(cert._id), key });
		docs.push(cert);
	}
	for (let i = 0; i < docs.length; i++) {
		const doc = docs[i];
		if (doc.type === 'device') continue;
		const device =
			doc.type === 'category'
				? { id: SERVER_SIGNER_PREFIX + server.kid, key: server.privateKey }
				: devices.get(String(doc.author));
		if (!device) throw new Error(`no device for ${String(doc.author)}`);
		docs[i] = { ...doc, signature: { device: device.id, sig: signature(doc, device.key) } };
	}
	for (const doc of docs) {
		const checked = validateCommunityDoc(doc);
		if (!checked.ok) throw new Error(`generated ${String(doc._id)} is invalid: ${checked.reason}`);
	}
	return { docs: docs.map(withRev), longThread: longThread.id, threadsPerCategory, usernames, seed };
}

/** `n` extra threads in one category (for the 10,000-thread local reads). */
export function generateThreads(
	n: number,
	category: string,
	seed = 7,
	community: Community = generateCommunity()
): BenchDoc[] {
	const r = rng(seed);
	const devices = new Map(community.docs.filter((d) => d.type === 'device').map((d) => [String(d.author), d._id]));
	const keys = new Map<string, KeyObject>();
	return Array.from({ length: n }, (_, i) => {
		const time = START + Math.floor((i / n) * SPAN);
		const author = `member-${String(i % 300).padStart(3, '0')}`;
		const unsigned = {
			_id: `thread:${fakeUlid(r, time)}`,
			type: 'thread',
			author,
			createdAt: iso(time),
			category,
			title: sentence(r, 4, 12).slice(0, -1),
			body: markdownBody(r, 2, 8),
			tags: [pick(r, TAGS)]
		};
		const device = devices.get(author);
		if (!device) throw new Error(`no device for ${author}`);
		let key = keys.get(author);
		if (!key) keys.set(author, (key = derivedKey(`praxis-bench-device-${community.seed}-${author}`)));
		const doc = { ...unsigned, signature: { device, sig: signature(unsigned, key) } };
		const checked = validateCommunityDoc(doc);
		if (!checked.ok) throw new Error(`generated ${doc._id} is invalid: ${checked.reason}`);
		return withRev(doc);
	});
}

/** Size of the documents' JSON, raw and gzipped (the floor a transfer can reach without a better codec). */
export async function jsonSizes(docs: readonly object[]): Promise<{ raw: number; gzip: number }> {
	const { gzipSync } = await import('node:zlib');
	const json = Buffer.from(JSON.stringify(docs));
	return { raw: json.length, gzip: gzipSync(new Uint8Array(json), { level: 6 }).length };
}
