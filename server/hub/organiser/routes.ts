// The hub's own pages and the organiser's API. Pages (mounted at the root, after /api and /couch):
// `/hub/hub.css` and `/hub/organiser.js`; `GET /hub` the organiser's page (or the code form),
// `POST /hub` the code, `POST /hub/sign-out`; any other page path the landing page. API (mounted
// at /api/hub/organiser): `GET status`, `POST sync`, `GET export`. The organiser is whoever holds
// the session cookie or sends the hub credential as `Authorization: Bearer`; a member's hub token
// opens nothing here. Cookie-driven writes under /api pass the CSRF guard (server/http/csrf.ts);
// the forms here check the same things themselves: same origin, form content type, small body.
import { Hono, type Context } from 'hono';
import { readFileSync } from 'node:fs';
import { limitBody } from '../../http/body-limit';
import { foreignOrigin } from '../../http/csrf';
import { clientAddress } from '../../http/client-address';
import { ORGANISER_COOKIE, ORGANISER_SESSION_MS, type OrganiserAccess } from './access';
import { landingPage, organiserPage, signInPage, HUB_STYLESHEET_PATH, ORGANISER_SCRIPT_PATH } from './html';
import { organiserStatus, type StatusSources } from './status';
import { pageLanguage } from './words';

/** The code form holds one short field. */
export const ORGANISER_FORM_LIMIT_BYTES = 4 * 1024;
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;

const STYLESHEET = readFileSync(new URL('./hub.css', import.meta.url), 'utf8');
const SCRIPT = readFileSync(new URL('./organiser.js', import.meta.url), 'utf8');

export interface OrganiserRoutesDeps {
	access: OrganiserAccess;
	status: StatusSources;
	upstream: string;
	/** Starts every waiting direction of the link to the central server now; null before it started. */
	retryNow: () => boolean | null;
	/** Everything in the hub's community database as an updates file. */
	exportBundle: () => Promise<{ bytes: Uint8Array<ArrayBuffer>; count: number }>;
	clock: () => Date;
}

/** `praxis-hub-2026-12-04.praxis`, dated in the hub's own time zone (the evening's date in the hall). */
export function exportFilename(now: Date): string {
	const two = (n: number) => String(n).padStart(2, '0');
	return `praxis-hub-${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}.praxis`;
}

const langOf = (c: Context) => pageLanguage(c.req.header('accept-language'));

export function isOrganiser(access: OrganiserAccess, req: Request): boolean {
	return (
		access.hasSession(req.headers.get('cookie') ?? undefined) ||
		access.isCredential(req.headers.get('authorization') ?? undefined)
	);
}

/** Same origin and a small form body, checked before the body is read. */
function formRefusal(c: Context): 'cross-site' | 'type' | null {
	if (foreignOrigin(c) !== null) return 'cross-site';
	const type = c.req.header('content-type');
	return type === undefined || FORM_TYPE.test(type) ? null : 'type';
}

const formLimit = limitBody({
	maxSize: ORGANISER_FORM_LIMIT_BYTES,
	onError: (c) => c.text('The form is too large.', 413)
});

export function createOrganiserPages(deps: OrganiserRoutesDeps): Hono {
	const app = new Hono();
	const noStore = (c: Context) => {
		c.header('cache-control', 'no-store');
		// Under the app's `no-referrer`, Chromium sends `Origin: null` with a form's POST, and the
		// forms here refuse an opaque origin; `same-origin` still sends no referrer to other sites.
		c.header('referrer-policy', 'same-origin');
	};
	const filename = () => exportFilename(deps.clock());

	app.get(HUB_STYLESHEET_PATH, (c) => {
		c.header('content-type', 'text/css; charset=utf-8');
		c.header('cache-control', 'no-cache');
		return c.body(STYLESHEET);
	});
	app.get(ORGANISER_SCRIPT_PATH, (c) => {
		c.header('content-type', 'text/javascript; charset=utf-8');
		c.header('cache-control', 'no-cache');
		return c.body(SCRIPT);
	});
	app.get('/hub', async (c) => {
		noStore(c);
		const lang = langOf(c);
		if (!isOrganiser(deps.access, c.req.raw)) return c.html(signInPage(lang, deps.upstream));
		const status = await organiserStatus(deps.status, lang);
		return c.html(organiserPage(lang, deps.upstream, status, filename()));
	});
	app.post('/hub', formLimit, async (c) => {
		noStore(c);
		const lang = langOf(c);
		const refusal = formRefusal(c);
		if (refusal) {
			c.header('connection', 'close');
			return c.html(signInPage(lang, deps.upstream, { kind: 'cross-site' }), refusal === 'type' ? 415 : 403);
		}
		const form = await c.req.parseBody();
		const typed = typeof form.code === 'string' ? form.code : '';
		const verdict = deps.access.signIn(typed, clientAddress(c));
		if (!verdict.ok) {
			if (verdict.retryAfterSeconds > 0) {
				c.header('retry-after', String(verdict.retryAfterSeconds));
				const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
				return c.html(signInPage(lang, deps.upstream, { kind: 'too-many', minutes }), 429);
			}
			return c.html(signInPage(lang, deps.upstream, { kind: 'wrong' }), 401);
		}
		// no Secure flag: a hub is reached over plain http on the hall's network
		c.header(
			'set-cookie',
			`${ORGANISER_COOKIE}=${verdict.sessionId}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${ORGANISER_SESSION_MS / 1000}`
		);
		return c.redirect('/hub', 303);
	});
	app.post('/hub/sign-out', formLimit, (c) => {
		noStore(c);
		if (formRefusal(c)) return c.text('Refused: send this form from the hub’s own page.', 403);
		deps.access.signOut(c.req.header('cookie'));
		c.header('set-cookie', `${ORGANISER_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
		return c.redirect('/hub', 303);
	});
	// Any other page (a typed address, an old QR code): what this hub is and how to join it. Files
	// (with an extension) and requests that do not ask for HTML fall through to the static files.
	app.on(['GET', 'HEAD'], '*', async (c, next) => {
		if (/\.[a-z0-9]+$/i.test(c.req.path) || !(c.req.header('accept') ?? '').includes('text/html')) return next();
		noStore(c);
		c.header('vary', 'Accept-Language');
		return c.html(landingPage(langOf(c), deps.upstream, new URL(c.req.url).origin));
	});
	return app;
}

export function createOrganiserApi(deps: OrganiserRoutesDeps): Hono {
	const app = new Hono();
	app.use('*', async (c, next) => {
		c.header('cache-control', 'no-store');
		if (!isOrganiser(deps.access, c.req.raw))
			return c.json(
				{ error: 'unauthorized', reason: 'open the organiser’s page with the code the hub printed at start' },
				401
			);
		return next();
	});
	app.get('/status', async (c) => c.json(await organiserStatus(deps.status, langOf(c))));
	app.post('/sync', (c) => {
		const started = deps.retryNow();
		if (started === null)
			return c.json({ error: 'conflict', reason: 'this hub has not started its link to the central server yet' }, 409);
		return c.json({ ok: true, started });
	});
	app.get('/export', async (c) => {
		const { bytes } = await deps.exportBundle();
		c.header('content-type', 'application/gzip');
		c.header('content-disposition', `attachment; filename="${exportFilename(deps.clock())}"`);
		return c.body(bytes);
	});
	return app;
}
