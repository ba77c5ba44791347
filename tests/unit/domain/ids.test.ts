import { describe, expect, it } from 'vitest';
import {
	ATTENDANCE_ID_PATTERN,
	categoryId,
	freeSlug,
	slugOf,
	COLLECTION_ITEM_PATTERN,
	collectionId,
	deviceId,
	docId,
	eventOfRsvpId,
	fileId,
	idKey,
	idRange,
	isIdOf,
	isValidUsername,
	newId,
	parseDocId,
	pastedCollectionItem,
	profilePrivateId,
	revocationId,
	revokedDeviceOf,
	rsvpId,
	typedId,
	ULID_PATTERN,
	USERNAME_PATTERN,
	userDbName,
	userDbOwner,
	voteId
} from '../../../src/lib/domain/ids';

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

	it('reads the key of a typed id, and accepts the bare key too', () => {
		const a = newId();
		expect(idKey('thread', `thread:${a}`)).toBe(a);
		expect(idKey('event', a)).toBe(a);
		expect(idKey('resource', 'event:X')).toBe('event:X');
		expect(typedId('resource', a)).toBe(`resource:${a}`);
		expect(isIdOf('thread', `thread:${a}`)).toBe(true);
		expect(isIdOf('thread', `threads:${a}`)).toBe(false);
		expect(typedId('resource', `resource:${a}`)).toBe(`resource:${a}`);
	});

	it('builds the ids named by a slug, a username or a fresh ULID', () => {
		expect(categoryId('general')).toBe('category:general');
		expect(collectionId('start-here')).toBe('collection:start-here');
		expect(profilePrivateId('ana')).toBe('profile-private:ana');
		expect(fileId()).toMatch(/^file:[0-9A-HJKMNP-TV-Z]{26}$/);
		expect(deviceId('01H0000000000000000000000A')).toBe('device:01H0000000000000000000000A');
	});

	it('pairs a revocation with the certificate it revokes', () => {
		const device = deviceId();
		const revocation = revocationId(device);
		expect(revocation).toBe(`revocation:${idKey('device', device)}`);
		expect(revokedDeviceOf(revocation)).toBe(device);
	});

	it('gives the allDocs range of a type, or of a type and a first key part', () => {
		expect(idRange('device')).toEqual({ startkey: 'device:', endkey: 'device:\ufff0' });
		expect(idRange('rsvp', 'E')).toEqual({ startkey: 'rsvp:E:', endkey: 'rsvp:E:\ufff0' });
	});

	it('keeps the patterns of ids made of several parts', () => {
		const a = newId();
		expect(ULID_PATTERN.test(a)).toBe(true);
		expect(ULID_PATTERN.test(`${a}x`)).toBe(false);
		expect(USERNAME_PATTERN.test('ana_b-2')).toBe(true);
		expect(ATTENDANCE_ID_PATTERN.test(`attendance:${a}:ana`)).toBe(true);
		expect(ATTENDANCE_ID_PATTERN.test(`attendance:${a}:A`)).toBe(false);
		expect(COLLECTION_ITEM_PATTERN.test(`post:${a}`)).toBe(true);
		expect(COLLECTION_ITEM_PATTERN.test(`event:${a}`)).toBe(false);
	});

	it('reads the event of an RSVP id', () => {
		const e = newId();
		expect(eventOfRsvpId(rsvpId(`event:${e}`, 'ana'))).toBe(`event:${e}`);
		expect(eventOfRsvpId(`vote:${e}:ana`)).toBeNull();
	});

	it('reads a pasted address or id as a collection item', () => {
		const a = newId();
		expect(pastedCollectionItem(`https://praxis.example/library/${a}`)).toBe(`resource:${a}`);
		expect(pastedCollectionItem(` /forums/t/${a} `)).toBe(`thread:${a}`);
		expect(pastedCollectionItem(`post:${a}`)).toBe(`post:${a}`);
		expect(pastedCollectionItem(`event:${a}`)).toBeNull();
		expect(pastedCollectionItem('hello')).toBeNull();
	});
});

describe('slugOf and freeSlug', () => {
	it('makes an address from a title, dropping accents and keeping letters and numbers', () => {
		expect(slugOf('Économie circulaire: 10 étapes!', 'collection')).toBe('economie-circulaire-10-etapes');
		expect(slugOf('  --Open data--  ', 'collection')).toBe('open-data');
		expect(slugOf('البيانات المفتوحة', 'collection')).toBe('collection');
		expect(slugOf('a'.repeat(70) + ' b', 'x')).toHaveLength(64);
		expect(slugOf('word '.repeat(20), 'x', 12)).toBe('word-word-wo');
	});

	it('adds the first free number when the address is taken', () => {
		expect(freeSlug('open-data', new Set())).toBe('open-data');
		expect(freeSlug('open-data', new Set(['open-data', 'open-data-2']))).toBe('open-data-3');
		expect(freeSlug('a'.repeat(64), new Set(['a'.repeat(64)]))).toBe('a'.repeat(62) + '-2');
	});
});
