// Whether the device is online, from the browser's online/offline events. A parameter of the
// sync controller so tests (and Node) can drive it.
export interface NetworkWatch {
	isOnline(): boolean;
	/** Calls `onChange` when connectivity changes; returns an unsubscribe. */
	subscribe(onChange: (online: boolean) => void): () => void;
}

export function browserNetwork(): NetworkWatch {
	const hasWindow = typeof window !== 'undefined' && typeof navigator !== 'undefined';
	return {
		isOnline: () => (hasWindow ? navigator.onLine !== false : true),
		subscribe(onChange) {
			if (!hasWindow) return () => {};
			const online = () => onChange(true);
			const offline = () => onChange(false);
			window.addEventListener('online', online);
			window.addEventListener('offline', offline);
			return () => {
				window.removeEventListener('online', online);
				window.removeEventListener('offline', offline);
			};
		}
	};
}
