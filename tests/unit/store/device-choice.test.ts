// "This is my own device": the starting value of the box (a pure rule) and what the device
// remembers of each member's answer.
import { describe, expect, it } from 'vitest';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { defaultOwnDevice, removesDataAtSignOut } from '../../../src/lib/store/device-choice';
import {
	configureDevice,
	deviceIsShared,
	forgetOwnDevice,
	ownDeviceChoice,
	rememberMember,
	rememberOwnDevice,
	rememberedMember
} from '../../../src/lib/store/device';

describe('defaultOwnDevice', () => {
	it('is off in a browser tab and on in an installed app, for someone new here', () => {
		expect(defaultOwnDevice({ remembered: null, shared: false, installed: false })).toBe(false);
		expect(defaultOwnDevice({ remembered: null, shared: false, installed: true })).toBe(true);
	});

	it('is off for someone new on a device someone else said is shared, installed or not', () => {
		expect(defaultOwnDevice({ remembered: null, shared: true, installed: true })).toBe(false);
	});

	it('follows the member’s own last answer here over everything else', () => {
		expect(defaultOwnDevice({ remembered: true, shared: true, installed: false })).toBe(true);
		expect(defaultOwnDevice({ remembered: false, shared: false, installed: true })).toBe(false);
	});

	it('removes data at sign-out by default exactly when the device is not the member’s own', () => {
		expect(removesDataAtSignOut(false)).toBe(true);
		expect(removesDataAtSignOut(true)).toBe(false);
	});
});

describe('remembered answers', () => {
	it('are kept per member, and a "not my own device" marks the device as shared', async () => {
		configureDevice({ indexedDB, IDBKeyRange });
		const suffix = Math.random().toString(36).slice(2, 8);
		const [own, guest] = [`own-${suffix}`, `guest-${suffix}`];
		expect(await ownDeviceChoice(own)).toBeNull();
		await rememberOwnDevice(own, true);
		expect(await ownDeviceChoice(own)).toBe(true);
		expect(await deviceIsShared()).toBe(false);

		await rememberOwnDevice(guest, false);
		expect(await ownDeviceChoice(guest)).toBe(false);
		expect(await deviceIsShared()).toBe(true);
		// the signed-in member record lives beside the answers, untouched by them
		await rememberMember({ name: own, roles: ['member'], displayName: 'Own' });
		expect((await rememberedMember())?.name).toBe(own);

		// removing the guest's data removes their answer; the nameless shared mark stays
		await forgetOwnDevice(guest);
		expect(await ownDeviceChoice(guest)).toBeNull();
		expect(await deviceIsShared()).toBe(true);
	});
});
