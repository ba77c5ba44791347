// The Badging API (`navigator.setAppBadge`), where it exists: the count on the installed app's icon.
// Feature-detected, and never throws: a browser that has it may still refuse (not installed, no
// permission), and a badge is not worth an error.

interface Badging {
	setAppBadge?: (contents?: number) => Promise<void>;
	clearAppBadge?: () => Promise<void>;
}

/** Shows `count` on the app icon, or clears it at zero. Returns whether the API was there. */
export function showAppBadge(count: number, nav: unknown = globalThis.navigator): boolean {
	try {
		const badging = nav as Badging | undefined;
		if (typeof badging?.setAppBadge !== 'function') return false;
		const n = Number.isFinite(count) ? Math.max(0, Math.floor(count)) : 0;
		const done =
			n > 0
				? badging.setAppBadge(n)
				: typeof badging.clearAppBadge === 'function'
					? badging.clearAppBadge()
					: badging.setAppBadge(0);
		void Promise.resolve(done).catch(() => {});
		return true;
	} catch {
		return false;
	}
}
