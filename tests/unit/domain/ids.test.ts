import { describe, expect, it } from 'vitest';
import { docId, isValidUsername, newId, parseDocId, userDbName, userDbOwner, voteId } from '../../../src/lib/domain/ids';

describe('ids', () => {
	it('makes sortable ULIDs and typed ids', () => {
		const a = newId();
		expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
		expect(docId('thread', a)).toBe(`thread:${a}`);
		expect(parseDocId(`vote:thread:${a}:ana`)).toEqual({ type: 'vote', rest: `thread:${a}:ana` });
		expect(parseDocId('nocolon')).toBeNull();
		expect(voteId('post:X', 'ana')).toBe('vote:post:X:ana');
	});

	it('names private databases as couch_peruser does and reads them back', () => {
		expect(userDbName('ana')).toBe('userdb-616e61');
		expect(userDbOwner('userdb-616e61')).toBe('ana');
		expect(userDbOwner('userdb-zz')).toBeNull();
		expect(userDbOwner('community')).toBeNull();
		// hex of a name that is not a valid username is refused
		expect(userDbOwner(userDbName('A B'))).toBeNull();
	});

	it('checks usernames', () => {
		expect(isValidUsername('ana_b-2')).toBe(true);
		expect(isValidUsername('ab')).toBe(false);
		expect(isValidUsername('Ana')).toBe(false);
		expect(isValidUsername('a'.repeat(33))).toBe(false);
		expect(isValidUsername(42)).toBe(false);
	});
});
