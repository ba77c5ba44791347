// Drafts saved on the device as the member types (debounced), restored when a form opens again.
import { normalizeTags } from '$lib/domain/ids';
import type { Store } from '$lib/store';

export const DRAFT_SAVE_DELAY_MS = 400;

export const draftKeys = {
	newThread: 'new-thread',
	reply: (threadId: string) => `reply:${threadId}`
} as const;

/**
 * Returns save(value), which writes at most once per DRAFT_SAVE_DELAY_MS, and flush(). A pending
 * write is also flushed when the page is hidden (tab closed, app switched), so little is lost.
 */
export function draftSaver<T>(store: Store, key: string): { save(value: T): void; flush(): Promise<void> } {
	let timer: ReturnType<typeof setTimeout> | null = null;
	let latest: T | undefined;
	const onHidden = () => {
		if (document.visibilityState === 'hidden') void flush();
	};
	const write = async () => {
		timer = null;
		document.removeEventListener('visibilitychange', onHidden);
		if (latest !== undefined)
			await store.saveDraft(key, latest).catch((err: unknown) => console.warn('Draft not saved', err));
	};
	async function flush(): Promise<void> {
		if (timer) {
			clearTimeout(timer);
			await write();
		}
	}
	return {
		save(value: T) {
			latest = value;
			if (timer) clearTimeout(timer);
			else document.addEventListener('visibilitychange', onHidden);
			timer = setTimeout(() => void write(), DRAFT_SAVE_DELAY_MS);
		},
		flush
	};
}

/** "Open Data, GDPR , open data" → ["open-data", "gdpr"]. */
export function parseTags(input: string): string[] {
	return normalizeTags(input.split(','));
}
