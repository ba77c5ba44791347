// The web app manifest in the interface language: static/manifest.webmanifest is English, and
// static/manifest.{fr,es}.webmanifest say the same in French and Spanish (same `id`, so it stays
// one installed app). The <link rel="manifest"> of src/app.html is pointed at the right one
// once the language is known.

const MANIFEST_FILE = /manifest(\.[a-z]{2})?\.webmanifest$/;

/** `href` (the link's current address, assets path kept) for the manifest of `language`. */
export function manifestHref(href: string, language: string): string {
	const file = language === 'fr' || language === 'es' ? `manifest.${language}.webmanifest` : 'manifest.webmanifest';
	return MANIFEST_FILE.test(href) ? href.replace(MANIFEST_FILE, file) : href;
}

/** Points the page's manifest link at the manifest of `language` (nothing without a document). */
export function useManifestOf(language: string): void {
	if (typeof document === 'undefined') return;
	const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
	const href = link?.getAttribute('href');
	if (link && href) link.setAttribute('href', manifestHref(href, language));
}
