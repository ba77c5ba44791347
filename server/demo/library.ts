// Demo library resources: a case study, guides, a template and an article, peer-reviewed.
import type { DemoResource } from './types';

const approve = (comments: string) => ({ by: 'maria', verdict: 'approve' as const, comments });

export const RESOURCES: readonly DemoResource[] = [
	{
		by: 'siobhan',
		daysAgo: 28,
		kind: 'case-study',
		status: 'published',
		title: 'Harbour City: parking permits online in six weeks',
		summary:
			'How a council moved resident parking permits from paper forms to an accessible e-service, cut processing time from 9 days to 1 and halved phone calls.',
		tags: ['e-services', 'accessibility', 'plain-language'],
		organization: 'Harbour City Council',
		jurisdiction: 'Harbour City',
		sector: 'Transport and parking',
		body: `Resident parking permits were the council's most requested paper form: about 11,000 applications a year, each re-typed by staff.

This case study describes what we built, what we left out on purpose, and what we would do differently.`,
		problem:
			'Applications arrived on paper or as scanned PDFs, 30% were incomplete, and residents called to ask about progress. Processing took 9 working days on average.',
		actions: `1. Mapped the process with the permits team and five residents.
2. Cut the form from 24 questions to 7 by reusing data the council already held (address register, vehicle register).
3. Built the form on the council's existing e-service platform, tested with 12 residents including screen reader and magnifier users.
4. Automatic approval when address and vehicle checks pass; staff handle only exceptions.`,
		outcomes: [
			{ metric: 'Average processing time', value: '1', unit: 'working day' },
			{ metric: 'Phone calls about permits', value: '-52', unit: '%' },
			{ metric: 'Applications submitted online', value: '87', unit: '%' }
		],
		lessons:
			'Reusing existing registers removed more friction than any design work. Keep a paper route: 13% of applicants still use it, most of them over 75.',
		contact: 'Siobhan Brennan, service design lead (through Praxis messages)',
		review: approve('Clear, measurable, and the data reuse point is transferable to any municipality. Approved.'),
		comments: [
			{
				by: 'thi',
				body: 'Which registers did you need a data-sharing agreement for? The vehicle register took us 4 months.'
			}
		],
		votes: ['maria', 'james', 'piotr', 'thi']
	},
	{
		by: 'thi',
		daysAgo: 21,
		kind: 'guide',
		status: 'published',
		title: 'Open data publishing checklist for small municipalities',
		summary:
			'Twelve checks before a dataset goes on the portal: licence, personal data, format, metadata, update schedule and a named owner.',
		tags: ['open-data', 'checklist', 'dcat'],
		body: `## Before publishing

- [ ] A named owner in the department (a role, not a person)
- [ ] Licence chosen (CC BY 4.0 unless there is a reason not to)
- [ ] Personal data removed or aggregated; small counts suppressed (< 5)
- [ ] Machine-readable format (CSV, GeoJSON, GTFS); PDF only as an extra

## Metadata (DCAT-AP)

- [ ] Title and description a resident understands
- [ ] Update frequency and the date of the last update
- [ ] Contact point that is a shared mailbox

## After publishing

- [ ] Automated export, or a calendar reminder for the owner
- [ ] Usage reviewed once a year; retire datasets nobody uses`,
		review: approve('Short enough to actually be used. Approved.'),
		votes: ['piotr', 'maria']
	},
	{
		by: 'ana',
		daysAgo: 17,
		kind: 'template',
		status: 'published',
		title: 'Requirements template: procuring cloud services',
		summary:
			'Requirement wording for data location, exit assistance, export formats, security certification and subcontractors, ready to paste into a tender or mini-competition.',
		tags: ['procurement', 'cloud', 'template'],
		body: `Each requirement is marked **must** or **scored**. Adapt the numbers to your service.

### Data and exit
1. (must) The customer's data, including logs and metadata, can be exported at any time in documented open formats (CSV, JSON or the format named in annex B) at no extra cost.
2. (must) On termination the supplier provides exit assistance for at least 90 days and deletes the data within 30 days after confirmed transfer.

### Location and subcontractors
3. (must) Data is stored and processed in the EEA. Subcontractors are listed in annex C; changes are notified 60 days in advance.

### Security
4. (scored) Current ISO/IEC 27001 certification covering the offered service, or an equivalent independent audit report.`,
		review: approve('Exactly the wording people keep asking for in the forums. Approved.'),
		comments: [
			{ by: 'piotr', body: 'Used requirement 2 in a mini-competition for three small towns. No supplier objected.' }
		],
		votes: ['maria', 'piotr', 'james']
	},
	{
		by: 'siobhan',
		daysAgo: 11,
		kind: 'article',
		status: 'published',
		title: 'Plain language in e-services: what 40 user tests taught us',
		summary:
			'Residents skim, distrust jargon and stop at the first question they do not understand. Seven patterns that helped.',
		tags: ['plain-language', 'service-design', 'user-research'],
		body: `Over two years we tested 14 e-services with 40 residents. Some patterns kept coming back.

1. **Start with the answer.** "You need a permit if..." beats three paragraphs of background.
2. **One question per page** for anything with conditions.
3. **Say what happens next** and when, on the confirmation page and in the email.
4. **Avoid internal words.** Residents do not know what an "applicant reference" is.
5. **Numbers as numerals**: "3 weeks", not "three weeks".
6. **Error messages that say how to fix it.**
7. **Test with people who read with difficulty**: what works for them works for everyone.`,
		review: approve('Well evidenced. Approved.'),
		votes: ['maria', 'thi', 'ana', 'james', 'piotr']
	},
	{
		by: 'piotr',
		daysAgo: 8,
		kind: 'guide',
		status: 'published',
		title: 'Cyber hygiene baseline: 8 measures for small municipalities',
		summary:
			'The minimum a municipality with one IT person should have in place, in order of impact per euro, with what each costs.',
		tags: ['cybersecurity', 'small-municipalities', 'baseline'],
		body: `Built from the forum discussion and reviewed by three IT leads.

| # | Measure | Typical cost |
|---|---|---|
| 1 | Multi-factor authentication on email and remote access | included in most licences |
| 2 | Immutable or offline backups, restore tested twice a year | EUR 1,000–3,000 a year |
| 3 | Automatic updates, no local admin rights | staff time |
| 4 | Inventory of devices, systems and suppliers | staff time |
| 5 | Password manager for shared accounts | EUR 4 per user a month |
| 6 | Annual phishing exercise | free tools exist |
| 7 | Incident plan on one page, printed | staff time |
| 8 | Know which systems hold personal data | staff time |`,
		review: approve('Practical and honest about costs. Approved.'),
		votes: ['maria', 'ana', 'thi']
	},
	{
		by: 'siobhan',
		daysAgo: 2,
		kind: 'guide',
		status: 'submitted',
		title: 'Budgeting for cloud costs that grow every month',
		summary:
			'How Harbour City forecasts and caps its cloud spend: tagging, monthly reviews with service owners and reserved capacity.',
		tags: ['cloud', 'finops', 'budget'],
		body: `A first draft for review. Our cloud bill grew 40% in the year after migration, mostly from storage nobody deleted and test environments left running.

1. Tag every resource with service and owner.
2. Monthly 30-minute review of the top ten cost items with their owners.
3. Switch off test environments at night.
4. Reserve capacity only for what has run steadily for six months.`,
		votes: ['ana']
	}
];
