// The whole app runs in the browser: a static SPA whose data lives on the device.
import { prepareLanguage } from '$lib/i18n';

export const ssr = false;
export const prerender = false;

// The interface language loads before the first page renders, so no string flashes in English.
export async function load(): Promise<Record<string, never>> {
	await prepareLanguage();
	return {};
}
