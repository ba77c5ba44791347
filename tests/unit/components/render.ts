// Renders a component to HTML on Node, as the server-side renderer would: the unit tests run
// without the Svelte Vite plugin, so the component is compiled here and imported from a
// temporary file, its `$lib` and relative imports made absolute.
import { compile } from 'svelte/compiler';
import { render } from 'svelte/server';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Component } from 'svelte';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export async function renderComponent(path: string, props: Record<string, unknown>): Promise<string> {
	const source = readFileSync(join(ROOT, path), 'utf8');
	const { js } = compile(source, { generate: 'server', filename: path, dev: false });
	const code = js.code
		.replace(/from '\$lib\/([^']+)'/g, (_, spec: string) => `from '${join(ROOT, 'src/lib', spec)}'`)
		.replace(/from '(\.\.?\/[^']+)'/g, (_, spec: string) => `from '${join(ROOT, dirname(path), spec)}'`);
	const dir = mkdtempSync(join(tmpdir(), 'praxis-component-'));
	try {
		const file = join(dir, 'component.js');
		writeFileSync(file, code);
		const module = (await import(/* @vite-ignore */ file)) as { default: Component<Record<string, unknown>> };
		return render(module.default, { props }).body;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
