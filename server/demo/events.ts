// Demo events: webinars, workshops, meetups and a conference in several regions, coming up in the
// next six weeks or held in the last four months (with materials and the organisers' attendance
// records), and RSVPs, so the calendar is not empty on first start.
import { demoUlid as ulid } from './ids';
import { attendanceId, docId, rsvpId } from '../../src/lib/domain/ids';
import { MORE_EVENTS } from './events-more';
import type { AttendanceDoc, CommunityDoc, EventDoc } from '../../src/lib/domain/schemas';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DemoEvent {
	by: string;
	/** Days from now to the start (negative: in the past); starts at `hourUtc`. */
	inDays: number;
	hourUtc: number;
	hours: number;
	fields: Pick<EventDoc, 'kind' | 'title' | 'description' | 'timeZone' | 'location' | 'organisers' | 'tags'> &
		Partial<Pick<EventDoc, 'capacity' | 'region' | 'materials' | 'recording' | 'official'>>;
	going?: string[];
	maybe?: string[];
	/** Past events: who came, as an organiser recorded it the day after (the others did not). */
	attended?: string[];
}

const EVENTS: readonly DemoEvent[] = [
	{
		by: 'thi',
		inDays: 4,
		hourUtc: 13,
		hours: 1,
		fields: {
			kind: 'webinar',
			title: 'Open data portals on a small budget',
			description:
				'Thi walks through how a regional data office publishes 140 datasets with one part-time person: licences, metadata templates and the three tools that did the heavy lifting.\n\nBring your questions; the recording will be added here afterwards.',
			timeZone: 'Europe/Amsterdam',
			location: { online: 'https://meet.example.org/open-data-portals' },
			organisers: ['thi'],
			tags: ['open-data', 'webinar'],
			region: 'Online'
		},
		going: ['ana', 'james', 'maria'],
		maybe: ['siobhan']
	},
	{
		by: 'siobhan',
		inDays: 11,
		hourUtc: 9,
		hours: 4,
		fields: {
			kind: 'meetup',
			title: 'West coast digital services meetup',
			description:
				'A morning for council and agency staff from the west coast: short talks on e-permits and accessible forms, then tables by topic.\n\n**Agenda**\n\n- 10:00 Coffee and introductions\n- 10:30 Parking permits online in six weeks (Harbour City)\n- 11:15 Accessibility testing with residents\n- 12:00 Tables by topic\n- 13:00 Close\n\nNo internet in the hall: a Praxis hub will be running so you can sync on the spot.',
			timeZone: 'Europe/Dublin',
			location: { venue: 'Kilbrack Community Hall', address: 'Main Street, Kilbrack' },
			capacity: 25,
			organisers: ['siobhan', 'piotr'],
			tags: ['e-services', 'accessibility', 'meetup'],
			region: 'West'
		},
		going: ['siobhan', 'piotr', 'james'],
		maybe: ['ana']
	},
	{
		by: 'piotr',
		inDays: -12,
		hourUtc: 8,
		hours: 6,
		fields: {
			kind: 'workshop',
			title: 'Cyber hygiene for small municipalities',
			description:
				'A hands-on day on the eight baseline measures: multi-factor authentication, backups that are tested, updates, inventory and an incident plan on one page.',
			timeZone: 'Europe/Warsaw',
			location: { venue: 'Regional Office, Room 2', address: 'Long Street 12, Northbrook' },
			capacity: 20,
			organisers: ['piotr'],
			tags: ['cybersecurity', 'small-municipalities'],
			region: 'North',
			materials:
				'Slides and the one-page incident plan template are in the library: see "Cyber hygiene baseline: 8 measures for small municipalities".'
		},
		going: ['piotr', 'ana', 'thi', 'maria'],
		attended: ['piotr', 'ana', 'maria']
	}
];

export function buildDemoEvents(now: Date): CommunityDoc[] {
	const docs: CommunityDoc[] = [];
	[...EVENTS, ...MORE_EVENTS].forEach((e, index) => {
		const day = weekday(now.getTime() - (now.getTime() % DAY_MS) + e.inDays * DAY_MS, e.inDays < 0);
		const start = day + e.hourUtc * 60 * 60 * 1000;
		// proposed some weeks before it starts, never in the future
		const created = Math.min(start - 21 * DAY_MS, now.getTime() - (index + 2) * 60 * 60 * 1000);
		const id = docId('event', ulid(created));
		docs.push({
			_id: id,
			type: 'event',
			author: e.by,
			createdAt: new Date(created).toISOString(),
			start: new Date(start).toISOString(),
			end: new Date(start + e.hours * 60 * 60 * 1000).toISOString(),
			...e.fields
		});
		const answers: [string, 'going' | 'maybe'][] = [
			...(e.going ?? []).map((u) => [u, 'going'] as [string, 'going']),
			...(e.maybe ?? []).map((u) => [u, 'maybe'] as [string, 'maybe'])
		];
		answers.forEach(([member, status], i) => {
			const t = Math.min(created + (i + 1) * 60 * 60 * 1000, now.getTime() - 60_000);
			docs.push({
				_id: rsvpId(id, member),
				type: 'rsvp',
				author: member,
				createdAt: new Date(t).toISOString(),
				event: id,
				status
			});
		});
		const end = start + e.hours * 60 * 60 * 1000;
		if (e.attended && end < now.getTime()) {
			const recorded = Math.min(end + DAY_MS, now.getTime() - 60_000);
			for (const member of new Set([...(e.going ?? []), ...e.attended])) {
				const record: AttendanceDoc = {
					_id: attendanceId(id, member),
					type: 'attendance',
					author: e.fields.organisers[0],
					createdAt: new Date(recorded).toISOString(),
					event: id,
					member,
					attended: e.attended.includes(member)
				};
				// attendance is validated like every community document but is not in the CommunityDoc union
				docs.push(record as unknown as CommunityDoc);
			}
		}
	});
	return docs;
}

/** Public servants meet on working days: a Saturday or Sunday moves to the Friday before (past events) or the Monday after. */
function weekday(day: number, past: boolean): number {
	const weekDay = new Date(day).getUTCDay();
	if (weekDay === 6) return day + (past ? -1 : 2) * DAY_MS;
	if (weekDay === 0) return day + (past ? -2 : 1) * DAY_MS;
	return day;
}
