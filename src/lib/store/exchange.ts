/// <reference types="pouchdb-core" />
// The file exchange (the /exchange page): save this device's community updates to a signed bundle
// file, and open one (verify it, apply what verifies to the community replica, project it). The
// bundle format and its checks are src/lib/bundle; the central server's keys come from the sync
// layer (sync/hub-keys.ts), passed in by the page.
import { exportBundle, importBundle, type ImportOutcome } from '../pouch/bundle-docs';
import { certificateFinder, revokedIn } from '../pouch/trust-lookups';
import type { StoreContext } from './context';
import { deviceAuthority } from './device-authority';
import type { StoreSigning } from './signing/index';
import { t } from '../i18n';

/** What a bundle is checked with (BundleTrust's keys), from the sync layer's kept keys. */
export interface BundleKeys {
	serverKeys: ReadonlyMap<string, CryptoKey>;
	hubKeys?: ReadonlyMap<string, CryptoKey>;
}

export interface ExchangeApi {
	/** A bundle of the community documents changed since `since` (ISO; null: all), signed by this device. */
	saveUpdates(since: string | null): Promise<{ blob: Blob; name: string; count: number }>;
	/**
	 * Verifies and applies a bundle file; `keys` gives the central server's public keys and the
	 * meetup hubs' keys it published (good for a hub's file header only).
	 */
	openUpdates(file: Blob, keys: () => Promise<BundleKeys>): Promise<ImportOutcome>;
}

export function createExchange(
	ctx: StoreContext,
	signing: StoreSigning | undefined,
	projected: () => Promise<void>
): ExchangeApi {
	const { community, member } = ctx;
	return {
		async saveUpdates(since) {
			const cert = await signing?.certificate();
			if (!signing || !cert) throw new Error(t('exchange:errors.noKey'));
			const { bytes, count } = await exportBundle({
				db: community,
				author: member.name,
				device: cert._id,
				sign: async (b) => {
					const signed = await signing.signBytes(b);
					if (!signed) throw new Error(t('exchange:errors.lostKey'));
					return signed.sig;
				},
				since
			});
			const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');
			return {
				blob: new Blob([bytes], { type: 'application/gzip' }),
				name: `praxis-${member.name}-${stamp}.praxis`,
				count
			};
		},
		async openUpdates(file, keys) {
			const bytes = new Uint8Array(await file.arrayBuffer());
			const { serverKeys, hubKeys } = await keys();
			const outcome = await importBundle(community, bytes, {
				serverKeys,
				hubKeys,
				revoked: await revokedIn(community),
				now: new Date(),
				findCertificate: certificateFinder(community),
				authority: deviceAuthority(community) // a moderator's edit of another member's post
			});
			if (outcome.ok) await projected();
			return outcome;
		}
	};
}
