// Reads a store query live: re-runs it whenever the Dexie tables it read change (Dexie liveQuery)
// and whenever the reactive values read by `source` change (page params, the open store...).
import { liveQuery } from '$lib/store';
import { errorMessage } from '../domain/errors';

export class Live<T> {
	current = $state.raw<T | undefined>(undefined);
	error = $state<string | null>(null);
	/** True once the first answer for the current source has arrived. */
	loaded = $state(false);

	/**
	 * `source` runs inside an effect: read the reactive inputs there and return the query to
	 * run (or null while it cannot run yet). Must be constructed during component init.
	 */
	constructor(source: () => (() => Promise<T>) | null) {
		$effect(() => {
			const query = source();
			this.loaded = false;
			if (!query) return;
			const subscription = liveQuery(query).subscribe({
				next: (value) => {
					this.current = value;
					this.error = null;
					this.loaded = true;
				},
				error: (err: unknown) => {
					this.error = errorMessage(err);
					this.loaded = true;
				}
			});
			return () => subscription.unsubscribe();
		});
	}
}
