// Helpers for the library browser tests: a server whose data folder already holds a reviewer
// (made with the admin CLI, as an operator would), API sign-in, seeding published resources (by
// another member, published by the reviewer) and files, and the text of a PDF made by Chromium
// (its fonts map glyphs back to Unicode through ToUnicode CMaps, which are read here: no PDF
// library needed).
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import { ulid } from 'ulid';
import { fileSha256 } from '../../src/lib/domain/files';
import { TEST_PASSWORD, couch, registerMember, startServer, type ApiMember, type TestServer } from './support/server';

const run = promisify(execFile);

/** Starts a server whose store already has `reviewer` (roles admin + reviewer). */
export async function startServerWithReviewer(reviewer: string): Promise<TestServer> {
	const dataDir = await mkdtemp(join(tmpdir(), 'praxis-e2e-lib-'));
	const env = { ...process.env, DATA_DIR: dataDir, PRAXIS_ADMIN_PASSWORD: TEST_PASSWORD };
	await run(process.execPath, ['--import', 'tsx', 'server/admin.ts', 'create-admin', reviewer], { env });
	await run(process.execPath, ['--import', 'tsx', 'server/admin.ts', 'grant', reviewer, 'reviewer'], { env });
	return startServer({ dataDir });
}

export async function apiLogin(url: string, username: string): Promise<ApiMember> {
	const res = await fetch(`${url}/api/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username, password: TEST_PASSWORD })
	});
	if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
	return {
		username,
		password: TEST_PASSWORD,
		displayName: username,
		cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]
	};
}

export interface SeededFile {
	id: string;
	name: string;
	type: string;
	size: number;
}

/** Stores a file in library-files as `member` (signed over its sha256 by couch()). */
export async function seedFile(
	url: string,
	member: ApiMember,
	name: string,
	content: string | Buffer,
	type = 'application/pdf'
): Promise<SeededFile> {
	const id = `file:${ulid()}`;
	const bytes = typeof content === 'string' ? Buffer.from(content) : content;
	const doc = {
		_id: id,
		type: 'file',
		author: member.username,
		createdAt: new Date().toISOString(),
		name,
		contentType: type,
		size: bytes.length,
		sha256: await fileSha256(new Uint8Array(bytes)),
		_attachments: { file: { content_type: type, data: bytes.toString('base64') } }
	};
	const res = await couch(url, member, `library-files/${encodeURIComponent(id)}`, { method: 'PUT', body: doc });
	if (res.status !== 201) throw new Error(`seed file: ${res.status} ${JSON.stringify(res.body)}`);
	return { id, name, type, size: bytes.length };
}

/** The member who writes seeded resources: nobody publishes what they wrote, so it is not the reviewer. */
const SEED_AUTHOR = 'seed-author';
const seedAuthors = new Map<string, Promise<ApiMember>>();

function seedAuthor(url: string): Promise<ApiMember> {
	let author = seedAuthors.get(url);
	if (!author) {
		author = registerMember(url, SEED_AUTHOR, 'Seed Author');
		seedAuthors.set(url, author);
	}
	return author;
}

/**
 * A published resource, as the app makes one: submitted by its author (a member of its own),
 * then published by `reviewer`. Returns its ULID.
 */
export async function seedResource(url: string, reviewer: ApiMember, fields: Record<string, unknown>): Promise<string> {
	const author = await seedAuthor(url);
	const id = ulid();
	const now = new Date().toISOString();
	const doc = {
		_id: `resource:${id}`,
		type: 'resource',
		author: author.username,
		createdAt: now,
		kind: 'guide',
		summary: '',
		body: '',
		tags: [],
		status: 'submitted',
		...fields
	};
	const path = `community/${encodeURIComponent(doc._id)}`;
	const created = await couch(url, author, path, { method: 'PUT', body: doc });
	if (created.status !== 201) throw new Error(`seed resource: ${created.status} ${JSON.stringify(created.body)}`);
	const { rev } = created.body as { rev: string };
	const published = { ...doc, _rev: rev, status: 'published', reviewedBy: reviewer.username, reviewedAt: now };
	const res = await couch(url, reviewer, path, { method: 'PUT', body: published });
	if (res.status !== 201) throw new Error(`publish seeded resource: ${res.status} ${JSON.stringify(res.body)}`);
	return id;
}

/** Every text string drawn in a PDF, decoded with each font's ToUnicode map (one string per font). */
export function pdfTexts(pdf: Buffer): string[] {
	const streams: Buffer[] = [];
	const raw = pdf.toString('latin1');
	const re = /stream\r?\n/g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(raw))) {
		const start = m.index + m[0].length;
		const end = raw.indexOf('endstream', start);
		if (end < 0) break;
		const chunk = pdf.subarray(start, end);
		try {
			streams.push(inflateSync(Uint8Array.from(chunk)));
		} catch {
			streams.push(chunk);
		}
		re.lastIndex = end + 'endstream'.length;
	}
	const texts = streams.map((s) => s.toString('latin1'));
	const cmaps = texts.filter((t) => t.includes('begincmap')).map(parseCMap);
	const shown = texts
		.filter((t) => /\bTJ\b|\bTj\b/.test(t))
		.flatMap((t) => [...t.matchAll(/<([0-9A-Fa-f]+)>/g)].map((x) => x[1]));
	return cmaps.map((map) => shown.map((hex) => decode(hex, map)).join(''));
}

function parseCMap(text: string): Map<number, string> {
	const map = new Map<number, string>();
	const hexToStr = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));
	for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
		for (const [, src, dst] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
			map.set(parseInt(src, 16), hexToStr(dst));
	}
	for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
		for (const [, lo, hi, dst] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
			const base = parseInt(dst, 16);
			for (let c = parseInt(lo, 16); c <= parseInt(hi, 16); c++)
				map.set(c, String.fromCodePoint(base + c - parseInt(lo, 16)));
		}
	}
	return map;
}

function decode(hex: string, map: Map<number, string>): string {
	let out = '';
	for (let i = 0; i + 4 <= hex.length; i += 4) out += map.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\u0000';
	return out;
}

/** Whether some font's decoding of the PDF contains `text` (spaces ignored: PDFs position words). */
export function pdfContains(pdf: Buffer, text: string): boolean {
	const want = text.replace(/\s+/g, '');
	return pdfTexts(pdf).some((t) => t.replace(/\s+/g, '').includes(want));
}
