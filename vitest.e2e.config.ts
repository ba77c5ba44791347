import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// End-to-end tests: playwright-core driving Debian's /usr/bin/chromium against a real server.
export default defineConfig({
	resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
	test: {
		include: ['tests/e2e/**/*.test.ts'],
		environment: 'node',
		testTimeout: 120_000,
		hookTimeout: 120_000,
		// two files at a time: each waits on a browser and a server far more than it computes
		fileParallelism: true,
		maxWorkers: 2
	}
});
