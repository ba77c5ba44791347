// Whether /couch requires signatures follows the app's own dependency (createApp's
// requireSignatures, createCouchApp's signatures), never the environment or another app built
// over the same storage.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness';
import { createApp } from '../../../server/app';
import { COMMUNITY_DB } from '../../../src/lib/domain/ids';
import { serverSigner } from '../../../server/devices/server-key';
import { seedCategories } from '../../../server/seed';
import { thread } from '../helpers/community-docs';

let h: Harness | null = null;
afterEach(async () => {
	await h?.close();
	h = null;
});

async function setup(requireSignatures?: boolean) {
	h = createHarness({ requireSignatures });
	await seedCategories(h.storage, new Date(), await serverSigner(h.auth.signingKey()));
	return { h, ana: await h.register('ana') };
}

async function pushUnsigned(app: { request: Harness['app']['request'] }, cookie: string) {
	const res = await app.request(`/couch/${COMMUNITY_DB}/_bulk_docs`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie },
		body: JSON.stringify({ docs: [thread('ana')] })
	});
	expect(res.status).toBe(201);
	return ((await res.json()) as Array<{ ok?: boolean; error?: string }>)[0];
}

describe('signature checks as a dependency', () => {
	it('requires signatures by default, whatever PRAXIS_REQUIRE_SIGNATURES says', async () => {
		const before = process.env.PRAXIS_REQUIRE_SIGNATURES;
		process.env.PRAXIS_REQUIRE_SIGNATURES = '0';
		try {
			const { h, ana } = await setup();
			expect(await pushUnsigned(h.app, ana)).toMatchObject({ error: 'forbidden' });
		} finally {
			if (before === undefined) delete process.env.PRAXIS_REQUIRE_SIGNATURES;
			else process.env.PRAXIS_REQUIRE_SIGNATURES = before;
		}
	});

	it('keeps each app to its own setting when two share one storage', async () => {
		const { h, ana } = await setup(true);
		const lenient = createApp({
			storage: h.storage,
			auth: h.auth,
			config: h.config,
			requireSignatures: false,
			log: () => {}
		}).app;
		// the app built last does not change what the first one requires
		expect(await pushUnsigned(h.app, ana)).toMatchObject({ error: 'forbidden' });
		expect(await pushUnsigned(lenient, ana)).toMatchObject({ ok: true });
	});
});
