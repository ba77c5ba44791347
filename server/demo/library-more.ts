// More demo library resources: every kind the library takes, from every sector. Most are
// published after a review (by maria, or by piotr when maria wrote it), a few wait for review
// and one went back to its author for changes. Ratings and comments come from other members.
import type { DemoResource } from './types';

type Rated = [member: string, stars: number][];

const byMaria = (comments: string) => ({ by: 'maria', verdict: 'approve' as const, comments });
const byPiotr = (comments: string) => ({ by: 'piotr', verdict: 'approve' as const, comments });
const rate = (...ratings: Rated) => ratings;

export const MORE_RESOURCES: readonly DemoResource[] = [
	{
		by: 'rafael',
		daysAgo: 111,
		kind: 'guide',
		status: 'published',
		title: 'Publishing sensor data: provisional and validated datasets',
		summary:
			'How Southport publishes readings from 45 air quality sensors twice: in real time, marked provisional, and validated every month.',
		tags: ['air-quality', 'sensors', 'open-data'],
		sector: 'Environment',
		body: `## Two datasets, clearly named

- **Provisional, real time**: every reading as it arrives. The first sentence of the description says values may change.
- **Validated, monthly**: readings checked against the reference station, faulty periods removed, corrections listed.

## Metadata that researchers ask for

- Sensor model and firmware version
- Calibration date and method
- Location with height above ground
- Known faults and their dates`,
		review: byMaria('Short and directly reusable for any sensor network. Approved.'),
		ratings: rate(['thi', 5], ['leila', 4], ['kenji', 4]),
		votes: ['thi', 'leila']
	},
	{
		by: 'david',
		daysAgo: 106,
		kind: 'research-paper',
		status: 'published',
		title: 'Why public IT projects miss their benefits: findings from 38 audits',
		summary:
			'A review of 38 audited IT projects over five years: 29 could not show their planned benefits, mostly for lack of a baseline and a business owner.',
		tags: ['audit', 'benefits-realisation', 'project-management'],
		organization: 'National Audit Office',
		sector: 'Finance',
		body: `## Method

We reviewed the final audit reports of 38 IT projects above EUR 1 million, completed between 2020 and 2025, and coded each finding.

## Findings

| Finding | Projects |
|---|---|
| No measured baseline for the main benefit | 24 |
| Benefits owned by the project team only | 21 |
| Contingency spent on unapproved scope | 15 |
| Exit and data return untested at signature | 12 |

## Conclusions

Projects that measured a baseline before approval were three times as likely to show their benefits. The cheapest improvement is a business case template that requires one.`,
		review: byMaria('Solid method, and the table says it all. Approved.'),
		comments: [
			{
				by: 'priya',
				body: 'We are adding the baseline requirement to the national business case template because of this.'
			}
		],
		ratings: rate(['priya', 5], ['noah', 5], ['maria', 4], ['ana', 4]),
		votes: ['priya', 'noah', 'ana', 'lars']
	},
	{
		by: 'hoa',
		daysAgo: 90,
		kind: 'template',
		status: 'published',
		title: 'Housing letters in plain language: 14 before-and-after templates',
		summary:
			'Offer, refusal, review and reminder letters for housing allocations, rewritten so that the first sentence says what the letter is about.',
		tags: ['plain-language', 'housing', 'letters'],
		organization: 'Southport City Council',
		sector: 'Housing',
		body: `Each template has the old version, the new version, and the notes we gave to staff.

### Refusal letter (new version, opening)

> We cannot add you to the housing register at the moment. This letter explains why, and what you can do if you disagree.
>
> **If you disagree**, you can ask us to look at the decision again. Write to us or call 0300 555 0140 before 14 March.

### What changed in all 14 letters

1. The decision comes first, the legal reference last.
2. Dates are written out, never "within 21 days of the date of this letter".
3. One phone number, one email address.`,
		review: byMaria('Reusable beyond housing. Approved.'),
		ratings: rate(['sean', 5], ['ingrid', 5], ['siobhan', 5], ['mateo', 4]),
		comments: [{ by: 'ingrid', body: 'We used the refusal letter wording for our phone scripts. Works well.' }],
		votes: ['sean', 'ingrid', 'siobhan', 'mateo', 'maria']
	},
	{
		by: 'arjun',
		daysAgo: 84,
		kind: 'toolkit',
		status: 'published',
		title: 'Ransomware recovery toolkit for local government',
		summary:
			'A first-72-hours checklist, a printed contact sheet, a template to rank which services to restore first, and a restore test plan.',
		tags: ['ransomware', 'incident-response', 'backups'],
		organization: 'National Cyber Security Centre',
		sector: 'Digital services',
		body: `## What is in the toolkit

1. **First 72 hours checklist**: isolate, preserve evidence, inform, decide.
2. **Contact sheet** to print and keep in three places: IT, the chief executive, the emergency planner.
3. **Service priority template**: which services to restore first, signed by the chief executive before an incident.
4. **Restore test plan**: restore one critical system a quarter and time it.

## How to use it

Run a two-hour exercise with the service priority template first. Most councils discover that nobody had agreed the order.`,
		review: byPiotr('Exactly what our small municipalities need. Approved.'),
		ratings: rate(['piotr', 5], ['marcus', 5], ['lars', 4], ['kwame', 5], ['zofia', 4]),
		votes: ['piotr', 'marcus', 'lars', 'kwame']
	},
	{
		by: 'amina',
		daysAgo: 80,
		kind: 'case-study',
		status: 'published',
		title: 'Capital Health: text reminders cut outpatient no-shows by a third',
		summary:
			'Reminders three days before, with a link to cancel or rebook, reduced no-shows from 9% to 6% across four hospitals.',
		tags: ['health', 'appointments', 'sms'],
		organization: 'Capital Health Authority',
		jurisdiction: 'Capital',
		sector: 'Health',
		body: 'How four hospitals introduced text reminders for 620,000 outpatient appointments a year, and what we changed after the first month.',
		problem:
			'About 9% of outpatient appointments were missed, 56,000 a year, and slots could not be reused because nobody cancelled in time.',
		actions:
			'Text reminder three days before with a link to cancel or rebook; no clinic type in the message; a short-notice list of patients willing to come at a day’s notice.',
		outcomes: [
			{ metric: 'Missed appointments', value: '6', unit: '%' },
			{ metric: 'Slots reused from cancellations', value: '71', unit: '%' }
		],
		lessons: 'Never name the clinic in the text. Give staff time to fill cancelled slots, or cancellations are wasted.',
		contact: 'Amina Diallo, digital lead (through Praxis messages)',
		review: byMaria('Clear figures, and the privacy point is important. Approved.'),
		ratings: rate(['aroha', 5], ['grace', 4], ['luis', 4]),
		votes: ['aroha', 'grace', 'luis', 'maria']
	},
	{
		by: 'ahmed',
		daysAgo: 20,
		kind: 'guide',
		status: 'published',
		title: 'Right-to-left forms: a test checklist for Arabic and Farsi',
		summary:
			'Twelve checks before publishing a form in a right-to-left language: page direction, numbers, icons, error messages and testing with speakers.',
		tags: ['rtl', 'arabic', 'accessibility'],
		organization: 'Capital City Council',
		sector: 'Digital services',
		body: `## Direction

- [ ] The whole page is set right-to-left, not only the text blocks
- [ ] Arrows and "next" icons point the other way
- [ ] Phone numbers, amounts and reference numbers stay left-to-right

## Content

- [ ] Translated by a professional, checked by a speaker who uses the service
- [ ] Error messages are translated too
- [ ] The language switcher shows each language in its own script

## Testing

- [ ] Five to ten speakers, on their own phones
- [ ] With a screen reader in Arabic`,
		review: byMaria('Useful beyond Arabic. Approved.'),
		ratings: rate(['nadia', 5], ['fatima', 5]),
		comments: [{ by: 'fatima', body: 'شكراً! We will use it for the home care forms.' }],
		votes: ['nadia', 'fatima', 'siobhan']
	},
	{
		by: 'priya',
		daysAgo: 100,
		kind: 'guide',
		status: 'published',
		title: 'E-invoicing for small suppliers: answers to the ten most common questions',
		summary:
			'What a supplier sending a few invoices a year needs to know about structured e-invoicing, with the free portal and what to put on the invoice.',
		tags: ['e-invoicing', 'suppliers', 'finance'],
		organization: 'Ministry of Finance',
		sector: 'Finance',
		body: `1. **Do I need new software?** No. If you send fewer than 50 invoices a year, use the free form on the national portal.
2. **What must be on the invoice?** The purchase order number, our reference, your bank details, VAT.
3. **Can I still send a PDF?** Until 30 June. After that PDFs are returned.
4. **How fast will I be paid?** Invoices that match an order are paid within 14 days.`,
		review: byMaria('Plain and complete. Approved.'),
		ratings: rate(['yusuf', 4], ['noah', 5], ['ana', 4]),
		votes: ['yusuf', 'noah']
	},
	{
		by: 'nadia',
		daysAgo: 64,
		kind: 'research-paper',
		status: 'published',
		title: 'What residents ask for help with online: 9,000 library sessions analysed',
		summary:
			'An analysis of a year of assisted digital sessions in 12 libraries: signing in, uploading documents and benefits forms account for more than half.',
		tags: ['digital-inclusion', 'assisted-digital', 'libraries'],
		organization: 'Westbridge City Council',
		sector: 'Digital services',
		body: `## Data

9,012 help sessions logged by library staff between January and December, each with the service and the problem.

## Results

| Problem | Share |
|---|---|
| Signing in with the national eID | 23% |
| Uploading a document or photo | 17% |
| Benefits and housing forms | 15% |
| Booking health appointments | 11% |
| Email accounts | 9% |

## Recommendations for service teams

Accept any image format, let people save and return, and show the sign-in help before the sign-in fails.`,
		review: byMaria('Valuable evidence for every service team. Approved.'),
		ratings: rate(['james', 5], ['isabel', 5], ['olga', 4], ['siobhan', 5]),
		comments: [
			{ by: 'james', body: 'Shared with the eID team. They are adding sign-in help before the first attempt.' }
		],
		votes: ['james', 'isabel', 'olga', 'siobhan', 'amina']
	},
	{
		by: 'marcus',
		daysAgo: 60,
		kind: 'case-study',
		status: 'published',
		title: 'Highland storms: warning 22 villages when the power is out',
		summary:
			'How the council warned residents during three days of storms and power cuts: texts, local radio, door knocking and a static emergency page.',
		tags: ['emergency-planning', 'floods', 'communications'],
		organization: 'Highland Regional Council',
		jurisdiction: 'Highlands',
		sector: 'Emergency services',
		body: 'A review of the warnings we sent during last winter’s storms, with a survey of 600 residents afterwards.',
		problem:
			'Power and mobile coverage failed in several villages. The council website went down under load on the first morning.',
		actions:
			'Text warnings to registered residents, hourly updates on local radio, volunteers knocking on doors of residents on the vulnerable persons list, and a static emergency page hosted separately.',
		outcomes: [
			{ metric: 'Residents who received a warning in time', value: '88', unit: '%' },
			{ metric: 'Vulnerable residents visited within 24 hours', value: '100', unit: '%' }
		],
		lessons:
			'Local radio reached older residents that texts missed. Host the emergency page separately from the main site.',
		contact: 'Marcus Brown, emergency planning officer',
		review: byPiotr('Honest about what failed. Approved.'),
		ratings: rate(['kwame', 5], ['ingrid', 4], ['lars', 5]),
		votes: ['kwame', 'ingrid', 'lars', 'elena']
	},
	{
		by: 'luis',
		daysAgo: 14,
		kind: 'template',
		status: 'published',
		title: 'One-page board performance report',
		summary:
			'A layout for a weekly board report: five measures, 13 weeks of trend, a target line and two sentences each on why it moved.',
		tags: ['reporting', 'dashboards', 'performance'],
		sector: 'Emergency services',
		body: `## Layout

For each of five measures:

- The measure's name and definition in one line
- A 13-week trend chart with the target as a line
- Two sentences: why it moved, and what we are doing about it

## Rules we keep

- No more than five measures; swap one only with the board's agreement
- The calculation of each measure is written down behind the page
- The same chart scale every week`,
		review: byMaria('Simple and reusable anywhere. Approved.'),
		ratings: rate(['david', 5], ['oluwaseun', 4]),
		votes: ['david', 'oluwaseun', 'yusuf']
	},
	{
		by: 'oluwaseun',
		daysAgo: 50,
		kind: 'guide',
		status: 'published',
		title: 'Publishing statistics about small groups safely',
		summary:
			'Suppression, secondary suppression and rounding, with worked examples, for tables about children, care and health.',
		tags: ['statistics', 'data-protection', 'social-care'],
		sector: 'Social care',
		body: `## The rules we apply

1. No cell under 5 is published. Use "<5".
2. Suppress a second cell in the same row and column so the first cannot be worked out from totals.
3. For sensitive topics (children in care, health conditions) publish at district level only.
4. Say under every table which rules were applied.

## Worked example

A table of children in care by district and age group, before and after suppression, is in the attached notes.`,
		review: byMaria('Clear and careful. Approved.'),
		ratings: rate(['thi', 5], ['hannah', 5]),
		votes: ['thi', 'hannah', 'fatima']
	},
	{
		by: 'fatima',
		daysAgo: 40,
		kind: 'template',
		status: 'published',
		title: 'Data-sharing agreement: yes/no eligibility checks between services',
		summary:
			'An agreement template for answering "is this person eligible?" from one service to another without sharing the underlying records.',
		tags: ['data-sharing', 'social-care', 'template'],
		organization: 'Westbridge City Council',
		sector: 'Social care',
		body: `## Scope

The requesting service sends a name, date of birth and the eligibility question. The providing service answers **yes**, **no** or **unknown**. No other data leaves the providing service.

## Clauses

1. Purpose: checking eligibility for the named benefit only.
2. Lawful basis and the person's information: the requesting service tells applicants that the check is made.
3. Retention: the answer is kept with the application; the request is not kept by the providing service.
4. Review: yearly, and after any complaint.`,
		review: byMaria('Reusable and privacy-friendly. Approved.'),
		ratings: rate(['mei', 5], ['hannah', 4], ['grace', 4]),
		comments: [{ by: 'mei', body: 'Signed with social care last month. Concession pass uploads are down by 60%.' }],
		votes: ['mei', 'hannah', 'grace']
	},
	{
		by: 'jamal',
		daysAgo: 34,
		kind: 'toolkit',
		status: 'published',
		title: 'Participatory budgeting toolkit: reaching every district',
		summary:
			'Timeline, outreach plan, paper ballot, library tablet kit and the results report template from a city where 31,000 residents vote each year.',
		tags: ['participatory-budget', 'citizen-engagement', 'inclusion'],
		organization: 'Capital City Council',
		sector: 'Local government',
		body: `## Contents

1. A 20-week timeline from call for ideas to results
2. An outreach plan per district, with the places people already go
3. A paper ballot that matches the online one
4. A kit list for voting stations in libraries and markets
5. A results report template, with turnout by district

## What raised turnout most

Voting where people already are, and a share of the budget reserved for each district.`,
		review: byMaria('Complete and practical. Approved.'),
		ratings: rate(['nadia', 5], ['tomas', 4], ['chloe', 4], ['siobhan', 4]),
		votes: ['nadia', 'tomas', 'chloe']
	},
	{
		by: 'elena',
		daysAgo: 70,
		kind: 'case-study',
		status: 'published',
		title: 'Redrawing waste collection rounds with GPS data',
		summary:
			'Using a year of GPS traces from collection trucks to redraw rounds across 4,000 square kilometres, saving one truck and 9% of fuel.',
		tags: ['waste', 'routing', 'environment'],
		organization: 'Highland Regional Council',
		jurisdiction: 'Highlands',
		sector: 'Environment',
		body: 'Rounds had grown by adding streets for ten years. We used the trucks’ own GPS data to redraw them.',
		problem: 'Rounds overlapped, two trucks drove the same roads on the same day, and overtime was rising.',
		actions:
			'Exported a year of GPS traces, mapped the real routes, redrew the rounds with the crews over four workshops and tested them for a month.',
		outcomes: [
			{ metric: 'Fuel used', value: '-9', unit: '%' },
			{ metric: 'Trucks needed', value: '11', unit: 'trucks (from 12)' }
		],
		lessons: 'The crews knew the problem roads; the data convinced the managers.',
		contact: 'Elena Rossi, waste and recycling manager',
		review: byPiotr('Useful for any rural authority. Approved.'),
		ratings: rate(['rafael', 4], ['lars', 5]),
		votes: ['rafael', 'lars', 'leila']
	},
	{
		by: 'hannah',
		daysAgo: 46,
		kind: 'guide',
		status: 'published',
		title: 'Checking an app before it is used in schools',
		summary:
			'A one-page check for school staff: what data the app collects, where it goes, whether pupils need accounts, and three answers: approved, with conditions, not approved.',
		tags: ['education', 'data-protection', 'apps'],
		organization: 'Department for Education',
		sector: 'Education',
		body: `## Five questions

1. Does it need pupil accounts, or can the teacher use it alone?
2. What personal data does it collect, and is all of it needed?
3. Where is the data stored, and who else receives it?
4. Can the school delete the data when it stops using the app?
5. Are there adverts or tracking?

## Three answers

- **Approved**: use freely.
- **With conditions**: for example, no pupil accounts.
- **Not approved**: with the reason in one sentence.`,
		review: byMaria('Short enough for busy teachers. Approved.'),
		ratings: rate(['sofia', 5], ['isabel', 4]),
		votes: ['sofia', 'isabel']
	},
	{
		by: 'kenji',
		daysAgo: 56,
		kind: 'article',
		status: 'published',
		title: 'Lift status as open data: twenty lines of code and one owner',
		summary:
			'Why our journey planner sent a wheelchair user to a station with a broken lift, and how publishing lift status in real time fixed it.',
		tags: ['transport', 'accessibility', 'open-data'],
		organization: 'Southport Transport Authority',
		sector: 'Transport',
		body: `The lift data existed: the maintenance system knew within a minute when a lift failed. Nobody had asked to publish it.

What it took:

1. Agreement from the maintenance manager that the data could leave the system
2. A small export to the open data portal, every minute
3. A planned works feed, a week ahead

Journey planners picked it up within two weeks.`,
		review: byMaria('Short, concrete, and a reminder that owners matter more than code. Approved.'),
		ratings: rate(['mei', 5], ['siobhan', 5], ['thi', 4]),
		votes: ['mei', 'siobhan', 'thi', 'nadia']
	},
	{
		by: 'aroha',
		daysAgo: 30,
		kind: 'article',
		status: 'published',
		title: 'Telehealth on the islands: the ferry journeys residents no longer take',
		summary:
			'A year of video follow-up appointments in community nursing: 2,300 ferry journeys saved, and what made nurses trust it.',
		tags: ['telehealth', 'health', 'rural-services'],
		organization: 'Islands Health Board',
		sector: 'Health',
		body: `Over a year, 2,300 follow-up appointments were held by video instead of at the hospital on the main island.

Nurses chose the equipment themselves, decided which appointments suited video, and could switch to the phone when the picture froze. Village halls with a tablet and a volunteer served residents without a device.`,
		review: byPiotr('Good example for rural services. Approved.'),
		ratings: rate(['amina', 5], ['lars', 4], ['ingrid', 4]),
		votes: ['amina', 'lars']
	},
	{
		by: 'maria',
		daysAgo: 24,
		kind: 'toolkit',
		status: 'published',
		title: 'Leaving the server room: a migration toolkit for municipalities',
		summary:
			'Inventory template, decision tree (cloud, shared regional hosting or keep), migration plan and the cost model Norrvik used for 60 systems.',
		tags: ['cloud', 'migration', 'infrastructure'],
		organization: 'City of Norrvik',
		sector: 'IT and digital services',
		body: `## Contents

1. **Inventory template**: system, owner, data, dependencies, contract end date
2. **Decision tree**: cloud service, shared regional hosting, or keep on premises (and why)
3. **Migration plan** in waves of five to ten systems
4. **Cost model**: three-year comparison including staff time and exit costs

## Lessons

Start with systems whose contracts end soonest. Decommission the old server the same month, or you pay twice.`,
		review: byPiotr('Very complete. Approved.'),
		ratings: rate(['lars', 5], ['ana', 5], ['olga', 4], ['ahmed', 4]),
		comments: [{ by: 'lars', body: 'The decision tree saved us a month of discussion.' }],
		votes: ['lars', 'ana', 'olga', 'piotr']
	},
	{
		by: 'sofia',
		daysAgo: 66,
		kind: 'case-study',
		status: 'published',
		title: 'Northfield: school admissions online for 2,100 families',
		summary:
			'Moving school admissions from paper to an online form, with help sessions for parents without eID; 94% applied online in the first year.',
		tags: ['education', 'admissions', 'e-services'],
		organization: 'Northfield Municipality',
		jurisdiction: 'Northfield',
		sector: 'Education',
		body: 'How we moved admissions online in one cycle without leaving any family behind.',
		problem: 'Paper applications were typed in by two staff over six weeks; 15% had missing information.',
		actions:
			'An online form with eID sign-in, a paper route kept, and help sessions with interpreters in adult education centres during admissions weeks.',
		outcomes: [
			{ metric: 'Applications online', value: '94', unit: '%' },
			{ metric: 'Incomplete applications', value: '3', unit: '%' }
		],
		lessons: 'Help sessions in the evening, with interpreters, mattered more than the form design.',
		contact: 'Sofia Lindgren, admissions coordinator',
		review: byMaria('Clear outcomes. Approved.'),
		ratings: rate(['isabel', 5], ['hannah', 4]),
		votes: ['isabel', 'hannah', 'james']
	},
	{
		by: 'leila',
		daysAgo: 5,
		kind: 'research-paper',
		status: 'submitted',
		title: 'Energy use in 140 public buildings: what half-hourly data shows',
		summary:
			'An analysis of a year of half-hourly meter data: 18% of electricity is used when buildings are closed, mostly by heating and ventilation left on.',
		tags: ['energy', 'climate', 'buildings'],
		organization: 'Westbridge City Council',
		sector: 'Environment',
		body: `## Data

Half-hourly electricity and gas readings from 140 buildings for twelve months.

## Main finding

18% of electricity and 11% of gas were used outside opening hours. Ten buildings account for half of it.

## Next steps

Timer settings checked in the ten buildings; results in three months.`,
		ratings: rate(['rafael', 4])
	},
	{
		by: 'isabel',
		daysAgo: 3,
		kind: 'toolkit',
		status: 'submitted',
		title: 'Spotting scam messages: a lesson kit for adult learners',
		summary:
			'A 45-minute lesson with real (defused) examples of scam texts and emails copying council services, in five languages.',
		tags: ['digital-skills', 'fraud', 'digital-inclusion'],
		sector: 'Education',
		body: `## Lesson plan

1. Ten minutes: what the council will never ask you by text
2. Twenty minutes: real examples, fake or real?
3. Ten minutes: what to do if you clicked
4. Five minutes: who to tell

Handouts in English, Arabic, Polish, Somali and Ukrainian.`
	},
	{
		by: 'erik',
		daysAgo: 8,
		kind: 'guide',
		status: 'submitted',
		title: 'Joint procurement between councils: a collaboration agreement checklist',
		summary:
			'What three island councils agreed before buying one ferry booking system: lead authority, costs, decisions, support hours and leaving.',
		tags: ['joint-procurement', 'contracts', 'shared-services'],
		sector: 'Transport',
		body: `- [ ] Which council leads and signs the contract
- [ ] How costs are split (fixed share, usage, population)
- [ ] Who decides on changes, and how disagreements are settled
- [ ] Support hours and contacts for each council
- [ ] What happens when a council leaves`
	},
	{
		by: 'zofia',
		daysAgo: 18,
		kind: 'guide',
		status: 'returned',
		title: 'Automatic deletion in case systems: a starter guide',
		summary: 'How to switch on retention rules in a case management system, one record type at a time.',
		tags: ['records-management', 'retention', 'automation'],
		sector: 'Digital services',
		body: `1. Choose one record type with a simple rule and high volume.
2. Report what would be deleted for three months.
3. Switch it on and keep the deletion log.`,
		review: {
			by: 'maria',
			verdict: 'changes',
			comments:
				'A good start. Could you add who signs off the deletion report, and an example of the report itself? Then it is ready.'
		}
	},
	{
		by: 'sean',
		daysAgo: 12,
		kind: 'article',
		status: 'published',
		title: 'Preventing homelessness with data, without surveillance',
		summary:
			'How one council contacts households at risk earlier, using arrears and benefit changes, with a DPIA, an opt-out and a person deciding every contact.',
		tags: ['homelessness', 'data-protection', 'ethics'],
		organization: 'Harbour City Council',
		sector: 'Housing',
		body: `Three principles came out of our forum discussion and our DPIA:

1. **A person decides.** The data suggests; an officer decides who is contacted.
2. **Offer help, do not accuse.** Letters talk about rising costs and who can help, not about what we found.
3. **Check who is missed.** Every quarter we compare the households we contacted with those who came to us in crisis.

In six months, 140 households were contacted early; 96 kept their home.`,
		review: byMaria('Thoughtful and well evidenced. Approved.'),
		ratings: rate(['hannah', 5], ['hoa', 5], ['fatima', 4]),
		votes: ['hannah', 'hoa', 'fatima', 'grace']
	}
];
