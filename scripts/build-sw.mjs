// After `vite build`: generates build/sw.js with Workbox, precaching the whole app shell so the
// app opens with no network. Registered by the app with workbox-window (src/lib/pwa).
import { generateSW } from 'workbox-build';

const { count, size, warnings } = await generateSW({
	globDirectory: 'build',
	globPatterns: ['**/*.{html,js,css,png,svg,ico,webmanifest,json,txt,woff2}'],
	// The worker itself and kit's version file (polled by the app) must always come from the network.
	globIgnores: ['sw.js', 'workbox-*.js', '_app/version.json'],
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
	sourcemap: false,
	inlineWorkboxRuntime: true
});
for (const w of warnings) console.warn('build-sw:', w);
console.log(`build-sw: precached ${count} files, ${(size / 1024).toFixed(1)} KiB`);
