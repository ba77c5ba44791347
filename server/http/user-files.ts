// Headers for bytes members uploaded (attachments, library files), served from the app's own
// origin: a file must never run as part of the app. HTML or SVG opened inline from here would
// run script with the member's rights (the app's CSP allows script-src 'self'), so only passive
// types are shown inline; everything else is a download. Every answer forbids sniffing and
// carries a sandboxing CSP, so even a file a browser did render can run nothing.

/** Shown in the browser: raster images and plain text. Everything else downloads. */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'text/plain']);

export const USER_FILE_CSP = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'";

export function userFileHeaders(declaredType: string, fileName: string): Record<string, string> {
	const base = declaredType.split(';')[0].trim().toLowerCase();
	const inline = INLINE_TYPES.has(base);
	return {
		'content-type': base === 'text/plain' ? 'text/plain; charset=utf-8' : inline ? base : 'application/octet-stream',
		'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(fileName)}`,
		'x-content-type-options': 'nosniff',
		'content-security-policy': USER_FILE_CSP,
		'cross-origin-resource-policy': 'same-origin'
	};
}
