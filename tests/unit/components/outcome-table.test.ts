import { describe, expect, it } from 'vitest';
import { renderComponent } from './render';

describe('OutcomeTable', () => {
	it('says under a result where citizens’ feedback comes from and how many were asked', async () => {
		const html = await renderComponent('src/lib/components/OutcomeTable.svelte', {
			outcomes: [
				{
					metric: 'citizen-satisfaction',
					label: 'Residents satisfied',
					before: 62,
					after: 81,
					unit: '%',
					source: 'Resident survey, March 2026',
					sampleSize: 412
				}
			]
		});
		expect(html).toContain('Source: Resident survey, March 2026 (412 people asked)');
	});
});
