// The plain words of the moderation screens and the default end of a suspension.
import { describe, expect, it } from 'vitest';
import {
	defaultSuspensionEnd,
	describeDetails,
	describeTarget,
	doneStatus,
	flagCount,
	isoDate,
	kindLabel,
	logActionLabel,
	targetHref,
	reasonLabel
} from '../../../src/routes/moderation/labels';

describe('moderation labels', () => {
	it('names every kind of flagged item', () => {
		expect(['thread', 'post', 'resource', 'event', 'story', 'profile'].map(kindLabel)).toEqual([
			'Thread',
			'Reply',
			'Library resource',
			'Event',
			'Story',
			'Profile'
		]);
	});

	it('names every flag reason', () => {
		expect(['spam', 'harassment', 'off-topic', 'confidential', 'other'].map(reasonLabel)).toEqual([
			'Spam',
			'Harassment',
			'Off-topic',
			'Confidential information shared',
			'Other'
		]);
	});

	it('counts flags', () => {
		expect(flagCount(1)).toBe('1 flag');
		expect(flagCount(3)).toBe('3 flags');
	});

	it('says what each logged action did, and something readable for one it does not know', () => {
		expect(
			[
				'hide',
				'auto-hide',
				'dismiss',
				'delete',
				'lock',
				'move',
				'pin',
				'suspend',
				'role-change',
				'hub-enrol',
				'reset-code'
			].map(logActionLabel)
		).toEqual([
			'Hid',
			'Hid automatically',
			'Dismissed flags',
			'Deleted',
			'Locked',
			'Moved',
			'Pinned',
			'Suspended',
			'Changed roles',
			'Enrolled a hub',
			'Gave a reset code'
		]);
		expect(logActionLabel('archive-all')).toBe('Archive all');
	});

	it('tells the moderator the action is done and logged', () => {
		expect(doneStatus({ target: 'post:01H', action: 'hide', reason: 'Spam' })).toBe(
			'Hidden. The action is in the moderation log.'
		);
		expect(doneStatus({ target: 'thread:01H', action: 'move', category: 'budgets' }, 'Budgets and finance')).toBe(
			'Moved to Budgets and finance. The action is in the moderation log.'
		);
		expect(doneStatus({ target: 'thread:01H', action: 'lock', reason: 'Heated' })).toBe(
			'Thread locked. The action is in the moderation log.'
		);
		expect(doneStatus({ target: 'post:01H', action: 'suspend', until: '2026-12-10' })).toMatch(
			/^Author suspended until .*2026.*\. The action is in the moderation log\.$/
		);
	});

	it('describes what a log entry was about', () => {
		expect(describeTarget('member:ines')).toBe('Member ines');
		expect(describeTarget('hub:village-hall')).toBe('Hub village-hall');
		expect(describeTarget('thread:01HX', { title: 'Budget templates' })).toBe('Thread “Budget templates”');
		expect(describeTarget('post:01HX')).toBe('Reply 01HX');
		expect(describeTarget('post:01HX', { title: 'Budget templates' })).toBe('Reply in “Budget templates”');
		expect(describeTarget('something-else')).toBe('something-else');
		expect(describeDetails({ title: 'Budget templates', category: 'budgets', from: 'general' })).toBe(
			'from: general · to: budgets'
		);
		expect(describeDetails({ item: 'post:01HX', granted: 'moderator' })).toBe(
			'gave the role: moderator · flagged item: Reply 01HX'
		);
		expect(describeDetails(undefined)).toBe('');
	});

	it('links a log entry to its item where it has a page', () => {
		expect(targetHref('thread:01HX')).toBe('/forums/t/01HX');
		expect(targetHref('resource:01HX')).toBe('/library/01HX');
		expect(targetHref('story:01HX')).toBe('/stories/01HX');
		expect(targetHref('event:01HX')).toBe('/events/01HX');
		expect(targetHref('member:ines')).toBe('/people/ines');
		expect(targetHref('post:01HX')).toBeNull();
		expect(targetHref('hub:village-hall')).toBeNull();
		expect(targetHref('nonsense')).toBeNull();
	});

	it('suspends for 7 days by default, on the moderator’s calendar', () => {
		expect(defaultSuspensionEnd(new Date(2026, 11, 3, 23, 30))).toBe('2026-12-10');
		expect(defaultSuspensionEnd(new Date(2026, 11, 28, 0, 5))).toBe('2027-01-04');
		expect(defaultSuspensionEnd(new Date(2026, 1, 25), 7)).toBe('2026-03-04');
		expect(isoDate(new Date(2026, 0, 5))).toBe('2026-01-05');
	});
});
