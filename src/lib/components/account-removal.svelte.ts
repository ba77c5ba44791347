// Removing a deleted account from this device: on the device that deleted it, at once; on the
// member's other devices, when their sync hears 401 account_deleted from the server. The app goes
// to the sign-in page first (so no screen reads the store while it is removed), then the session
// removes the account's databases (session.svelte.ts removeDeletedAccount) and the meetup hub's
// saved address and token; the sign-in page says what happened (AccountDeletedNotice.svelte).
import { goto } from '$app/navigation';
import { hubSession } from '$lib/sync/hub-session.svelte';
import { errorMessage } from '../domain/errors';
import { t } from '../i18n';

/** Where the app goes once the account is deleted; the sign-in page shows the notice for it. */
export const ACCOUNT_DELETED_PATH = '/login?account=deleted';
/** The English wording (tests compare with it); screens show `accountRemovedMessage()`. */
export const ACCOUNT_REMOVED_MESSAGE = 'This account was deleted. Its data has been removed from this device.';
/** What the sign-in page says once the account's data is gone, in the interface language. */
export const accountRemovedMessage = (): string => t('common:account.removed');

export type RemovalState = 'idle' | 'removing' | 'removed' | 'failed';

class AccountRemoval {
	#state = $state<RemovalState>('idle');
	#error = $state<string | null>(null);

	get state(): RemovalState {
		return this.#state;
	}
	/** Why the data could not all be removed (state 'failed'). */
	get error(): string | null {
		return this.#error;
	}

	/** Goes to the sign-in page and runs `wipe` (the session's removal of the account's data); once. */
	async run(wipe: () => Promise<void>): Promise<void> {
		if (this.#state === 'removing') return;
		this.#state = 'removing';
		this.#error = null;
		try {
			await goto(ACCOUNT_DELETED_PATH, { replaceState: true });
			await hubSession.clear();
			await wipe();
			this.#state = 'removed';
		} catch (err) {
			this.#error = errorMessage(err);
			this.#state = 'failed';
		}
	}
}

export const accountRemoval = new AccountRemoval();
