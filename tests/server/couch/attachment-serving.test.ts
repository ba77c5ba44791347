// Files members attach are served so that none can run in the app's origin: HTML, SVG and
// anything not on the passive list download (application/octet-stream, attachment), images and
// plain text show inline; every answer forbids sniffing and carries a sandboxing CSP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness';

let h: Harness;
let cookie: string;
const ID = 'thread:01JATTACH000000000000000000';

beforeAll(async () => {
	h = createHarness({ logRequests: false });
	cookie = await h.register('ana');
	const b64 = (text: string) => Buffer.from(text).toString('base64');
	await h.storage.db('community').put({
		_id: ID,
		type: 'thread',
		author: 'ana',
		_attachments: {
			'page.html': { content_type: 'text/html', data: b64('<script>parent.__pwned = 1</script>') },
			'logo.svg': {
				content_type: 'image/svg+xml',
				data: b64('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
			},
			'photo.png': { content_type: 'image/png', data: b64('\x89PNG\r\n\x1a\n') },
			'notes.txt': { content_type: 'text/plain', data: b64('<b>not html</b>') },
			'report.pdf': { content_type: 'application/pdf', data: b64('%PDF-1.4') },
			'sneaky.png': { content_type: 'image/png; x=1', data: b64('<html><script>1</script>') }
		}
	});
});
afterAll(() => h.close());

const get = (name: string) => h.request(`/couch/community/${ID}/${name}`, { headers: { cookie } });

describe('serving attachments', () => {
	it('never serves active content inline', async () => {
		for (const name of ['page.html', 'logo.svg', 'report.pdf']) {
			const res = await get(name);
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type'), name).toBe('application/octet-stream');
			expect(res.headers.get('content-disposition'), name).toBe(`attachment; filename*=UTF-8''${name}`);
			expect(res.headers.get('x-content-type-options')).toBe('nosniff');
			expect(res.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
		}
	});

	it('shows passive types inline, still sandboxed and unsniffed', async () => {
		const png = await get('photo.png');
		expect(png.headers.get('content-type')).toBe('image/png');
		expect(png.headers.get('content-disposition')).toMatch(/^inline;/);
		const text = await get('notes.txt');
		expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		expect(await text.text()).toBe('<b>not html</b>');
		const sneaky = await get('sneaky.png');
		expect(sneaky.headers.get('content-type')).toBe('image/png'); // never text/html, whatever the bytes
		for (const res of [png, text, sneaky]) {
			expect(res.headers.get('x-content-type-options')).toBe('nosniff');
			expect(res.headers.get('content-security-policy')).toMatch(/^sandbox;/);
		}
	});
});
