// Service-worker registration (workbox-window) and the "new version available" state the layout
// shows. The app never reloads by itself: only the user's "Reload" activates a waiting worker.
import { Workbox } from 'workbox-window';

export class PwaUpdate {
	/** A new version is installed and waiting for the user's go-ahead. */
	waiting = $state(false);
	#workbox: Workbox | null = null;

	/** Registers /sw.js (built by scripts/build-sw.mjs); does nothing where workers are unavailable. */
	register(): void {
		if (this.#workbox || !('serviceWorker' in navigator)) return;
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
