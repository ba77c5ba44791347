import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Unit and server integration tests (Node). Browser tests live in vitest.e2e.config.ts.
export default defineConfig({
	resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 30_000
	}
});
