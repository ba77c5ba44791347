// Hints that connectivity may have changed: the browser's online/offline events, and the page
// being shown again (a member coming back to the app is a good moment to try). They are hints
// only: whether the server or a hub answers is learnt from the requests themselves
// (replication-error.ts). A parameter of the sync controller so tests (and Node) can drive it.
export interface NetworkWatch {
	/** False only when the browser is sure there is no network at all. */
	isOnline(): boolean;
	/** Calls `onChange` when connectivity may have changed; returns an unsubscribe. */
	subscribe(onChange: (online: boolean) => void): () => void;
}

export function browserNetwork(): NetworkWatch {
	const hasWindow = typeof window !== 'undefined' && typeof navigator !== 'undefined';
	const isOnline = () => (hasWindow ? navigator.onLine !== false : true);
	return {
		isOnline,
		subscribe(onChange) {
			if (!hasWindow) return () => {};
			const online = () => onChange(true);
			const offline = () => onChange(false);
			const shown = () => {
				if (document.visibilityState === 'visible' && isOnline()) onChange(true);
			};
			window.addEventListener('online', online);
			window.addEventListener('offline', offline);
			document.addEventListener('visibilitychange', shown);
			return () => {
				window.removeEventListener('online', online);
				window.removeEventListener('offline', offline);
				document.removeEventListener('visibilitychange', shown);
			};
		}
	};
}
