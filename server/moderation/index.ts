// Moderation on the server, built once by server/app.ts: the audit log, the moderators' record
// of flags, the write rules the gateway runs (flags in members' databases, locked threads) and
// the /api/moderation routes.
import type { PraxisAuth } from '../auth/service';
import type { WriteRule } from '../couch/write';
import { serverSigner } from '../devices/server-key';
import type { AddressOf } from '../http/client-address';
import type { Storage } from '../storage/index';
import { AUTO_HIDE_FLAGS_DEFAULT } from '../config';
import { createAuditLog, type AuditLog } from './audit';
import { createFlagRule } from './flag-rule';
import { createLockRule } from './lock-rule';
import { createModerationRecords, type ModerationRecords } from './records';
import { createModerationRoutes } from './routes';

export interface ModerationDeps {
	storage: Storage;
	auth: PraxisAuth;
	clock: () => Date;
	autoHideFlags?: number;
	addressOf?: AddressOf;
}

export interface Moderation {
	audit: AuditLog;
	records: ModerationRecords;
	/** Members' flags in their own databases (servers only: a hub keeps no members' databases). */
	flagRule: WriteRule;
	/** No new replies in a locked thread (servers and hubs). */
	lockRule: WriteRule;
	routes: ReturnType<typeof createModerationRoutes>;
}

export function createModeration(deps: ModerationDeps): Moderation {
	const { storage, auth, clock } = deps;
	const audit = createAuditLog(storage, clock);
	const records = createModerationRecords(storage);
	const signer = () => serverSigner(auth.signingKey());
	const autoHideFlags = deps.autoHideFlags ?? AUTO_HIDE_FLAGS_DEFAULT;
	return {
		audit,
		records,
		flagRule: createFlagRule({ storage, records, audit, signer, clock, autoHideFlags }),
		lockRule: createLockRule(),
		routes: createModerationRoutes({ storage, auth, records, audit, signer, clock, addressOf: deps.addressOf })
	};
}
