// /api/privacy: the operator's notice for anyone (the page is public, and registration links
// it), and the signed-in member's consent to it: whether they read the current version, and
// "I have read it" (POST /consent, JSON only like every cookie-authenticated write).
import { Hono, type Context } from 'hono';
import type { AddressOf } from '../http/client-address';
import { jsonHttpError, readJson } from '../http/json';
import type { PraxisAuth, PublicUser } from '../auth/service';
import { readPrivacyNotice } from './notice';
import type { ConsentState } from '../../src/lib/domain/privacy';

export interface PrivacyRoutesDeps {
	auth: PraxisAuth;
	dataDir: string;
	addressOf: AddressOf;
	clock: () => Date;
}

async function signedIn(c: Context, deps: PrivacyRoutesDeps): Promise<PublicUser> {
	const user = await deps.auth.currentUser(c.req.raw, deps.addressOf(c));
	if (!user) throw jsonHttpError(401, 'unauthorized', 'sign in to see or record your consent to the privacy notice');
	return user;
}

export function createPrivacyRoutes(deps: PrivacyRoutesDeps): Hono {
	const app = new Hono();
	const current = () => readPrivacyNotice(deps.dataDir);

	app.get('/', async (c) => {
		c.header('cache-control', 'no-cache');
		return c.json(await current());
	});

	/** The current version and what the member agreed to (null: never). */
	app.get('/consent', async (c) => {
		const user = await signedIn(c, deps);
		const [notice, record] = await Promise.all([current(), deps.auth.users.get(user.name)]);
		const consented =
			record?.privacyVersion && record.consentedAt
				? { version: record.privacyVersion, consentedAt: record.consentedAt }
				: null;
		c.header('cache-control', 'no-store');
		return c.json({
			version: notice.version,
			consented,
			upToDate: consented?.version === notice.version
		} satisfies ConsentState);
	});

	app.post('/consent', async (c) => {
		const user = await signedIn(c, deps);
		if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
			throw jsonHttpError(415, 'unsupported_media_type', 'send {"version": "…"} as application/json');
		}
		const body = await readJson(c);
		const version = (body as { version?: unknown } | null)?.version;
		if (typeof version !== 'string')
			throw jsonHttpError(400, 'bad_request', 'send {"version": "…"}: the version of the privacy notice you read');
		const notice = await current();
		if (version !== notice.version) {
			throw jsonHttpError(
				409,
				'conflict',
				'the privacy notice changed again since you opened it: read the new version'
			);
		}
		const consentedAt = deps.clock().toISOString();
		if (!(await deps.auth.users.setPrivacyConsent(user.name, { privacyVersion: version, consentedAt }))) {
			throw jsonHttpError(401, 'unauthorized', 'this account no longer exists');
		}
		return c.json({ version, consentedAt });
	});

	return app;
}
