// Surveys on the server: the gateway rule that judges and counts answers (rule.ts), the internal
// record of ballots and answers (store.ts), the published aggregate and its timer (publish.ts),
// and the moderators' named responses (routes.ts). server/app.ts wires them; server/index.ts
// starts the publisher's timer.
import type { PraxisAuth } from '../auth/service';
import type { AddressOf } from '../http/client-address';
import type { Storage } from '../storage/index';
import type { ServerSigner } from '../devices/server-key';
import type { WriteRule } from '../couch/write';
import { createSurveyStore } from './store';
import { SurveyPublisher } from './publish';
import { createSurveyRule } from './rule';
import { createSurveyRoutes } from './routes';

export interface SurveysDeps {
	storage: Storage;
	auth: PraxisAuth;
	signer: () => Promise<ServerSigner>;
	clock: () => Date;
	addressOf?: AddressOf;
	log?: (line: string) => void;
}

export interface Surveys {
	rule: WriteRule;
	routes: ReturnType<typeof createSurveyRoutes>;
	/** Publishes due results at start and every 10 minutes once started; stop() on shutdown. */
	publisher: SurveyPublisher;
}

export function createSurveys(deps: SurveysDeps): Surveys {
	const { storage, auth, signer, clock, addressOf, log } = deps;
	const store = createSurveyStore(storage);
	const publisher = new SurveyPublisher({ storage, store, signer, clock, ...(log ? { log } : {}) });
	return {
		rule: createSurveyRule({ storage, store, publisher, clock, ...(log ? { log } : {}) }),
		routes: createSurveyRoutes({ storage, auth, store, ...(addressOf ? { addressOf } : {}) }),
		publisher
	};
}
