// Starts the real Praxis server for browser tests (`node --import tsx server/index.ts`) on a free
// port with its data in a temp folder and no demo content, and talks to its API as a member would.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { exportPublicKey, generateDeviceKeys, signDoc, type DeviceCertificate } from '../../../src/lib/domain/signing';

export interface TestServer {
	url: string;
	dataDir: string;
	/** Stops the process (SIGTERM, then SIGKILL) and keeps the data folder. */
	stop(): Promise<void>;
	/** Stops and removes the data folder. */
	dispose(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

export interface ServerOptions {
	/** The built client to serve (default: build/). */
	staticDir?: string;
	/** An existing data folder (e.g. prepared with the admin CLI); default: a new temp folder. */
	dataDir?: string;
	/** More environment for the server (e.g. write limits a test wants to meet). */
	env?: Readonly<Record<string, string>>;
	/** A fixed port (a restart keeps the origin the browsers know); default: a free one. */
	port?: number;
}

export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
	const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'praxis-e2e-')));
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		cwd: process.cwd(),
		env: {
			...process.env,
			PORT: String(options.port ?? 0),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			PRAXIS_DEMO: '0',
			PRAXIS_LOG: '0',
			STATIC_DIR: options.staticDir ?? 'build',
			// tests and benches write as one member far faster than a person: no per-member limits
			PRAXIS_WRITE_LIMIT_PER_MINUTE: '0',
			PRAXIS_MESSAGE_LIMIT_PER_MINUTE: '0',
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const port = await new Promise<number>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), START_TIMEOUT_MS);
		child.stdout?.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const match = /running at http:\/\/[^:\s]+:(\d+)/.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve(Number(match[1]));
			}
		});
		child.on('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code}:\n${output}`));
		});
	});
	const url = `http://127.0.0.1:${port}`;
	await waitForHealth(url);
	const stop = () => stopProcess(child);
	return {
		url,
		dataDir,
		stop,
		async dispose() {
			await stop();
			await rm(dataDir, { recursive: true, force: true });
		}
	};
}

async function waitForHealth(url: string): Promise<void> {
	const deadline = Date.now() + START_TIMEOUT_MS;
	while (Date.now() < deadline) {
		const ok = await fetch(`${url}/api/health`).then(
			(r) => r.ok,
			() => false
		);
		if (ok) return;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`${url}/api/health never answered`);
}

function stopProcess(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const kill = setTimeout(() => child.kill('SIGKILL'), 8_000);
		child.once('exit', () => {
			clearTimeout(kill);
			resolve();
		});
		child.kill('SIGTERM');
	});
}

export interface ApiMember {
	username: string;
	password: string;
	displayName: string;
	cookie: string;
}

export const TEST_PASSWORD = 'correct horse battery';

/** Registers a member through the API and keeps their session cookie. */
export async function registerMember(url: string, username: string, displayName = username): Promise<ApiMember> {
	const res = await fetch(`${url}/api/auth/register`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username, password: TEST_PASSWORD, displayName, privacyConsent: true })
	});
	if (res.status !== 201) throw new Error(`register ${username}: ${res.status} ${await res.text()}`);
	const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
	if (!cookie) throw new Error('register: no session cookie');
	return { username, password: TEST_PASSWORD, displayName, cookie };
}

/** One certified device key per member and server, as a member's app would have. */
const devices = new Map<string, Promise<{ certificate: DeviceCertificate; privateKey: CryptoKey }>>();

function deviceOf(url: string, member: ApiMember): Promise<{ certificate: DeviceCertificate; privateKey: CryptoKey }> {
	const key = `${url} ${member.username}`;
	let device = devices.get(key);
	if (!device) {
		device = (async () => {
			const keys = await generateDeviceKeys();
			const res = await fetch(`${url}/api/devices`, {
				method: 'POST',
				headers: { cookie: member.cookie, 'content-type': 'application/json' },
				body: JSON.stringify({ publicKey: await exportPublicKey(keys.publicKey), label: 'e2e API client' })
			});
			if (res.status !== 201)
				throw new Error(`certify a device for ${member.username}: ${res.status} ${await res.text()}`);
			const { certificate } = (await res.json()) as { certificate: DeviceCertificate };
			return { certificate, privateKey: keys.privateKey };
		})();
		device.catch(() => devices.delete(key));
		devices.set(key, device);
	}
	return device;
}

/** `doc` signed by a certified device of `member` (the server refuses unsigned documents). */
export async function signAs<T extends Record<string, unknown>>(url: string, member: ApiMember, doc: T): Promise<T> {
	const { certificate, privateKey } = await deviceOf(url, member);
	return signDoc(doc, certificate._id, privateKey);
}

/** A document written to a signed database (PUT community/… or library-files/…). */
function isSignedWrite(path: string, method: string, body: unknown): body is Record<string, unknown> {
	return (
		method === 'PUT' &&
		/^(community|library-files)\/(?!_)/.test(path) &&
		typeof body === 'object' &&
		body !== null &&
		'type' in body
	);
}

/**
 * Calls the sync gateway as `member` (JSON in and out). Documents PUT into `community` or
 * `library-files` are signed with the member's device key first, as the app signs its writes.
 */
export async function couch(
	url: string,
	member: ApiMember,
	path: string,
	init: { method?: string; body?: unknown } = {}
): Promise<{ status: number; body: unknown }> {
	const method = init.method ?? 'GET';
	const body = isSignedWrite(path, method, init.body) ? await signAs(url, member, init.body) : init.body;
	const res = await fetch(`${url}/couch/${path}`, {
		method,
		headers: { cookie: member.cookie, 'content-type': 'application/json', accept: 'application/json' },
		...(body === undefined ? {} : { body: JSON.stringify(body) })
	});
	return { status: res.status, body: await res.json().catch(() => null) };
}

/** Creates a thread on the server as `member` and returns its ULID. */
export async function createThread(
	url: string,
	member: ApiMember,
	fields: { category: string; title: string; body: string; tags?: string[] }
): Promise<string> {
	const id = ulid();
	const doc = {
		_id: `thread:${id}`,
		type: 'thread',
		author: member.username,
		createdAt: new Date().toISOString(),
		tags: [],
		...fields
	};
	const res = await couch(url, member, `community/${encodeURIComponent(doc._id)}`, { method: 'PUT', body: doc });
	if (res.status !== 201) throw new Error(`create thread: ${res.status} ${JSON.stringify(res.body)}`);
	return id;
}

/** Every document of the community database the member can read, by `_id`. */
export async function communityDocs(url: string, member: ApiMember): Promise<Map<string, Record<string, unknown>>> {
	const res = await couch(url, member, 'community/_all_docs?include_docs=true');
	const rows = (res.body as { rows?: Array<{ id: string; doc?: Record<string, unknown> }> } | null)?.rows ?? [];
	return new Map(rows.filter((r) => r.doc).map((r) => [r.id, r.doc as Record<string, unknown>]));
}
