// The server shares only pure client code (src/lib/domain and the other folders both sides
// import): nothing it loads, directly or through another module, comes from the client's
// persistence (src/lib/store) or network (src/lib/sync) layers.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FORBIDDEN = /^src\/lib\/(store|sync)\//;
const IMPORT =
	/(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
	});
}

/** The file a relative or $lib specifier names, or null for packages and node: modules. */
function resolveSpecifier(from: string, specifier: string): string | null {
	const base = specifier.startsWith('$lib/')
		? join(ROOT, 'src/lib', specifier.slice(5))
		: specifier.startsWith('.')
			? resolve(dirname(from), specifier)
			: null;
	if (!base) return null;
	for (const candidate of [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts')]) {
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	}
	throw new Error(`${relative(ROOT, from)} imports ${specifier}, which does not resolve`);
}

/** Every module reachable from `entries`, with the chain that first reached it. */
function importGraph(entries: string[]): Map<string, string[]> {
	const reached = new Map<string, string[]>();
	const queue = entries.map((file) => ({ file, chain: [relative(ROOT, file)] }));
	while (queue.length) {
		const { file, chain } = queue.shift()!;
		const rel = relative(ROOT, file);
		if (reached.has(rel)) continue;
		reached.set(rel, chain);
		if (FORBIDDEN.test(rel)) continue; // reported; what it imports in turn does not matter
		for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
			const target = resolveSpecifier(file, match[1] ?? match[2] ?? match[3]);
			if (target) queue.push({ file: target, chain: [...chain, relative(ROOT, target)] });
		}
	}
	return reached;
}

describe('server imports', () => {
	it('reach no module of src/lib/store or src/lib/sync, directly or indirectly', () => {
		const graph = importGraph(filesUnder(join(ROOT, 'server')));
		const leaks = [...graph].filter(([file]) => FORBIDDEN.test(file)).map(([, chain]) => chain.join(' → '));
		expect(leaks).toEqual([]);
		// the walk does follow the server into the shared pure code
		expect([...graph.keys()].some((file) => file.startsWith('src/lib/domain/'))).toBe(true);
	});

	it('would report a server module that imported the store', () => {
		const dir = mkdtempSync(join(tmpdir(), 'praxis-imports-'));
		try {
			// a stand-in server module two steps from the store: it imports a helper that does
			const storeFile = filesUnder(join(ROOT, 'src/lib/store'))[0];
			writeFileSync(join(dir, 'helper.ts'), `export * from '${relative(dir, storeFile).replace(/\.ts$/, '')}';\n`);
			writeFileSync(join(dir, 'route.ts'), `import { x } from './helper';\n`);
			const graph = importGraph([join(dir, 'route.ts')]);
			const leaks = [...graph].filter(([file]) => FORBIDDEN.test(file)).map(([, chain]) => chain);
			expect(leaks.length).toBeGreaterThan(0);
			expect(leaks[0].at(-2)).toBe(relative(ROOT, join(dir, 'helper.ts')));
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
