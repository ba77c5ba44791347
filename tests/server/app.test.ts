// The assembled app: health, routing of /api and /couch, security headers, compression,
// request logging, error mapping, and data surviving a restart on the same DATA_DIR.
import { afterEach, describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request as httpRequest } from 'node:http';
import { createHarness, PASSWORD, sessionCookie, tempDir, type Harness } from './support/harness';
import { selectEncoding } from '../../server/http/compression';
import { seedCategories } from '../../server/seed';

let h: Harness;
afterEach(async () => {
	await h?.close();
});

describe('app', () => {
	it('answers /api/health with the version and store kind', async () => {
		h = createHarness();
		const res = await h.request('/api/health');
		expect(await res.json()).toEqual({ ok: true, version: '0.0.0-test', store: 'memory' });
	});

	it('puts security headers on every response', async () => {
		h = createHarness();
		for (const path of ['/api/health', '/api/nope', '/couch/', '/', '/forums/123']) {
			const res = await h.request(path);
			const csp = res.headers.get('content-security-policy') ?? '';
			expect(csp, path).toContain("default-src 'self'");
			expect(csp, path).toContain("frame-ancestors 'none'");
			expect(csp, path).not.toMatch(/script-src[^;]*unsafe-inline/);
			expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
			expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
			expect(res.headers.get('x-frame-options'), path).toBe('DENY');
		}
	});

	it('answers unknown /api routes with 404 JSON, and mounts the gateway at /couch', async () => {
		h = createHarness({ uuid: 'abc123' });
		const missing = await h.request('/api/does-not-exist', { method: 'POST' });
		expect(missing.status).toBe(404);
		expect((await missing.json()).error).toBe('not_found');
		const welcome = await h.request('/couch/');
		expect(await welcome.json()).toMatchObject({ couchdb: 'Welcome', uuid: 'abc123', version: '0.0.0-test' });
		expect((await h.request('/couch/community')).status).toBe(401);
		expect((await h.request('/couch/praxis-users', { headers: { cookie: await h.register('ines') } })).status).toBe(
			404
		);
		expect((await h.request('/nothing-here', { method: 'DELETE' })).status).toBe(404);
	});

	it('compresses JSON with brotli or gzip when accepted, and leaves small or unaccepted responses alone', async () => {
		h = createHarness();
		const cookie = await h.register('ines');
		expect(await seedCategories(h.storage, new Date())).toBe(7); // a few KiB of JSON
		const big = `/couch/community/_all_docs?include_docs=true`;
		const br = await h.request(big, { headers: { cookie, 'accept-encoding': 'gzip, deflate, br' } });
		expect(br.headers.get('content-encoding')).toBe('br');
		expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
		const brBody = JSON.parse(brotliDecompressSync(new Uint8Array(await br.arrayBuffer())).toString('utf8'));
		expect(brBody.rows.length).toBeGreaterThan(0);

		const gz = await h.request(big, { headers: { cookie, 'accept-encoding': 'gzip' } });
		expect(gz.headers.get('content-encoding')).toBe('gzip');
		expect(JSON.parse(gunzipSync(new Uint8Array(await gz.arrayBuffer())).toString('utf8')).rows.length).toBeGreaterThan(
			0
		);

		const plain = await h.request(big, { headers: { cookie } });
		expect(plain.headers.get('content-encoding')).toBeNull();
		const small = await h.request('/api/health', { headers: { 'accept-encoding': 'br' } });
		expect(small.headers.get('content-encoding')).toBeNull();

		expect(selectEncoding('gzip;q=1, br;q=0')).toBe('gzip');
		expect(selectEncoding('identity')).toBeUndefined();
		expect(selectEncoding('*')).toBe('br');
	});

	it('streams longpoll _changes uncompressed so heartbeats arrive, over a real socket', async () => {
		h = createHarness();
		const cookie = await h.register('ines');
		const base = await h.listen();
		const info = (await (await fetch(`${base}/couch/community`, { headers: { cookie } })).json()) as {
			update_seq: string | number;
		};
		// Nothing changes during the longpoll: the first bytes can only be a heartbeat if it streams;
		// a buffering compressor would hold everything back until the JSON answer at the timeout.
		const url = new URL(
			`${base}/couch/community/_changes?feed=longpoll&heartbeat=100&timeout=60000&since=${encodeURIComponent(String(info.update_seq))}`
		);
		const first = await new Promise<string>((resolve, reject) => {
			const req = httpRequest(url, { headers: { cookie, 'accept-encoding': 'gzip, br' } }, (res) => {
				expect(res.headers['content-encoding']).toBeUndefined();
				res.once('data', (chunk: Buffer) => {
					resolve(chunk.toString('utf8'));
					req.destroy();
				});
			});
			req.on('error', reject);
			req.end();
		});
		expect(first).toMatch(/^\n+$/);
	});

	it('compresses JSON answers over a real socket (node-server light responses), and leaves small ones as they are', async () => {
		h = createHarness();
		const cookie = await h.register('ines');
		expect(await seedCategories(h.storage, new Date())).toBe(7);
		const base = await h.listen();
		const get = (path: string, encoding: string) =>
			new Promise<{ headers: Record<string, unknown>; body: Uint8Array<ArrayBuffer> }>((resolve, reject) => {
				const req = httpRequest(
					new URL(`${base}${path}`),
					{ headers: { cookie, 'accept-encoding': encoding } },
					(res) => {
						const chunks: Uint8Array[] = [];
						res.on('data', (chunk: Uint8Array) => chunks.push(new Uint8Array(chunk)));
						res.on('end', () => resolve({ headers: res.headers, body: new Uint8Array(Buffer.concat(chunks)) }));
					}
				);
				req.on('error', reject);
				req.end();
			});
		const expected = await (
			await fetch(`${base}/couch/community/_all_docs?include_docs=true`, {
				headers: { cookie, 'accept-encoding': 'identity' }
			})
		).json();
		const br = await get('/couch/community/_all_docs?include_docs=true', 'br');
		expect(br.headers['content-encoding']).toBe('br');
		expect(Number(br.headers['content-length'])).toBe(br.body.byteLength);
		expect(JSON.parse(brotliDecompressSync(br.body).toString('utf8'))).toEqual(expected);
		const gz = await get('/couch/community/_all_docs?include_docs=true', 'gzip');
		expect(gz.headers['content-encoding']).toBe('gzip');
		expect(JSON.parse(gunzipSync(gz.body).toString('utf8'))).toEqual(expected);
		const small = await get('/couch/community', 'br');
		expect(small.headers['content-encoding']).toBeUndefined();
		expect(JSON.parse(new TextDecoder().decode(small.body))).toMatchObject({ db_name: 'community' });
	});

	it('logs one line per request without query strings or secrets', async () => {
		h = createHarness();
		await h.request('/api/health?token=secret-token');
		await h.post('/api/auth/login', { username: 'ines', password: PASSWORD });
		expect(h.logs).toHaveLength(2);
		expect(h.logs[0]).toMatch(/^GET \/api\/health 200 \d+ms$/);
		expect(h.logs[1]).toMatch(/^POST \/api\/auth\/login 401 \d+ms$/);
		expect(h.logs.join('\n')).not.toMatch(/secret-token|a-long-enough-password/);
	});

	it('keeps accounts, sessions and documents across a restart on the same DATA_DIR', async () => {
		const dataDir = tempDir();
		h = createHarness({ kind: 'leveldb', dataDir });
		const cookie = await h.register('ines');
		const logout = sessionCookie(await h.post('/api/auth/login', { username: 'ines', password: PASSWORD }));
		await h.request('/api/auth/logout', { method: 'POST', headers: { cookie: logout } });
		await h.close();

		h = createHarness({ kind: 'leveldb', dataDir });
		expect((await h.request('/api/auth/session', { headers: { cookie } })).status).toBe(200);
		expect((await h.request('/api/auth/session', { headers: { cookie: logout } })).status).toBe(401);
		expect((await h.post('/api/auth/login', { username: 'ines', password: PASSWORD })).status).toBe(200);
		const profile = await h.request('/couch/community/profile:ines', { headers: { cookie } });
		expect(profile.status).toBe(200);
	});

	it('maps unexpected errors to a logged 500 JSON, which the harness itself refuses', async () => {
		h = createHarness();
		h.app.post('/boom', () => {
			throw new Error('kaput');
		});
		const res = await h.app.request('/boom', { method: 'POST' });
		expect(res.status).toBe(500);
		expect(await res.json()).toEqual({ error: 'internal_error', reason: 'the server failed to handle this request' });
		expect(h.logs.some((line) => line.startsWith('ERROR POST /boom: Error: kaput'))).toBe(true);
		await expect(h.request('/boom', { method: 'POST' })).rejects.toThrow(/answered 500/);
	});

	it("maps PouchDB's plain-object errors (COUCHDB_URL mode) to their status instead of escaping", async () => {
		h = createHarness();
		h.app.post('/pouch-404', () => {
			throw { status: 404, name: 'not_found', message: 'missing' };
		});
		const res = await h.request('/pouch-404', { method: 'POST' });
		expect(res.status).toBe(404);
		expect(await res.json()).toEqual({ error: 'not_found', reason: 'missing' });
	});
});
