import { describe, expect, it } from 'vitest';
import { renderComponent } from './render';
import { emptyOutcomeDraft } from '../../../src/lib/domain/outcome-drafts';

const render = (outcomes: unknown[]) => renderComponent('src/lib/components/OutcomeFields.svelte', { outcomes });
const labels = (html: string) => [...html.matchAll(/<label [^>]*>([^<]+)<\/label>/g)].map((m) => m[1]);

describe('OutcomeFields', () => {
	it('lists the citizen measures', async () => {
		const html = await render([emptyOutcomeDraft()]);
		expect(html).toContain('>Citizen satisfaction</option>');
		expect(html).toContain('>Complaints</option>');
	});

	it('asks a citizen measure at once where the feedback comes from and how many were asked', async () => {
		const html = await render([{ ...emptyOutcomeDraft(), metric: 'complaints' }]);
		expect(labels(html)).toEqual(expect.arrayContaining(['Source', 'People asked']));
		expect(html).toContain("Where citizens' feedback comes from, e.g. Resident survey, March 2026");
		expect(html).not.toContain('Add a source');
	});

	it('offers the source fields to other measures behind a button, and shows them once filled', async () => {
		const plain = await render([{ ...emptyOutcomeDraft(), metric: 'processing-time' }]);
		expect(labels(plain)).not.toContain('Source');
		expect(plain).toContain('Add a source to result 1');
		const filled = await render([{ ...emptyOutcomeDraft(), metric: 'processing-time', source: 'Case system' }]);
		expect(labels(filled)).toEqual(expect.arrayContaining(['Source', 'People asked']));
		expect(filled).toContain('value="Case system"');
		expect(filled).toContain('Where the figures come from, e.g. Case management system');
	});

	it('shows a row kept in a form draft from before the source fields existed', async () => {
		const { source: _s, sampleSize: _n, ...old } = { ...emptyOutcomeDraft(), metric: 'waiting-time' as const };
		const html = await render([old]);
		expect(html).toContain('Add a source to result 1');
	});
});
