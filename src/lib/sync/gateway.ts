// Where the home server answers, built here only: the CouchDB gateway under `/couch`
// (replication and library files) and the JSON API under `/api`, both on the origin that served
// the app. A meetup hub answers at its own address (hub.ts), with a gateway but no API.
export const COUCH_PATH = '/couch';
export const API_PATH = '/api';

function trimmed(origin: string): string {
	return origin.replace(/\/+$/, '');
}

/** The CouchDB gateway's base URL on `origin` (the app's own by default). */
export function couchBase(origin: string = location.origin): string {
	return trimmed(origin) + COUCH_PATH;
}

/** An API path on the app's own origin (`/calendar/secret` → `/api/calendar/secret`). */
export function apiPath(path: string): string {
	return API_PATH + path;
}

/** The API beside a gateway base (`https://x/couch` → `https://x/api`); null when `base` is no gateway (a hub). */
export function apiBesideCouch(base: string): string | null {
	const couch = trimmed(base);
	return couch.endsWith(COUCH_PATH) ? couch.slice(0, -COUCH_PATH.length) + API_PATH : null;
}
