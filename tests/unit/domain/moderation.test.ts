// Who sees a moderated item: everyone when nothing is hidden; its author and moderators (admins
// hold every role) with the reason when hidden; everyone else "Hidden by moderators". And the
// words a member reads about the state of their own flag.
import { describe, expect, it } from 'vitest';
import { flagStateText, hiddenNotice, isLocked, visibilityOf } from '../../../src/lib/domain/moderation';

const hidden = { hidden: { reason: 'Shares a phone number', at: '2026-01-01T00:00:00.000Z', by: 'mo' } };

describe('visibilityOf', () => {
	it('shows an item nobody hid to everyone', () => {
		expect(visibilityOf('alice', 'bob', ['member'], undefined)).toEqual({ kind: 'shown' });
		expect(visibilityOf('alice', 'bob', ['member'], { pinned: true })).toEqual({ kind: 'shown' });
	});

	it('hides a hidden item from members who neither wrote it nor moderate', () => {
		expect(visibilityOf('alice', 'bob', ['member'], hidden)).toEqual({ kind: 'hidden' });
		expect(visibilityOf('alice', 'bob', ['member', 'reviewer'], hidden)).toEqual({ kind: 'hidden' });
		expect(hiddenNotice({ kind: 'hidden' })).toBeNull();
	});

	it('shows the author their hidden item with the reason', () => {
		const seen = visibilityOf('alice', 'alice', ['member'], hidden);
		expect(seen).toEqual({ kind: 'author', reason: 'Shares a phone number' });
		expect(hiddenNotice(seen)).toBe('Hidden by moderators: Shares a phone number. Other members cannot see it.');
	});

	it('shows moderators and admins the item, the reason and whether flags hid it', () => {
		const auto = { hidden: { ...hidden.hidden, by: undefined, auto: true } };
		expect(visibilityOf('alice', 'mo', ['member', 'moderator'], hidden)).toEqual({
			kind: 'moderator',
			reason: 'Shares a phone number',
			auto: false
		});
		const admin = visibilityOf('alice', 'ada', ['member', 'admin'], auto);
		expect(admin).toEqual({ kind: 'moderator', reason: 'Shares a phone number', auto: true });
		expect(hiddenNotice(admin)).toBe(
			'Hidden by moderators: Shares a phone number (hidden automatically after several flags)'
		);
	});

	it('knows a locked thread', () => {
		expect(isLocked({ locked: { reason: 'Off topic', at: '2026-01-01T00:00:00.000Z' } })).toBe(true);
		expect(isLocked({ pinned: true })).toBe(false);
		expect(isLocked(undefined)).toBe(false);
	});
});

describe('flagStateText', () => {
	it('says a flag waits, is not sent yet, or what moderators decided', () => {
		expect(flagStateText({}, false)).toBe('You flagged this: waiting for a moderator');
		expect(flagStateText({}, true)).toBe(
			'You flagged this: waiting for a moderator (it will be sent when you are online)'
		);
		const said = (action: string) => flagStateText({ decision: { action } }, false);
		expect(said('hidden')).toBe('You flagged this: moderators hid it');
		expect(said('deleted')).toBe('You flagged this: moderators removed it');
		expect(said('locked')).toBe('You flagged this: moderators locked the thread');
		expect(said('moved')).toBe('You flagged this: moderators moved the thread');
		expect(said('suspended')).toBe('You flagged this: moderators suspended its author');
		expect(said('dismissed')).toBe('You flagged this: moderators found no problem');
	});
});
