import { describe, expect, it } from 'vitest';
import { renderComponent } from './render';
import { emptyOutcomeDraft } from '../../../src/lib/domain/outcome-drafts';

const render = (outcomes: unknown[], checked = false) =>
	renderComponent('src/lib/components/OutcomeFields.svelte', { outcomes, checked });
/** The opening tag of the box whose id ends with `suffix`. */
const box = (html: string, suffix: string) =>
	new RegExp(`<(input|select)[^>]*id="[^"]*-${suffix}"[^>]*>`).exec(html)?.[0] ?? '';
/** The message under the box whose id ends with `suffix`. */
const message = (html: string, suffix: string) =>
	new RegExp(`<p id="[^"]*-${suffix}-error" class="field-error[^"]*">([^<]*)</p>`).exec(html)?.[1];
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

	it('says under each box of a sent row what it lacks, and keeps what was typed', async () => {
		const row = { ...emptyOutcomeDraft(), metric: 'waiting-time', label: 'x'.repeat(230), before: '12' };
		const html = await render([emptyOutcomeDraft(), row], true);
		expect(message(html, '1-after')).toBe(
			'Result 2: the figure after is missing. Give it, or a single figure instead.'
		);
		expect(box(html, '1-after')).toContain('aria-invalid="true"');
		expect(box(html, '1-after')).toMatch(/aria-describedby="[^"]*-1-after-error"/);
		expect(message(html, '1-unit')).toBe('Result 2: give a unit, such as days, hours or %.');
		expect(message(html, '1-label')).toBe(
			'Result 2: “What was measured” is too long: 230 characters, at most 200. Shorten it by 30.'
		);
		expect(box(html, '1-label')).toContain(`value="${'x'.repeat(230)}"`);
		expect(box(html, '1-label')).not.toContain('maxlength');
		expect(html).toContain('230 of 200 characters');
		expect(box(html, '1-before')).not.toContain('aria-invalid');
		// the first row is empty: it is left out when saved, so nothing is asked of it
		expect(box(html, '0-before')).not.toContain('aria-invalid');
		expect(message(html, '0-metric')).toBeUndefined();
	});

	it('says nothing before the row is left or the form sent', async () => {
		const html = await render([{ ...emptyOutcomeDraft(), before: 'twelve' }]);
		expect(html).not.toContain('field-error');
		const sent = await render([{ ...emptyOutcomeDraft(), before: 'twelve' }], true);
		expect(message(sent, '0-before')).toBe('Result 1: the figure before is not a number.');
		expect(message(sent, '0-metric')).toBe('Result 1: choose what was measured.');
	});
});
