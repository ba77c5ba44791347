/// <reference types="pouchdb-core" />
// What a device knows to judge a signer other than the author of a document a hub or a bundle
// brings: the privileged members' roles kept on the device (a certified device is a member's, so
// anyone not listed is a plain member) and the replica's current revisions. The server judges
// again when the document reaches it.
import type { SignerAuthority } from '../domain/signing';
import type { Role } from '../domain/schemas';
import { currentDoc } from '../pouch/trust-lookups';
import { keptRoles } from './kept-keys';

export function deviceAuthority(
	community: PouchDB.Database,
	roles: ReadonlyMap<string, readonly Role[]> = keptRoles()
): SignerAuthority {
	return {
		rolesOf: async (name) => roles.get(name) ?? ['member'],
		current: (id) => currentDoc(community, id)
	};
}
