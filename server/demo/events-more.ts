// More demo events across the regions: what is coming up in the next six weeks, and what was
// held over the last four months with the organisers' attendance records.
import type { DemoEvent } from './events';

export const MORE_EVENTS: readonly DemoEvent[] = [
	{
		by: 'arjun',
		inDays: 2,
		hourUtc: 12,
		hours: 1,
		fields: {
			kind: 'webinar',
			title: 'Restore day: testing your backups before you need them',
			description:
				'A one-hour webinar on restore tests: which system to start with, how to time it, and what to do with the results. With the ransomware recovery toolkit from the library.\n\nQuestions in advance are welcome in the forum thread "Lessons from three ransomware recoveries this year".',
			timeZone: 'Europe/London',
			location: { online: 'https://meet.example.org/restore-day' },
			organisers: ['arjun'],
			tags: ['ransomware', 'backups', 'webinar'],
			region: 'Online'
		},
		going: ['piotr', 'lars', 'zofia', 'kwame', 'marcus', 'maria'],
		maybe: ['noah']
	},
	{
		by: 'amina',
		inDays: 8,
		hourUtc: 9,
		hours: 3,
		fields: {
			kind: 'workshop',
			title: 'Designing appointment letters and reminders with patients',
			description:
				'A hands-on morning for health and care teams: bring one letter or text message you send to patients, leave with a version tested with patient representatives.',
			timeZone: 'Europe/London',
			location: { venue: 'Capital Hospital Education Centre, Room 4', address: '1 Hospital Way, Capital' },
			capacity: 24,
			organisers: ['amina', 'siobhan'],
			tags: ['health', 'plain-language', 'appointments'],
			region: 'Capital'
		},
		going: ['amina', 'siobhan', 'grace', 'aroha', 'hoa'],
		maybe: ['luis']
	},
	{
		by: 'lars',
		inDays: 15,
		hourUtc: 10,
		hours: 5,
		fields: {
			kind: 'meetup',
			title: 'Highlands and Islands digital meetup',
			description:
				'Councils, health boards and transport operators from the Highlands and the Islands: services that work with a weak connection, ferry and bus information, telehealth.\n\n**Agenda**\n\n- 10:00 Welcome\n- 10:15 E-services on one bar of signal (Highland Regional Council)\n- 11:00 Telehealth on the islands (Islands Health Board)\n- 12:00 Lunch\n- 13:00 Tables by topic\n- 15:00 Close',
			timeZone: 'Europe/London',
			location: { venue: 'Kinloch Village Hall', address: 'Harbour Road, Kinloch' },
			capacity: 40,
			organisers: ['lars', 'aroha'],
			tags: ['rural-connectivity', 'telehealth', 'meetup'],
			region: 'Highlands'
		},
		going: ['lars', 'aroha', 'ingrid', 'erik', 'elena', 'marcus'],
		maybe: ['kenji', 'olga']
	},
	{
		by: 'priya',
		inDays: 21,
		hourUtc: 13,
		hours: 1,
		fields: {
			kind: 'webinar',
			title: 'E-invoicing: six months to the deadline',
			description:
				'Where public bodies stand, the questions suppliers ask most, and the free portal for small suppliers. With time for questions.',
			timeZone: 'Europe/Brussels',
			location: { online: 'https://meet.example.org/e-invoicing-deadline' },
			organisers: ['priya'],
			tags: ['e-invoicing', 'finance', 'webinar'],
			region: 'Online',
			official: false
		},
		going: ['yusuf', 'noah', 'ana'],
		maybe: ['david']
	},
	{
		by: 'jamal',
		inDays: 27,
		hourUtc: 17,
		hours: 2,
		fields: {
			kind: 'meetup',
			title: 'Capital participatory budgeting: lessons from this year’s round',
			description:
				'An evening for anyone running or planning a participatory budget: turnout by district, what raised it, and the results report template.',
			timeZone: 'Europe/London',
			location: { venue: 'Capital City Hall, Committee Room B', address: 'Market Square, Capital' },
			capacity: 30,
			organisers: ['jamal'],
			tags: ['participatory-budget', 'citizen-engagement'],
			region: 'Capital'
		},
		going: ['jamal', 'nadia', 'siobhan'],
		maybe: ['chloe', 'tomas']
	},
	{
		by: 'rafael',
		inDays: 34,
		hourUtc: 9,
		hours: 6,
		fields: {
			kind: 'workshop',
			title: 'Environmental data for decisions: air, energy, waste',
			description:
				'A day for environment and climate teams in the South: publishing sensor data, reading meter data, and turning both into decisions someone takes.',
			timeZone: 'Europe/London',
			location: { venue: 'Southport Civic Centre', address: '2 Quay Street, Southport' },
			capacity: 35,
			organisers: ['rafael', 'leila'],
			tags: ['environment', 'open-data', 'climate'],
			region: 'South'
		},
		going: ['rafael', 'leila', 'elena', 'thi'],
		maybe: ['kenji']
	},
	{
		by: 'piotr',
		inDays: 38,
		hourUtc: 8,
		hours: 8,
		fields: {
			kind: 'conference',
			title: 'Praxis community day',
			description:
				'The yearly day of the Praxis community: the winners of the "Shorter waits for residents" challenge present their work, then sessions chosen by members in the suggestions.\n\nA Praxis hub runs in the hall so you can sync without internet.',
			timeZone: 'Europe/Amsterdam',
			location: {
				venue: 'National Library Conference Centre',
				address: 'Museum Square 4, Capital',
				online: 'https://meet.example.org/praxis-community-day'
			},
			capacity: 250,
			organisers: ['piotr', 'maria'],
			tags: ['community', 'conference'],
			region: 'Capital',
			official: true
		},
		going: ['piotr', 'maria', 'ana', 'james', 'siobhan', 'thi', 'amina', 'lars', 'jamal', 'olga', 'david'],
		maybe: ['kenji', 'fatima', 'hannah']
	},
	{
		by: 'siobhan',
		inDays: -20,
		hourUtc: 13,
		hours: 1,
		fields: {
			kind: 'webinar',
			title: 'Plain language for letters and forms',
			description:
				'Seven patterns from 40 user tests, with before-and-after examples from housing and parking letters.',
			timeZone: 'Europe/Dublin',
			location: { online: 'https://meet.example.org/plain-language' },
			organisers: ['siobhan', 'hoa'],
			tags: ['plain-language', 'webinar'],
			region: 'Online',
			materials:
				'Slides and the letter templates are in the library: "Housing letters in plain language: 14 before-and-after templates".',
			recording: 'https://video.example.org/praxis/plain-language'
		},
		going: ['siobhan', 'hoa', 'ingrid', 'sean', 'mateo', 'nadia', 'olga'],
		maybe: ['amina'],
		attended: ['siobhan', 'hoa', 'ingrid', 'sean', 'nadia', 'olga', 'amina']
	},
	{
		by: 'kenji',
		inDays: -41,
		hourUtc: 9,
		hours: 4,
		fields: {
			kind: 'meetup',
			title: 'South transport data meetup',
			description:
				'Operators, councils and journey planner developers on open transport data: GTFS-RT, step-free access data and passenger counts.',
			timeZone: 'Europe/London',
			location: { venue: 'Southport Transport Authority, Atrium', address: '10 Station Approach, Southport' },
			capacity: 40,
			organisers: ['kenji'],
			tags: ['transport', 'gtfs', 'open-data'],
			region: 'South',
			materials: 'Notes: step-free access data is now on the portal; passenger counts by stop follow in spring.'
		},
		going: ['kenji', 'mei', 'thi', 'rafael', 'tomas', 'luis'],
		attended: ['kenji', 'mei', 'thi', 'rafael', 'luis', 'erik']
	},
	{
		by: 'hannah',
		inDays: -55,
		hourUtc: 10,
		hours: 3,
		fields: {
			kind: 'workshop',
			title: 'Writing a DPIA residents would recognise',
			description:
				'A workshop on the parts of a data protection impact assessment the vendor cannot write for you: necessity, proportionality and the risks to the people in the files.',
			timeZone: 'Europe/Berlin',
			location: { venue: 'Department for Education, Training Room 1', address: '20 Civic Lane, Capital' },
			capacity: 20,
			organisers: ['hannah'],
			tags: ['dpia', 'data-protection', 'workshop'],
			region: 'Capital',
			materials: 'Worked example and DPIA template sections handed out on paper; the template is in the library.'
		},
		going: ['hannah', 'fatima', 'sean', 'zofia', 'grace', 'sofia', 'james'],
		maybe: ['oluwaseun'],
		attended: ['hannah', 'fatima', 'sean', 'zofia', 'grace', 'oluwaseun']
	},
	{
		by: 'nadia',
		inDays: -76,
		hourUtc: 14,
		hours: 2,
		fields: {
			kind: 'meetup',
			title: 'West digital inclusion network',
			description:
				'Library, adult education and council staff who help residents online: what residents ask, what we tell service teams, and volunteer training.',
			timeZone: 'Europe/London',
			location: { venue: 'Westbridge Central Library', address: 'Library Square, Westbridge' },
			capacity: 30,
			organisers: ['nadia'],
			tags: ['digital-inclusion', 'libraries', 'meetup'],
			region: 'West'
		},
		going: ['nadia', 'isabel', 'fatima', 'leila', 'chloe'],
		attended: ['nadia', 'isabel', 'fatima', 'chloe']
	},
	{
		by: 'marcus',
		inDays: -98,
		hourUtc: 9,
		hours: 6,
		fields: {
			kind: 'workshop',
			title: 'Winter readiness exercise for councils and emergency services',
			description:
				'A tabletop exercise: three days of storms and power cuts, with council, fire, ambulance and health teams. Warnings, vulnerable residents, and restoring services in order.',
			timeZone: 'Europe/London',
			location: { venue: 'Highland Council Chambers', address: 'Glen Road, Inverbrae' },
			capacity: 30,
			organisers: ['marcus', 'kwame'],
			tags: ['emergency-planning', 'resilience', 'exercise'],
			region: 'Highlands',
			materials: 'The exercise scenario and the debrief notes are shared with participants by message.'
		},
		going: ['marcus', 'kwame', 'luis', 'lars', 'aroha', 'elena'],
		maybe: ['arjun'],
		attended: ['marcus', 'kwame', 'luis', 'lars', 'elena', 'arjun']
	}
];
