// The organiser's live figures: the evening's counts (evening.ts) and the link to the central
// server (replicator.ts status) put into plain sentences in the page's language. The same
// object feeds the page as first rendered and the JSON the page's script polls.
import type { DirectionStatus, HubReplication } from '../replicator';
import type { EveningLedger } from './evening';
import { WORDS, type PageLanguage } from './words';

export interface OrganiserStatus {
	attendees: Array<{ name: string; displayName: string }>;
	received: number;
	/** Of the received revisions, those the push wrote up to the central server (not what the pull
	 * brought and the push sent back, which PouchDB's own `docsWritten` may count). */
	relayed: number;
	waiting: number;
	/** Revisions the central server refused this evening. */
	refused: number;
	/** Direct messages passed on sealed (the hub cannot read them), and those waiting for their recipient. */
	messages: { passed: number; waiting: number };
	upstream: {
		state: 'not-started' | 'connecting' | 'up-to-date' | 'sending' | 'unreachable';
		nextTryAt: string | null;
	};
	/** The same, as the page says it. */
	text: {
		upstream: string;
		/** "Next try at 20:14:05 (in 25 s)." while the central server is unreachable, else "". */
		nextTry: string;
		attendees: string;
		received: string;
		relayed: string;
		waiting: string;
		refused: string;
		/** "" when no message went through the hub. */
		messages: string;
		updated: string;
	};
}

export interface StatusSources {
	ledger: EveningLedger;
	replication: () => HubReplication | null;
	/** The central server's host, as attendees know it. */
	upstreamHost: string;
	displayNames: (names: readonly string[]) => Promise<Map<string, string>>;
	/** Direct messages through the hub (mail.ts hubMailFigures); none when absent. */
	messages?: () => Promise<{ passed: number; waiting: number }>;
	clock: () => Date;
}

type UpstreamState = OrganiserStatus['upstream']['state'];

function upstreamState(status: Record<'push' | 'pull', DirectionStatus> | null): UpstreamState {
	if (!status) return 'not-started';
	const { push, pull } = status;
	if (push.state === 'active' || pull.state === 'active') return 'sending';
	if (push.state === 'idle' && pull.state === 'idle') return 'up-to-date';
	// a direction that failed at least once: its last attempt did not reach the central server
	if (push.lastError !== null || pull.lastError !== null) return 'unreachable';
	return 'connecting';
}

/** The earliest retry of a direction waiting to retry. */
function nextTryAt(status: Record<'push' | 'pull', DirectionStatus> | null): string | null {
	const times = [status?.push.nextRetryAt, status?.pull.nextRetryAt].filter((t): t is string => typeof t === 'string');
	return times.sort()[0] ?? null;
}

export async function organiserStatus(sources: StatusSources, lang: PageLanguage): Promise<OrganiserStatus> {
	const w = WORDS[lang];
	const now = sources.clock();
	const status = sources.replication()?.status() ?? null;
	const figures = sources.ledger.figures();
	const here = sources.ledger.attendees();
	const names = await sources.displayNames(here.map((a) => a.name));
	const state = upstreamState(status);
	const next = state === 'unreachable' ? nextTryAt(status) : null;
	const host = sources.upstreamHost;
	const time = (iso: string | Date) =>
		new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(
			new Date(iso)
		);
	const upstream = {
		'not-started': () => w.upNotStarted(host),
		connecting: () => w.upConnecting(host),
		'up-to-date': () => (figures.waiting > 0 ? w.upConnectedWaiting(host, figures.waiting) : w.upToDate(host)),
		sending: () => w.upSending(host, figures.waiting),
		unreachable: () => w.upUnreachable(host, figures.waiting)
	}[state]();
	const relayed = figures.relayed;
	const messages = (await sources.messages?.()) ?? { passed: 0, waiting: 0 };
	return {
		attendees: here.map((a) => ({ name: a.name, displayName: names.get(a.name) ?? a.name })),
		received: figures.received,
		relayed,
		waiting: figures.waiting,
		refused: figures.refused,
		messages,
		upstream: { state, nextTryAt: next },
		text: {
			upstream,
			nextTry: next ? w.nextTry(time(next), Math.max(0, Math.ceil((Date.parse(next) - now.getTime()) / 1000))) : '',
			attendees: w.attendees(here.length),
			received: w.received(figures.received),
			relayed: w.relayed(relayed),
			waiting: w.waiting(figures.waiting),
			refused: figures.refused > 0 ? w.refusedUp(figures.refused) : '',
			messages: messages.passed + messages.waiting > 0 ? w.messages(messages.passed, messages.waiting) : '',
			updated: w.updatedAt(time(now))
		}
	};
}
