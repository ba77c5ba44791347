// Before a connection pushes: the device's signing key certified by the home server
// (hub-device.ts), and what the device needs to judge signatures offline kept beside it (the
// server's keys for bundles, the members' roles for a moderator's edits a hub or bundle brings).
import type { ReplicaPort } from '../../store/replica-port';
import { ensureDeviceCertificate, uncertifiedError } from '../hub-device';
import { rememberRoles, rememberServerKeys } from '../hub-keys';
import type { SyncLog } from './report';

export interface CertifyOptions {
	signing: ReplicaPort['signing'];
	/** The server's `/api`; null where nothing certifies (a hub). */
	deviceApi: string | null;
	fetch: typeof fetch;
	log: SyncLog;
}

/**
 * Certifies the device key when the server can. Without any certificate the sync stops with
 * the reason (shown in the status, retried with backoff): unsigned writes stay pending. With an
 * earlier certificate it carries on: the server refuses what it no longer accepts.
 */
export async function certifyDevice({ signing, deviceApi, fetch: fetchFn, log }: CertifyOptions): Promise<void> {
	if (!deviceApi || !signing) return;
	const outcome = await ensureDeviceCertificate(signing, deviceApi, fetchFn);
	// The keys and roles kept from the last contact serve until these succeed: report, carry on.
	await rememberServerKeys(fetchFn, deviceApi).catch((err: unknown) => log.failed("keep the server's keys", err));
	await rememberRoles(fetchFn, deviceApi).catch((err: unknown) => log.failed("keep the members' roles", err));
	if (!outcome.ok) {
		log.warn(`device key not certified: ${outcome.reason}`);
		if (!(await signing.certificate())) throw uncertifiedError(outcome);
	} else if (outcome.registered)
		log.info(`device key certified (${outcome.certificate._id}); ${outcome.signedPending} pending writes signed`);
}
