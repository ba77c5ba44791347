// Demo suggestions: members' ideas for the platform and the community, some answered by a
// moderator (piotr) who set their status, with members' votes.
import { docId, voteId } from '../../src/lib/domain/ids';
import type { CommunityDoc, SuggestionStatus } from '../../src/lib/domain/schemas';
import { demoUlid as ulid } from './ids';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

interface DemoSuggestion {
	by: string;
	daysAgo: number;
	area: 'platform' | 'community';
	title: string;
	body: string;
	status: SuggestionStatus;
	/** The moderator's answer, `daysAfter` the suggestion. */
	response?: { text: string; daysAfter: number };
	votes: string[];
}

const SUGGESTIONS: readonly DemoSuggestion[] = [
	{
		by: 'ingrid',
		daysAgo: 95,
		area: 'platform',
		title: 'A weekly digest email of new threads in my categories',
		body: 'Many colleagues only open Praxis when someone sends them a link. A weekly email with new threads and resources in the categories I follow would bring them back.',
		status: 'planned',
		response: {
			text: 'Planned for the next release: a weekly digest you can switch on in your settings, off by default.',
			daysAfter: 6
		},
		votes: ['lars', 'erik', 'hoa', 'olga', 'sean', 'yusuf', 'aroha', 'nadia']
	},
	{
		by: 'lars',
		daysAgo: 82,
		area: 'community',
		title: 'Record webinars for people who cannot attend live',
		body: 'Shift workers and people in other time zones miss most webinars. Could organisers add a recording to the event page afterwards?',
		status: 'done',
		response: {
			text: 'Done: event pages now have a recording link, and organisers are asked for one after each webinar.',
			daysAfter: 12
		},
		votes: ['aroha', 'luis', 'kwame', 'isabel', 'ingrid']
	},
	{
		by: 'tomas',
		daysAgo: 61,
		area: 'platform',
		title: 'Machine translation of threads written in other languages',
		body: 'Some of the best threads are in French or Spanish. A button to show a machine translation would help members who do not read them.',
		status: 'considering',
		response: {
			text: 'We are looking at how to do this without sending members’ posts to an outside service. Comments welcome.',
			daysAfter: 4
		},
		votes: ['chloe', 'ahmed', 'fatima', 'jamal']
	},
	{
		by: 'david',
		daysAgo: 47,
		area: 'community',
		title: 'A regular "ask an auditor" session',
		body: 'Every quarter, an hour where members can ask auditors what they look for in projects, before the audit rather than after.',
		status: 'planned',
		response: { text: 'Planned: the first session will be in the events calendar in the new year.', daysAfter: 5 },
		votes: ['priya', 'noah', 'maria', 'lars']
	},
	{
		by: 'oluwaseun',
		daysAgo: 29,
		area: 'platform',
		title: 'Export a thread as a PDF for our internal meetings',
		body: 'We often discuss a Praxis thread in team meetings. An export with the question, the accepted answer and the replies would help.',
		status: 'declined',
		response: {
			text: 'Not for now: printing from the browser already gives a clean page, and we would rather keep the app small. Try your browser’s print to PDF.',
			daysAfter: 3
		},
		votes: ['fatima']
	},
	{
		by: 'erik',
		daysAgo: 11,
		area: 'community',
		title: 'A category for transport and mobility',
		body: 'Transport questions end up in open data or general. A transport and mobility category would make them easier to find.',
		status: 'open',
		votes: ['kenji', 'mei', 'luis']
	},
	{
		by: 'sofia',
		daysAgo: 4,
		area: 'platform',
		title: 'Show which members are mentors on a topic',
		body: 'When I ask a question about admissions, it would help to see which mentors have education expertise, right next to the thread.',
		status: 'open',
		votes: ['isabel', 'amina']
	}
];

export function buildDemoSuggestions(now: Date): CommunityDoc[] {
	const latest = now.getTime() - 60_000;
	const iso = (t: number) => new Date(Math.min(t, latest)).toISOString();
	const docs: CommunityDoc[] = [];
	for (const s of SUGGESTIONS) {
		const created = Math.min(now.getTime() - (now.getTime() % DAY_MS) - s.daysAgo * DAY_MS + 11 * HOUR_MS, latest);
		const id = docId('suggestion', ulid(created));
		const answered = s.response ? iso(created + s.response.daysAfter * DAY_MS) : undefined;
		docs.push({
			_id: id,
			type: 'suggestion',
			author: s.by,
			createdAt: iso(created),
			area: s.area,
			title: s.title,
			body: s.body,
			status: s.status,
			...(s.response && answered
				? { updatedAt: answered, response: { text: s.response.text, by: 'piotr', at: answered } }
				: {})
		});
		s.votes.forEach((voter, i) => {
			docs.push({
				_id: voteId(id, voter),
				type: 'vote',
				author: voter,
				createdAt: iso(created + (i + 1) * 5 * HOUR_MS),
				target: id,
				value: 1
			});
		});
	}
	return docs;
}
