// Which URLs a rendered post may link to or show as an image. Pure, so it is unit-tested in Node;
// src/lib/markdown/index.ts applies it after DOMPurify has sanitized the HTML.

export type LinkKind = 'internal' | 'external' | 'blocked';

const SAFE_LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:']);
/** data: images are allowed only for raster formats (never SVG, which can carry script). */
const SAFE_DATA_IMAGE = /^data:image\/(png|jpe?g|gif|webp|avif);base64,[a-z0-9+/=\s]+$/i;

/** Parses `href` against `origin` (the app's own), or null when it is not a URL at all. */
function parse(href: string, origin: string): URL | null {
	try {
		return new URL(href.trim(), origin);
	} catch {
		return null;
	}
}

/** internal: same origin (or a fragment); external: http(s)/mailto/tel elsewhere; blocked: the rest. */
export function classifyLink(href: string, origin: string): LinkKind {
	const url = parse(href, origin);
	if (!url || !SAFE_LINK_PROTOCOLS.has(url.protocol)) return 'blocked';
	if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin === new URL(origin).origin) {
		return 'internal';
	}
	return 'external';
}

/** Images load only from the app's own origin or as inline raster data, so posts cannot track readers. */
export function isAllowedImage(src: string, origin: string): boolean {
	if (SAFE_DATA_IMAGE.test(src.trim())) return true;
	const url = parse(src, origin);
	return (
		url !== null && (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === new URL(origin).origin
	);
}

/** The rel attribute every external link gets. */
export const EXTERNAL_REL = 'noopener noreferrer nofollow';
