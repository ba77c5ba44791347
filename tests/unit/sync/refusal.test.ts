// A refused write's reason read for its kind, with a sentence and a next step in the member's
// language; the server's own reason is left to the caller for "Details".
import { afterAll, describe, expect, it } from 'vitest';
import { classifyRefusal, refusalWords } from '../../../src/lib/sync/refusal';
import { prepareLanguage } from '../../../src/lib/i18n/index';

describe('classifyRefusal', () => {
	it.each([
		['only the author or a moderator may change or delete this document', 'forbidden'],
		['author must be the signed-in member (carol)', 'forbidden'],
		['members write only their own profile', 'forbidden'],
		['the author of a document cannot change', 'forbidden'],
		['the signing device does not belong to the author, and bob may not make this change: x', 'forbidden'],
		['invalid thread: title: Invalid length: Expected <=200 but received 250', 'invalid'],
		['category no-such-forum does not exist', 'invalid'],
		['_id must start with "thread:"', 'invalid'],
		['unknown document type "banana"', 'invalid'],
		['At most 10 co-authors.', 'invalid'],
		['the document body exceeds 65536 bytes', 'tooLarge'],
		['attachment file exceeds 10485760 bytes', 'tooLarge'],
		['Document update conflict.', 'conflict'],
		[
			'You are writing faster than this community allows (30 changes a minute). What you wrote waits on your device and is sent in 20 seconds.',
			'rateLimited'
		],
		['the signature does not match the document (altered after signing?)', 'other'],
		['refused by the server', 'other'],
		['', 'other']
	] as const)('%s → %s', (reason, kind) => {
		expect(classifyRefusal(reason).kind).toBe(kind);
	});

	it('names the fields of an invalid document, each once, by its first path segment', () => {
		expect(
			classifyRefusal(
				'invalid thread: title: Invalid length: Expected <=200; tags.3: Invalid format; title: Invalid type'
			).fields
		).toEqual(['title', 'tags']);
		expect(classifyRefusal('category nowhere does not exist').fields).toEqual([]);
		expect(classifyRefusal('only moderators create categories').fields).toEqual([]);
	});
});

describe('refusalWords', () => {
	afterAll(() => prepareLanguage('en'));

	it('says what happened and what to do, naming the parts the member can fix', async () => {
		await prepareLanguage('en');
		const invalid = refusalWords('invalid story: body: Invalid length; title: Invalid length');
		expect(invalid.kind).toBe('invalid');
		expect(invalid.next).toBe('Check the text and the title, then resend it.');
		expect(refusalWords('invalid story: impact.0: Invalid type').next).toBe(
			'Edit it and resend it. If it cannot be fixed here, discard it.'
		);
		expect(refusalWords('Document update conflict.').sentence).toBe(
			'Someone else changed this on the server while you were changing it.'
		);
	});

	it('speaks the member’s language, whatever the server wrote', async () => {
		await prepareLanguage('fr');
		const words = refusalWords('only reviewers write reviews');
		expect(words.sentence).toMatch(/^Vous ne pouvez pas faire cette modification/);
		expect(refusalWords('invalid thread: title: Invalid length').next).toBe('Vérifiez le titre, puis renvoyez-la.');
		await prepareLanguage('es');
		expect(refusalWords('the document body exceeds 65536 bytes').sentence).toBe(
			'Es demasiado grande para el servidor.'
		);
	});
});
