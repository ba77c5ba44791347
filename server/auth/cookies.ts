// The session cookie: httpOnly, SameSite=Lax, Path=/, 30 days; Secure over https.
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE } from './credentials';
import { SESSION_TTL_SECONDS } from './tokens';

/** https when configured, when the request itself is https, or when a proxy says it was. */
export function isSecureRequest(c: Context, secureCookies: boolean): boolean {
	if (secureCookies) return true;
	if (new URL(c.req.url).protocol === 'https:') return true;
	return c.req.header('x-forwarded-proto')?.split(',')[0].trim() === 'https';
}

export function setSessionCookie(c: Context, token: string, secureCookies: boolean): void {
	setCookie(c, SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'Lax',
		path: '/',
		maxAge: SESSION_TTL_SECONDS,
		secure: isSecureRequest(c, secureCookies)
	});
}

export function clearSessionCookie(c: Context, secureCookies: boolean): void {
	deleteCookie(c, SESSION_COOKIE, {
		path: '/',
		httpOnly: true,
		sameSite: 'Lax',
		secure: isSecureRequest(c, secureCookies)
	});
}
