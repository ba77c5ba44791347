// Service-worker registration (workbox-window): whether the app is ready to use offline, and the
// "new version available" state the layout shows. The app never reloads by itself: only the
// user's "Reload" activates a waiting worker.
//
// Ready to use offline means a worker controls this page: the worker precaches every file of the
// app while it installs and only then activates and claims the page (clientsClaim in
// scripts/build-sw.mjs), so a controlling worker has the whole app shell cached.
import { Workbox } from 'workbox-window';

export class PwaUpdate {
	/** A new version is installed and waiting for the user's go-ahead. */
	waiting = $state(false);
	/** A service worker with the whole app cached controls this page. */
	offlineReady = $state(false);
	/** Became ready while this page was open (the header says so for a moment). */
	becameReady = $state(false);
	#workbox: Workbox | null = null;

	/** Registers /sw.js (built by scripts/build-sw.mjs); does nothing where workers are unavailable. */
	register(): void {
		if (this.#workbox || !('serviceWorker' in navigator)) return;
		const container = navigator.serviceWorker;
		this.offlineReady = container.controller !== null;
		container.addEventListener('controllerchange', () => {
			const ready = container.controller !== null;
			if (ready && !this.offlineReady) this.becameReady = true;
			this.offlineReady = ready;
		});
		const wb = new Workbox('/sw.js');
		wb.addEventListener('waiting', () => {
			this.waiting = true;
		});
		this.#workbox = wb;
		void wb.register().catch((err: unknown) => console.warn('Service worker registration failed', err));
	}

	/** Activates the waiting worker, then reloads once it controls the page. */
	reload(): void {
		const wb = this.#workbox;
		if (!wb) return;
		wb.addEventListener('controlling', () => window.location.reload());
		wb.messageSkipWaiting();
	}
}

export const pwaUpdate = new PwaUpdate();
