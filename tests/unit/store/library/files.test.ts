// Library files in the store (src/lib/store/library/files.ts) reach the server only through the
// FilesRemote the store was opened with; a file on the device opens without it.
import { afterEach, describe, expect, it } from 'vitest';
import type { FilesRemote } from '../../../../src/lib/store/index';
import { closeTestStores, openTestStore } from '../support';

afterEach(closeTestStores);

const ref = { id: 'file:01JAAAAAAAAAAAAAAAAAAAAAA9', name: 'notes.txt', type: 'text/plain', size: 5 };

function recordingRemote(calls: string[]): FilesRemote {
	return {
		push: async (_local, ids) => void calls.push(`push ${ids.join(',')}`),
		pull: async (_local, ids) => void calls.push(`pull ${ids.join(',')}`),
		attachment: async (id) => {
			calls.push(`attachment ${id}`);
			return new Blob(['hello']);
		}
	};
}

describe('library files and the remote', () => {
	it('fetches a file that is not on the device from the remote', async () => {
		const calls: string[] = [];
		const store = await openTestStore({}, { filesRemote: () => recordingRemote(calls) });
		const blob = await store.library.openFile(ref);
		expect(await blob.text()).toBe('hello');
		expect(calls).toEqual([`attachment ${ref.id}`]);
		expect(await store.library.isFileLocal(ref.id)).toBe(false);
	});

	it('refuses to reach the server when opened without a remote', async () => {
		const store = await openTestStore();
		await expect(store.library.openFile(ref)).rejects.toThrow(/without a files remote/);
	});
});
