// Stories, adoptions, challenges, flags and moderators' reasons: every limited box counts
// instead of cutting, and names under it why it is refused.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderComponent } from '../components/render';

const FORMS = [
	'src/routes/stories/StoryForm.svelte',
	'src/lib/components/OutcomeFields.svelte',
	'src/lib/components/AdoptionForm.svelte',
	'src/routes/challenges/ChallengeForm.svelte',
	'src/routes/challenges/[ulid]/JudgeForm.svelte',
	'src/lib/components/FlagButton.svelte',
	'src/routes/admin/MemberActions.svelte',
	'src/routes/moderation/QueueItem.svelte',
	'src/lib/forms/LimitedField.svelte'
];

describe('limited boxes', () => {
	it.each(FORMS)('%s has no maxlength', (path) => {
		expect(readFileSync(path, 'utf8')).not.toMatch(/maxlength/i);
	});

	it('name their message, hint and counter, and keep a text over the limit whole', async () => {
		const html = await renderComponent('src/lib/forms/LimitedField.svelte', {
			id: 'title',
			label: 'Title',
			value: 'x'.repeat(205),
			limit: 200,
			error: 'Title is too long.',
			hint: 'A few words.'
		});
		expect(html).toContain('<label for="title">Title</label>');
		expect(html).toContain('aria-invalid="true"');
		expect(html).toContain('aria-describedby="title-error title-hint title-count"');
		expect(html).toContain(`value="${'x'.repeat(205)}"`);
		expect(html).toContain('<p id="title-error" class="field-error');
		expect(html).toContain('5 characters over the limit');
	});

	it('say nothing and name only the counter while the text is fine', async () => {
		const html = await renderComponent('src/lib/forms/LimitedField.svelte', {
			id: 'notes',
			label: 'Notes',
			value: 'ok',
			limit: 5000,
			rows: 3
		});
		expect(html).toContain('<textarea id="notes" rows="3"');
		expect(html).toContain('aria-describedby="notes-count"');
		expect(html).not.toContain('aria-invalid');
		expect(html).not.toContain('field-error');
	});
});
