// "This is my own device", asked at sign-in. On a device that is not the member's own (a shared
// office computer, a library kiosk), signing out removes everything Praxis kept for them and the
// browser is never asked to keep Praxis's data. The rule for the box's starting value is pure:
//   1. what this member chose last time on this device, if they chose;
//   2. else off when anyone said this device is not their own (it is shared);
//   3. else on in an installed app (people install apps on their own phones), off in a browser tab.

export interface DeviceChoiceFacts {
	/** This member's last choice on this device; null when they never signed in here. */
	remembered: boolean | null;
	/** Someone signed in on this device saying it is not their own. */
	shared: boolean;
	/** The app runs installed (display-mode standalone, iOS navigator.standalone). */
	installed: boolean;
}

export function defaultOwnDevice({ remembered, shared, installed }: DeviceChoiceFacts): boolean {
	if (remembered !== null) return remembered;
	if (shared) return false;
	return installed;
}

/** Whether signing out removes the member's data unless they change it in the dialog. */
export function removesDataAtSignOut(ownDevice: boolean): boolean {
	return !ownDevice;
}
