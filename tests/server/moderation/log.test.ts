// The audit log (GET /api/moderation/log and /log.csv): moderators' and administrators' actions,
// newest first, pages, the CSV export with its quoting and formula guard, and no way to change it.
import { afterEach, describe, expect, it } from 'vitest';
import { act, api, createWorld, publish, threadDoc, tick, type ModWorld } from './support';
import { auditCsvRow, csvCell } from '../../../server/moderation/csv';

let w: ModWorld | null = null;
afterEach(async () => {
	await w?.h.close();
	w = null;
});

const admin = async (world: ModWorld, method: string, path: string, body?: unknown) => {
	const res = await world.h.request(`/api/admin${path}`, {
		method,
		headers: { cookie: world.cookies.root!, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
		...(body === undefined ? {} : { body: JSON.stringify(body) })
	});
	expect(res.status, `${method} ${path}`).toBeLessThan(300);
};

describe('the audit log', () => {
	it('records administrators’ actions and reset codes, with who, what and why', async () => {
		w = await createWorld();
		await admin(w, 'POST', '/members/ana/roles', { grant: 'reviewer' });
		await admin(w, 'POST', '/members/ana/roles', { revoke: 'reviewer' });
		await admin(w, 'POST', '/members/ben/suspension', { reason: 'Spam', days: 3 });
		await admin(w, 'DELETE', '/members/ben/suspension');
		await admin(w, 'POST', '/hubs', { name: 'village-hall' });
		await admin(w, 'DELETE', '/hubs/village-hall');
		await admin(w, 'POST', '/members/cara/reset-code');
		const byMod = await api(w, 'mod', '/members/dan/reset-code', 'POST');
		expect(byMod.status).toBe(201);

		const entries = (await api(w, 'root', '/log')).body.entries as Array<Record<string, unknown>>;
		expect(entries.map((e) => [e.actor, e.action, e.target])).toEqual([
			['mod', 'reset-code', 'member:dan'],
			['root', 'reset-code', 'member:cara'],
			['root', 'hub-remove', 'hub:village-hall'],
			['root', 'hub-enrol', 'hub:village-hall'],
			['root', 'lift-suspension', 'member:ben'],
			['root', 'suspend', 'member:ben'],
			['root', 'role-change', 'member:ana'],
			['root', 'role-change', 'member:ana']
		]);
		expect(entries[5]).toMatchObject({ reason: 'Spam', details: { until: expect.any(String) } });
		expect(entries[6]).toMatchObject({ details: { revoked: 'reviewer' } });
		expect(entries[7]).toMatchObject({ details: { granted: 'reviewer' } });
		// the codes themselves are never written down
		expect(JSON.stringify(entries)).not.toContain((byMod.body as { code: string }).code);
	});

	it('lists newest first, a page at a time', async () => {
		w = await createWorld();
		const thread = await publish(w, 'ana', threadDoc(w, 'ana'));
		for (const action of ['pin', 'unpin', 'pin', 'unpin', 'pin']) {
			tick(w);
			expect((await act(w, 'mod', { target: thread._id, action })).status).toBe(200);
		}
		const first = (await api(w, 'mod', '/log?limit=2')).body.entries as Array<{ id: string; action: string }>;
		expect(first.map((e) => e.action)).toEqual(['pin', 'unpin']);
		const next = (await api(w, 'mod', `/log?limit=2&before=${encodeURIComponent(first[1]!.id)}`)).body
			.entries as Array<{ action: string }>;
		expect(next.map((e) => e.action)).toEqual(['pin', 'unpin']);
		expect((await api(w, 'mod', '/log?limit=0')).status).toBe(400);
		expect((await api(w, 'mod', '/log?limit=abc')).status).toBe(400);
		expect((await api(w, 'mod', '/log?before=nothing')).status).toBe(400);
	});

	it('exports CSV that spreadsheets read safely', async () => {
		w = await createWorld();
		const thread = await publish(w, 'ana', threadDoc(w, 'ana'));
		await act(w, 'mod', { target: thread._id, action: 'hide', reason: '=HYPERLINK("http://evil.example","Click")' });
		await act(w, 'mod', {
			target: thread._id,
			action: 'move',
			category: 'procurement',
			reason: 'Fits, "better"\nthere'
		});

		const { res, status } = await api(w, 'mod', '/log.csv');
		expect(status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(res.headers.get('content-disposition')).toBe('attachment; filename="praxis-moderation-log.csv"');
		const text = await res.text();
		const lines = text.split('\r\n');
		expect(lines[0]).toBe('at,actor,action,target,reason,details');
		expect(lines[1]).toMatch(
			new RegExp(
				`^[^,]+,mod,hide,${thread._id},"'=HYPERLINK\\(""http://evil.example"",""Click""\\)",title=Shared drives for case files$`
			)
		);
		expect(text).toContain(
			`,mod,move,${thread._id},"Fits, ""better""\nthere",title=Shared drives for case files; category=procurement; from=general\r\n`
		);
		expect(text.endsWith('\r\n')).toBe(true);

		expect((await api(w, 'ana', '/log.csv')).status).toBe(403);
		expect((await api(w, null, '/log.csv')).status).toBe(401);
	});

	it('cannot be edited or deleted through any route', async () => {
		w = await createWorld();
		const thread = await publish(w, 'ana', threadDoc(w, 'ana'));
		const { entry } = (await act(w, 'mod', { target: thread._id, action: 'pin' })).body as { entry: { id: string } };
		for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
			for (const path of ['/log', `/log/${encodeURIComponent(entry.id)}`, '/log.csv']) {
				const res = await api(w, 'root', path, method, method === 'DELETE' ? undefined : { reason: 'x' });
				expect([404, 405], `${method} ${path}`).toContain(res.status);
			}
		}
		const entries = (await api(w, 'root', '/log')).body.entries as unknown[];
		expect(entries).toHaveLength(1);
	});
});

describe('CSV cells', () => {
	it('quote separators and quotes, and disarm formulas', () => {
		expect(csvCell('plain')).toBe('plain');
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('two\nlines')).toBe('"two\nlines"');
		for (const start of ['=', '+', '-', '@', '\t', '\r'])
			expect(csvCell(`${start}1+1`).startsWith(`'${start}`) || csvCell(`${start}1+1`).startsWith(`"'${start}`)).toBe(
				true
			);
		expect(csvCell('-2,3')).toBe(`"'-2,3"`);
		expect(
			auditCsvRow({
				id: 'audit:x',
				at: '2026-12-03T09:00:00.000Z',
				actor: 'mod',
				action: 'pin',
				target: 'thread:x',
				reason: ''
			})
		).toBe('2026-12-03T09:00:00.000Z,mod,pin,thread:x,,\r\n');
	});
});
