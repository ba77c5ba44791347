// The browser's storage for this site, as a whole: how much this device holds and whether the
// browser may clear it when space runs low. Asking for persistent storage
// (navigator.storage.persist) keeps a member's replica, drafts and offline files safe from that;
// browsers grant it to installed apps and sites people use, so it is asked when it matters
// (after signing in to an installed app, when files are kept offline, or from "This device"),
// and never on a device the member said is not their own (session.ownDevice).

export interface StorageReport {
	/** Bytes used by this site (IndexedDB, caches), when the browser says. */
	usage: number | null;
	/** Bytes this site may use, when the browser says. */
	quota: number | null;
	/** Whether the browser keeps this site's data when space runs low; null where unknown. */
	persisted: boolean | null;
}

function storageManager(): StorageManager | null {
	return typeof navigator !== 'undefined' && navigator.storage ? navigator.storage : null;
}

export async function storageReport(): Promise<StorageReport> {
	const manager = storageManager();
	const [estimate, persisted] = await Promise.all([
		manager?.estimate ? manager.estimate().catch(() => null) : null,
		manager?.persisted ? manager.persisted().catch(() => null) : null
	]);
	return { usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, persisted };
}

/** Asks the browser to keep this site's data; resolves to whether it will (null: cannot ask). */
export async function requestPersistentStorage(): Promise<boolean | null> {
	const manager = storageManager();
	if (!manager?.persist) return null;
	try {
		if (manager.persisted && (await manager.persisted())) return true;
		return await manager.persist();
	} catch {
		return null;
	}
}

/** Whether the app runs installed (from the home screen or as a desktop app), not in a tab. */
export function runsInstalled(): boolean {
	// iOS Safari reports a home-screen app through navigator.standalone, not the media query
	const iosStandalone =
		typeof navigator !== 'undefined' && (navigator as Navigator & { standalone?: boolean }).standalone === true;
	return (
		iosStandalone ||
		(typeof matchMedia !== 'undefined' &&
			(matchMedia('(display-mode: standalone)').matches || matchMedia('(display-mode: minimal-ui)').matches))
	);
}
