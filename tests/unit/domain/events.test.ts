import { describe, expect, it } from 'vitest';
import { deriveAttendance, type RsvpFacts } from '../../../src/lib/domain/events';

const r = (author: string, status: RsvpFacts['status'], at: string, updatedAt?: string): RsvpFacts => ({
	author,
	status,
	createdAt: `2026-11-25T10:00:${at}.000Z`,
	updatedAt: updatedAt && `2026-11-25T10:00:${updatedAt}.000Z`
});

describe('deriveAttendance', () => {
	it('gives places in answer order and puts the rest on the waiting list', () => {
		const a = deriveAttendance(
			[r('cy', 'going', '03'), r('ana', 'going', '01'), r('ben', 'going', '02'), r('di', 'maybe', '00')],
			2
		);
		expect(a).toEqual({ going: ['ana', 'ben'], waiting: ['cy'], maybe: ['di'], notGoing: [] });
	});

	it('is the same whatever order the documents arrive in, ties broken by name', () => {
		const docs = [r('zoe', 'going', '01'), r('al', 'going', '01'), r('mo', 'going', '00')];
		const forward = deriveAttendance(docs, 1);
		expect(deriveAttendance([...docs].reverse(), 1)).toEqual(forward);
		expect(forward.going).toEqual(['mo']);
		expect(forward.waiting).toEqual(['al', 'zoe']);
	});

	it('moves a member who changed their answer to the back, and frees a place on not-going', () => {
		const a = deriveAttendance(
			[r('ana', 'going', '01', '09'), r('ben', 'going', '02'), r('cy', 'not-going', '00', '05')],
			1
		);
		expect(a.going).toEqual(['ben']);
		expect(a.waiting).toEqual(['ana']);
		expect(a.notGoing).toEqual(['cy']);
	});

	it('ignores deleted RSVPs and gives everyone a place without a capacity', () => {
		expect(
			deriveAttendance([{ ...r('ana', 'going', '01'), _deleted: true }, r('ben', 'going', '02')], 5).going
		).toEqual(['ben']);
		expect(deriveAttendance([r('ana', 'going', '01'), r('ben', 'going', '02')]).waiting).toEqual([]);
	});
});
