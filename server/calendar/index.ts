// /api/calendar: each member's private iCalendar subscription of the events they RSVPed to.
//   POST   /api/calendar/secret        signed in → 201 {url}  (a new secret; the old URL stops working)
//   GET    /api/calendar/secret        signed in → {active}
//   DELETE /api/calendar/secret        signed in → {revoked}
//   GET    /api/calendar/{secret}.ics  anyone holding the URL → text/calendar (going + maybe)
// Calendar apps cannot sign in, so the unguessable secret (32 random bytes) is the credential.
import { Hono, type Context } from 'hono';
import { COMMUNITY_DB } from '../../src/lib/domain/ids';
import { attendanceOf } from '../../src/lib/pouch/attendance';
import { validateCommunityDoc } from '../../src/lib/domain/validate';
import type { EventDoc } from '../../src/lib/domain/schemas';
import { eventsToIcs, type CalendarEvent } from '../../src/lib/domain/ics';
import type { Storage } from '../storage/index';
import type { AuthService, SessionUser } from '../auth/types';
import { clientAddress, type AddressOf } from '../http/client-address';
import { createCalendarSecrets } from './secrets';
import { createRsvpIndex, type RsvpIndex } from './rsvp-index';

export interface CalendarRoutesDeps {
	storage: Storage;
	auth: AuthService;
	addressOf?: AddressOf;
}

/** The events `name` answered going or maybe to, from the community database. */
export async function rsvpedEvents(
	storage: Storage,
	name: string,
	index: RsvpIndex = createRsvpIndex(storage)
): Promise<EventDoc[]> {
	const db = storage.db(COMMUNITY_DB);
	const wanted = await index.eventsOf(name);
	if (!wanted.length) return [];
	const events = await db.allDocs({ keys: wanted, include_docs: true });
	const out: EventDoc[] = [];
	for (const row of events.rows) {
		const checked = 'doc' in row && row.doc ? validateCommunityDoc(row.doc) : null;
		if (checked?.ok && checked.doc.type === 'event') out.push(checked.doc);
	}
	return out;
}

/**
 * `name`'s place at each event, as the server decided it (server/events/places.ts): confirmed
 * with a place; tentative on the waiting list, after answering "maybe", or while the answer is
 * pending (a hub holds it and the server has not placed it yet).
 */
export async function withPlaces(
	storage: Storage,
	name: string,
	events: readonly EventDoc[]
): Promise<CalendarEvent[]> {
	const db = storage.db(COMMUNITY_DB);
	const out: CalendarEvent[] = [];
	for (const event of events) {
		const attendance = await attendanceOf(db, event._id);
		out.push({ ...event, place: attendance.going.includes(name) ? 'confirmed' : 'tentative' });
	}
	return out;
}

export function createCalendarRoutes(deps: CalendarRoutesDeps): Hono {
	const { storage, auth } = deps;
	const addressOf = deps.addressOf ?? clientAddress;
	const secrets = createCalendarSecrets(storage);
	const rsvps = createRsvpIndex(storage);
	const app = new Hono();

	async function member(c: Context): Promise<SessionUser | Response> {
		const user = await auth.authenticate(c.req.raw, addressOf(c));
		c.header('cache-control', 'no-store');
		if (!user) return c.json({ error: 'unauthorized', reason: 'sign in to manage your calendar feed' }, 401);
		return user;
	}

	app.post('/secret', async (c) => {
		const user = await member(c);
		if (user instanceof Response) return user;
		const secret = await secrets.regenerate(user.name);
		return c.json({ url: `/api/calendar/${secret}.ics` }, 201);
	});
	app.get('/secret', async (c) => {
		const user = await member(c);
		if (user instanceof Response) return user;
		return c.json({ active: await secrets.has(user.name) });
	});
	app.delete('/secret', async (c) => {
		const user = await member(c);
		if (user instanceof Response) return user;
		return c.json({ revoked: await secrets.revoke(user.name) });
	});
	app.get('/:file', async (c) => {
		const file = c.req.param('file');
		const notFound = () =>
			c.json({ error: 'not_found', reason: 'no calendar at this address (it may have been revoked)' }, 404);
		if (!file.endsWith('.ics')) return notFound();
		const name = await secrets.memberOf(file.slice(0, -'.ics'.length));
		if (!name) return notFound();
		const origin = new URL(c.req.url).origin;
		const events = await withPlaces(storage, name, await rsvpedEvents(storage, name, rsvps));
		const body = eventsToIcs(events, { name: 'Praxis: my events', origin });
		return c.body(body, 200, {
			'content-type': 'text/calendar; charset=utf-8',
			'cache-control': 'private, max-age=300'
		});
	});
	return app;
}
