// RefusalReason on "Needs attention" says a refusal in the member's words and keeps the server's own behind
// "Details".
import { describe, expect, it } from 'vitest';
import { renderComponent } from './render';

const row = {
	id: 'thread:01JAAAAAAAAAAAAAAAAAAAAAAA',
	db: 'community',
	at: '2026-03-01T09:00:00.000Z',
	reason: 'category no-such-forum does not exist',
	doc: { _id: 'thread:01JAAAAAAAAAAAAAAAAAAAAAAA', type: 'thread', title: 'Posted nowhere', body: 'Hello' }
};

describe('RefusalReason', () => {
	it('says why in plain words, what to do next, and the server’s reason under Details', async () => {
		const html = await renderComponent('src/routes/attention/RefusalReason.svelte', { reason: row.reason });
		expect(html).toContain('Refused by the server:</strong> Part of this is missing or not in the form');
		expect(html).toContain('Edit it and resend it. If it cannot be fixed here, discard it.');
		expect(html).toMatch(/<details[^>]*><summary[^>]*>Details<\/summary>/);
		expect(html).toContain('<span lang="en" dir="ltr">category no-such-forum does not exist</span>');
	});
});
