// The connection state every screen reads (one instance, `connection`): the home server's sync
// and the meetup hub's, combined by the rules in connection.ts.
import { describeConnection, sendHint, type ConnectionView, type HubView } from './connection';
import { hubSession } from './hub-session.svelte';
import { syncStatus } from './status.svelte';

class Connection {
	view: ConnectionView = $derived.by(() => {
		const hub: HubView | null = hubSession.connected
			? { name: hubSession.name ?? 'hub', state: hubSession.status.state }
			: null;
		return describeConnection(syncStatus, hub);
	});

	/** Whether the home server answers right now (files not kept offline come from it). */
	get reachesServer(): boolean {
		return this.view.route === 'server';
	}

	/** "sent to the server straight away" / "sent through the meetup hub X" / "sent when…". */
	get sendHint(): string {
		return sendHint(this.view, hubSession.name);
	}
}

export const connection = new Connection();
