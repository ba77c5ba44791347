// What the device keeps in localStorage (store/kept-keys.ts), over a fake storage.
import { describe, expect, it } from 'vitest';
import {
	keepRoles,
	keepServerKeys,
	keptRoles,
	keptServerKeys,
	MEMBER_ROLES_STORAGE_KEY,
	SERVER_KEYS_STORAGE_KEY
} from '../../../src/lib/store/kept-keys';

function fakeStorage() {
	const data = new Map<string, string>();
	return {
		data,
		getItem: (k: string) => data.get(k) ?? null,
		setItem: (k: string, v: string) => void data.set(k, v),
		removeItem: (k: string) => void data.delete(k)
	};
}

describe('kept keys', () => {
	it('keeps the server keys and reads nothing back from an unreadable value', () => {
		const storage = fakeStorage();
		expect(keptServerKeys(storage)).toEqual([]);
		keepServerKeys([{ kid: 'k1' }], storage);
		expect(keptServerKeys(storage)).toEqual([{ kid: 'k1' }]);
		storage.data.set(SERVER_KEYS_STORAGE_KEY, '{"not":"a list"}');
		expect(keptServerKeys(storage)).toEqual([]);
	});

	it('keeps only known roles', () => {
		const storage = fakeStorage();
		keepRoles({ mia: ['moderator', 'emperor'], noa: 'reviewer' }, storage);
		expect(JSON.parse(storage.data.get(MEMBER_ROLES_STORAGE_KEY)!)).toMatchObject({ mia: ['moderator', 'emperor'] });
		expect([...keptRoles(storage)]).toEqual([['mia', ['moderator']]]);
	});
});
