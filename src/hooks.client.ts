// Errors kit could not handle in a page: a screen whose code could not be loaded (no network,
// and the app not yet cached for offline use) is told apart from a fault, so the error page can
// say what to do instead of showing the browser's words.
import type { HandleClientError } from '@sveltejs/kit';
import { errorMessage } from '$lib/domain/errors';

const LOAD_FAILURE =
	/dynamically imported module|preload CSS|Importing a module script failed|error loading dynamically|Failed to fetch/i;

export const handleError: HandleClientError = ({ error, status, message }) => {
	const text = errorMessage(error);
	if (LOAD_FAILURE.test(text)) return { message: 'This screen could not be loaded.', kind: 'not-loaded' };
	if (status !== 404) console.error(error);
	return { message };
};
