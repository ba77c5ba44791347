// Drafts saved on the device as the member types (debounced), restored when a form opens again.
import type { Store } from '$lib/store';

export const DRAFT_SAVE_DELAY_MS = 400;

export const draftKeys = {
	newThread: 'new-thread',
	reply: (threadId: string) => `reply:${threadId}`
} as const;

/** Returns save(value) that writes at most once per DRAFT_SAVE_DELAY_MS, and flush() for unload. */
export function draftSaver<T>(store: Store, key: string): { save(value: T): void; flush(): Promise<void> } {
	let timer: ReturnType<typeof setTimeout> | null = null;
	let latest: T | undefined;
	const write = async () => {
		timer = null;
		if (latest !== undefined) await store.saveDraft(key, latest).catch((err: unknown) => console.warn('Draft not saved', err));
	};
	return {
		save(value: T) {
			latest = value;
			if (timer) clearTimeout(timer);
			timer = setTimeout(() => void write(), DRAFT_SAVE_DELAY_MS);
		},
		async flush() {
			if (timer) {
				clearTimeout(timer);
				await write();
			}
		}
	};
}

/** "Open Data, GDPR , open data" → ["open-data", "gdpr"]. */
export function parseTags(input: string): string[] {
	const tags = input
		.split(',')
		.map((t) => t.trim().toLowerCase().replace(/\s+/g, '-'))
		.filter(Boolean);
	return [...new Set(tags)];
}
