// The recognition part of the Store (store.recognition): standings, leaderboards and ledgers as
// the device projected them (projection.ts). Reads only stored standings: cheap enough for a
// leaderboard page, and offline.
import type { StoreContext } from '../context';
import { leaderboards, type BoardOptions, type Boards, type LedgerLine, type Standing } from '../../domain/recognition';
import { BOARD_KEY, recognitionTables } from './tables';

export type { Boards, BoardEntry, BoardOptions, LedgerLine, Standing, Period } from '../../domain/recognition';

export function createRecognitionApi(ctx: StoreContext) {
	const tables = () => recognitionTables(ctx.db);
	return {
		/** The leaderboards for a period (as of now unless given), filtered by region and sector. */
		boards: async (options: Omit<BoardOptions, 'now'> & { now?: string }): Promise<Boards> =>
			leaderboards((await tables().board.get(BOARD_KEY))?.standings ?? [], {
				...options,
				now: options.now ?? ctx.now()
			}),
		/** One member's standing (null before they earned anything or had a profile). */
		standing: async (username: string): Promise<Standing | null> => (await tables().standings.get(username)) ?? null,
		/** One member's ledger, newest first. */
		ledger: async (username: string): Promise<LedgerLine[]> => (await tables().ledgers.get(username))?.lines ?? []
	};
}

export type RecognitionApi = ReturnType<typeof createRecognitionApi>;
