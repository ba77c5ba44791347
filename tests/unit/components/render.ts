// Renders a component to HTML on Node, as the server-side renderer would: the unit tests run
// without the Svelte Vite plugin, so the component and the components it imports are compiled
// here and imported from a temporary folder, their `$lib` and relative imports made absolute.
import { compile } from 'svelte/compiler';
import { render } from 'svelte/server';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Component } from 'svelte';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Compiles `path` (relative to the root) into `dir`, with every `.svelte` it imports; gives the file written. */
function compileInto(dir: string, path: string, done: Map<string, string>): string {
	const known = done.get(path);
	if (known) return known;
	const file = join(dir, `${done.size}.js`);
	done.set(path, file);
	const source = readFileSync(join(ROOT, path), 'utf8');
	const { js } = compile(source, { generate: 'server', filename: path, dev: false });
	const absolute = (spec: string): string => {
		const target = spec.startsWith('$lib/') ? join('src/lib', spec.slice('$lib/'.length)) : join(dirname(path), spec);
		return target.endsWith('.svelte') ? compileInto(dir, relative(ROOT, join(ROOT, target)), done) : join(ROOT, target);
	};
	const code = js.code
		.replace(/from '(\$lib\/[^']+)'/g, (_, spec: string) => `from '${absolute(spec)}'`)
		.replace(/from '(\.\.?\/[^']+)'/g, (_, spec: string) => `from '${absolute(spec)}'`);
	writeFileSync(file, code);
	return file;
}

export async function renderComponent(path: string, props: Record<string, unknown>): Promise<string> {
	const dir = mkdtempSync(join(tmpdir(), 'praxis-component-'));
	try {
		const file = compileInto(dir, path, new Map());
		const module = (await import(/* @vite-ignore */ file)) as { default: Component<Record<string, unknown>> };
		return render(module.default, { props }).body;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
