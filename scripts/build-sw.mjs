// After `vite build`: generates build/sw.js with Workbox, precaching the whole app shell so the
// app opens with no network. Registered by the app with workbox-window (src/lib/pwa).
import { generateSW } from 'workbox-build';

const ON_DEMAND_CHUNK_BYTES = 1024 * 1024;

const { count, size, warnings } = await generateSW({
	globDirectory: 'build',
	globPatterns: ['**/*.{html,js,css,png,svg,ico,webmanifest,json,txt,woff2}'],
	// The worker itself and kit's version file (polled by the app) must always come from the network.
	// The manifest's screenshots are for install dialogs and stores only, never shown in the app.
	globIgnores: ['sw.js', 'workbox-*.js', '_app/version.json', 'screenshots/**'],
	swDest: 'build/sw.js',
	navigateFallback: '/index.html',
	navigateFallbackDenylist: [/^\/api\//, /^\/couch\//],
	// Never take over a running app: the page shows "A new version is available" and asks.
	skipWaiting: false,
	clientsClaim: true,
	cleanupOutdatedCaches: true,
	// Hashed assets under _app/immutable carry their version in their name.
	dontCacheBustURLsMatching: /^_app\/immutable\//,
	maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
	// Code only some screens import on demand and too big to send every device at install is left
	// to the browser's HTTP cache: today the password-strength word lists (1.6 MB, 830 KB
	// compressed), which only the password forms load and which need the network anyway.
	manifestTransforms: [
		async (entries) => {
			const manifest = entries.filter(
				(e) => !(e.url.startsWith('_app/immutable/chunks/') && e.size > ON_DEMAND_CHUNK_BYTES)
			);
			for (const e of entries)
				if (!manifest.includes(e))
					console.log(`build-sw: not precached (loaded on demand): ${e.url}, ${(e.size / 1024).toFixed(0)} KiB`);
			return { manifest, warnings: [] };
		}
	],
	sourcemap: false,
	inlineWorkboxRuntime: true
});
for (const w of warnings) console.warn('build-sw:', w);
console.log(`build-sw: precached ${count} files, ${(size / 1024).toFixed(1)} KiB`);
