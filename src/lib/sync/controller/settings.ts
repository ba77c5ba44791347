// What a controller's options come to: where it certifies the device, whether it pushes only
// signed documents, where a first sync's snapshot comes from. Pure; the defaults suit the home
// server (`…/couch` with its `…/api` beside it), a hub's controller sets them itself.
import { COMMUNITY_DB } from '../../domain/ids';
import { apiBesideCouch } from '../gateway';
import { LAST_SYNC_KEYS } from './last-sync';
import type { SyncControllerOptions } from './types';

export interface ControllerSettings {
	/** The remote's base address, without a trailing slash. */
	base: string;
	deviceApi: string | null;
	signedOnly: boolean;
	bootstrapUrl: string | null;
	communityOnly: boolean;
	lastSyncKey: string;
}

type SettingsInput = Pick<
	SyncControllerOptions,
	'remoteBase' | 'deviceApi' | 'signedOnly' | 'bootstrapUrl' | 'communityOnly' | 'lastSyncKey'
>;

/** `canSign`: the replica has a signing key (test fakes have none: they push everything). */
export function controllerSettings(options: SettingsInput, canSign: boolean): ControllerSettings {
	const base = options.remoteBase.replace(/\/+$/, '');
	const homeApi = apiBesideCouch(base);
	const home = homeApi !== null;
	const deviceApi = options.deviceApi === undefined ? homeApi : options.deviceApi;
	const communityOnly = options.communityOnly ?? false;
	const bootstrapUrl =
		options.bootstrapUrl !== undefined
			? options.bootstrapUrl
			: deviceApi && !communityOnly && home
				? `${deviceApi}/bootstrap/${COMMUNITY_DB}`
				: null;
	return {
		base,
		deviceApi,
		signedOnly: canSign && (options.signedOnly ?? deviceApi !== null),
		bootstrapUrl,
		communityOnly,
		lastSyncKey: options.lastSyncKey ?? LAST_SYNC_KEYS.server
	};
}
