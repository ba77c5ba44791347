import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Unit and server integration tests (Node). Browser tests live in vitest.e2e.config.ts.
export default defineConfig({
	resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 30_000,
		// The suite is CPU-bound on a 2-core machine, and re-importing PouchDB, Hono and the app
		// for every file cost a quarter of it. Files share nothing through modules: stores,
		// databases, ports and temp folders are unique per test (process id + counter, port 0),
		// so a worker keeps its modules from one file to the next.
		isolate: false,
		// Vitest's default is cores − 1, one worker here: many server tests wait on sockets and
		// child processes, which a second worker fills.
		maxWorkers: 2
	}
});
