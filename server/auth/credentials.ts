// Reading credentials from a request: the session cookie and the Authorization header.
export const SESSION_COOKIE = 'praxis_session';

export type Authorization =
	{ scheme: 'basic'; username: string; password: string } | { scheme: 'bearer'; token: string };

/** Basic or Bearer credentials, or null when the header is of another kind or malformed. */
export function parseAuthorization(header: string): Authorization | null {
	const match = /^(\w+)\s+(\S+)\s*$/.exec(header);
	if (!match) return null;
	const scheme = match[1].toLowerCase();
	if (scheme === 'bearer') return { scheme: 'bearer', token: match[2] };
	if (scheme !== 'basic') return null;
	const decoded = Buffer.from(match[2], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon <= 0) return null;
	return { scheme: 'basic', username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The value of the session cookie in a Cookie header, or null. */
export function sessionCookieValue(cookieHeader: string | null): string | null {
	if (!cookieHeader) return null;
	for (const part of cookieHeader.split(';')) {
		const eq = part.indexOf('=');
		if (eq < 0) continue;
		if (part.slice(0, eq).trim() === SESSION_COOKIE) {
			const value = part.slice(eq + 1).trim();
			return value.length > 0 ? value : null;
		}
	}
	return null;
}
