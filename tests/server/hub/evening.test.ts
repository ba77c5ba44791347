// The organiser's figures (server/hub/organiser/evening.ts): attendees seen in the last two
// minutes; revisions attendees brought, less what the pull brought; what still waits to go up
// after the push wrote some, the central server refused one, and the push caught up.
import { describe, expect, it } from 'vitest';
import { ATTENDEE_WINDOW_MS, createEveningLedger } from '../../../server/hub/organiser/evening';

describe('the evening ledger', () => {
	it('counts attendees seen in the last two minutes', () => {
		let t = Date.parse('2026-12-04T19:00:00Z');
		const ledger = createEveningLedger(() => new Date(t));
		ledger.memberSeen('ben');
		ledger.memberSeen('ana');
		t += ATTENDEE_WINDOW_MS - 1000;
		ledger.memberSeen('ana');
		expect(ledger.attendees().map((a) => a.name)).toEqual(['ana', 'ben']);
		t += 2000;
		expect(ledger.attendees().map((a) => a.name)).toEqual(['ana']);
	});

	it('tells received from pulled, and waiting from pushed, refused and caught up', () => {
		const ledger = createEveningLedger();
		ledger.changed('category:general', '1-a');
		ledger.replicationEvent({ kind: 'written', direction: 'pull', docs: [{ _id: 'category:general', _rev: '1-a' }] });
		ledger.changed('thread:1', '1-b');
		ledger.changed('thread:2', '1-c');
		ledger.changed('thread:3', '1-d');
		expect(ledger.figures()).toEqual({ received: 3, relayed: 0, waiting: 3, refused: 0 });
		ledger.replicationEvent({ kind: 'written', direction: 'push', docs: [{ _id: 'thread:1', _rev: '1-b' }] });
		ledger.replicationEvent({ kind: 'denied', direction: 'push', id: 'thread:2' });
		expect(ledger.figures()).toEqual({ received: 3, relayed: 1, waiting: 1, refused: 1 });
		// a push that caught up offered everything before it (the central server had thread:3)
		ledger.replicationEvent({ kind: 'caught-up', direction: 'push' });
		expect(ledger.figures().waiting).toBe(0);
		ledger.changed('thread:1', '2-e');
		expect(ledger.figures()).toEqual({ received: 4, relayed: 1, waiting: 1, refused: 1 });
		// a pull's caught-up says nothing about what went up
		ledger.replicationEvent({ kind: 'caught-up', direction: 'pull' });
		expect(ledger.figures().waiting).toBe(1);
	});
});
