// axe-core in the page under test: the serious and critical violations, one line each. The page
// must be opened with bypassCSP (the app's CSP does not allow an injected script).
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';

interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	nodes: Array<{ target: unknown[] }>;
}

let source: Promise<string> | null = null;

export async function seriousViolations(page: Page): Promise<string[]> {
	return violations(page, ['serious', 'critical']);
}

/** The violations of the given impacts (e.g. moderate as well), one line each. */
export async function violations(page: Page, impacts: readonly string[]): Promise<string[]> {
	await page.addScriptTag({ content: await (source ??= readFile('node_modules/axe-core/axe.min.js', 'utf8')) });
	const found = await page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[]; passes: unknown[] }> } })
			.axe;
		const result = await axe.run();
		// no passes at all would mean axe looked at nothing (an empty page)
		if (result.passes.length === 0) throw new Error('axe checked nothing');
		return result.violations;
	});
	return found
		.filter((v) => v.impact !== null && impacts.includes(v.impact))
		.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}
