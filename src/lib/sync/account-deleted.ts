// Noticing that the member's account was deleted: the home server answers the credentials of a
// deleted account with 401 `{error: "account_deleted"}` (server/auth/deleted-accounts.ts), to
// any request, replication or API. A fetch wrapped here calls `onDeleted` when it sees one,
// before the caller reads the answer, whoever made the request.
import { ACCOUNT_DELETED } from '../domain/account-api';

type Fetch = typeof fetch;

/** Whether a response is the server saying the account was deleted (the body is read from a clone). */
export async function isAccountDeletedAnswer(response: Response): Promise<boolean> {
	if (response.status !== 401) return false;
	const body = (await response
		.clone()
		.json()
		.catch(() => null)) as { error?: unknown } | null;
	return body?.error === ACCOUNT_DELETED;
}

/** `inner`, calling `onDeleted` on every answer saying the account was deleted. */
export function watchAccountDeleted(inner: Fetch, onDeleted: () => void): Fetch {
	return async (input, init) => {
		const response = await inner(input, init);
		if (await isAccountDeletedAnswer(response)) onDeleted();
		return response;
	};
}
