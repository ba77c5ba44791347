// The app icon badge: set to the count, cleared at zero, silent where the API is missing or refuses.
import { describe, expect, it, vi } from 'vitest';
import { showAppBadge } from '../../../src/lib/pwa/badge';

describe('showAppBadge', () => {
	it('sets the count and clears at zero', () => {
		const nav = { setAppBadge: vi.fn(() => Promise.resolve()), clearAppBadge: vi.fn(() => Promise.resolve()) };
		expect(showAppBadge(3, nav)).toBe(true);
		expect(nav.setAppBadge).toHaveBeenCalledWith(3);
		showAppBadge(0, nav);
		expect(nav.clearAppBadge).toHaveBeenCalledOnce();
	});

	it('does nothing where the API is missing', () => {
		expect(showAppBadge(2, {})).toBe(false);
		expect(showAppBadge(2, undefined)).toBe(false);
	});

	it('never throws when the browser refuses', async () => {
		const rejects = { setAppBadge: () => Promise.reject(new DOMException('not allowed', 'NotAllowedError')) };
		expect(showAppBadge(1, rejects)).toBe(true);
		const throws = {
			setAppBadge: () => {
				throw new Error('no');
			}
		};
		expect(showAppBadge(1, throws)).toBe(false);
		await new Promise((resolve) => setTimeout(resolve, 0));
	});
});
