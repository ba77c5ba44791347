// The /exchange page's work, kept out of the component: save this device's community updates to
// a signed bundle file, and open one (verify, apply, project). See src/lib/bundle.
import { certificateFinder, exportBundle, importBundle, revokedIn, type ImportOutcome } from '$lib/bundle';
import { deviceAuthority, serverKeys } from '$lib/sync/hub-keys';
import type { Store } from '$lib/store';

export async function saveUpdates(store: Store, since: string | null): Promise<{ blob: Blob; name: string; count: number }> {
	const cert = await store.signing?.certificate();
	if (!store.signing || !cert) throw new Error('This device has no certified key yet: open Praxis once while online, then save the file.');
	const signing = store.signing;
	const { bytes, count } = await exportBundle({
		db: store.community,
		author: store.member.name,
		device: cert._id,
		sign: async (b) => {
			const signed = await signing.signBytes(b);
			if (!signed) throw new Error('This device lost its key while saving.');
			return signed.sig;
		},
		since
	});
	const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');
	return { blob: new Blob([bytes], { type: 'application/gzip' }), name: `praxis-${store.member.name}-${stamp}.praxis`, count };
}

export async function openUpdates(store: Store, file: File): Promise<ImportOutcome> {
	const bytes = new Uint8Array(await file.arrayBuffer());
	const outcome = await importBundle(store.community, bytes, {
		serverKeys: await serverKeys(),
		revoked: await revokedIn(store.community),
		now: new Date(),
		findCertificate: certificateFinder(store.community),
		authority: deviceAuthority(store.community) // a moderator's edit of another member's post
	});
	if (outcome.ok) await store.projected();
	return outcome;
}
