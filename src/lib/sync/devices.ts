// The member's certified devices, as the home server lists them (GET /api/devices), and revoking
// one (DELETE /api/devices/{id}): a lost phone's key then signs nothing the server accepts.
import type { DeviceCertificate } from '../domain/signing';
import { API_PATH } from './gateway';
import { t } from '../i18n';
import { accountErrorOr } from '../i18n/error-words';

export type ListedDevice = Pick<DeviceCertificate, '_id' | 'createdAt' | 'expiresAt'> & {
	label?: string;
	revoked: boolean;
};

export type DevicesAnswer = { ok: true; devices: ListedDevice[] } | { ok: false; reason: string };

// a function: the interface language loads after this module
const unreachable = () => t('device:sync.unreachable');

const BROWSERS: Array<[RegExp, string]> = [
	[/Edg\//, 'Edge'],
	[/OPR\//, 'Opera'],
	[/Firefox\//, 'Firefox'],
	[/(Headless)?Chrom(e|ium)\//, 'Chrome'],
	[/Safari\//, 'Safari']
];
const SYSTEMS: Array<[RegExp, string]> = [
	[/Android/, 'Android'],
	[/iPhone|iPad|iPod/, 'iOS'],
	[/CrOS/, 'ChromeOS'],
	[/Windows/, 'Windows'],
	[/Mac OS X|Macintosh/, 'macOS'],
	[/Linux/, 'Linux']
];

interface NameWords {
	device: () => string;
	browser: () => string;
	on: (browser: string, system: string) => string;
}

function nameOf(label: string | undefined, words: NameWords): string {
	if (!label) return words.device();
	if (!label.startsWith('Mozilla/')) return label;
	const browser = BROWSERS.find(([pattern]) => pattern.test(label))?.[1] ?? words.browser();
	const system = SYSTEMS.find(([pattern]) => pattern.test(label))?.[1];
	return system ? words.on(browser, system) : browser;
}

/** "Chrome on Android" for a browser's user agent, in the interface language; any other label as it is. */
export function deviceName(label: string | undefined): string {
	return nameOf(label, {
		device: () => t('device:sync.device'),
		browser: () => t('device:sync.browser'),
		on: (browser, system) => t('device:sync.browserOn', { browser, system })
	});
}

/** The same name in English, as the label a device's certificate keeps (data, not interface text). */
export function deviceLabelOf(label: string | undefined): string {
	return nameOf(label, {
		device: () => 'Device',
		browser: () => 'Browser',
		on: (browser, system) => `${browser} on ${system}`
	});
}

function asListed(value: unknown): ListedDevice | null {
	const v = value as Partial<ListedDevice> | null;
	if (!v || typeof v._id !== 'string' || typeof v.createdAt !== 'string' || typeof v.expiresAt !== 'string')
		return null;
	return {
		_id: v._id,
		createdAt: v.createdAt,
		expiresAt: v.expiresAt,
		revoked: v.revoked === true,
		...(typeof v.label === 'string' ? { label: v.label } : {})
	};
}

export async function listDevices(fetchFn: typeof fetch = fetch, apiBase = API_PATH): Promise<DevicesAnswer> {
	try {
		const response = await fetchFn(`${apiBase}/devices`, {
			credentials: 'include',
			headers: { accept: 'application/json' }
		});
		const body = (await response.json().catch(() => null)) as { certificates?: unknown; reason?: unknown } | null;
		if (!response.ok || !Array.isArray(body?.certificates))
			return {
				ok: false,
				reason: accountErrorOr(body, typeof body?.reason === 'string' ? body.reason : unreachable())
			};
		const devices = body.certificates.map(asListed).filter((d): d is ListedDevice => d !== null);
		return { ok: true, devices: devices.sort((a, b) => b.createdAt.localeCompare(a.createdAt)) };
	} catch {
		return { ok: false, reason: unreachable() };
	}
}

export async function revokeDevice(
	id: string,
	fetchFn: typeof fetch = fetch,
	apiBase = API_PATH
): Promise<{ ok: true } | { ok: false; reason: string }> {
	try {
		const response = await fetchFn(`${apiBase}/devices/${encodeURIComponent(id)}`, {
			method: 'DELETE',
			credentials: 'include',
			headers: { accept: 'application/json' }
		});
		if (response.ok) return { ok: true };
		const body = (await response.json().catch(() => null)) as { reason?: unknown } | null;
		return {
			ok: false,
			reason: accountErrorOr(
				body,
				typeof body?.reason === 'string' ? body.reason : t('account:sync.answered', { status: response.status })
			)
		};
	} catch {
		return { ok: false, reason: t('device:sync.revokeUnreachable') };
	}
}
