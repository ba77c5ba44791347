// Global types: the test hook tests reach through `window.__praxisTest` (set only when
// localStorage.praxisTest is set; see src/lib/components/session.svelte.ts).
import type { AppSession } from '$lib/components/session.svelte';
import type { ReplicaPort } from '$lib/store';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** 'not-loaded': the screen's code could not be fetched (offline before the app was cached). */
			kind?: 'not-loaded';
		}
		// interface Locals {}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
	interface Window {
		/** `replica()`: the signed-in member's replica port, for tests that read the local replica. */
		__praxisTest?: { session: AppSession; replica(): ReplicaPort | null };
	}
}

export {};
