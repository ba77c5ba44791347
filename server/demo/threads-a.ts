// Demo forum threads, part one: open data, procurement, accessibility, chatbots, cyber hygiene.
import type { DemoThread } from './types';

export const THREADS_A: readonly DemoThread[] = [
	{
		category: 'open-data',
		by: 'thi',
		daysAgo: 26,
		title: 'How do you decide which datasets to publish first?',
		tags: ['open-data', 'prioritisation'],
		body: `We have about 900 candidate datasets on our inventory list and capacity to properly publish maybe 40 a year.

So far we have picked by "what is easy", which gave us a lot of PDFs of old budgets and not much anyone uses. I would like a simple scoring method that a data steward in each department can apply in ten minutes.

What I have so far:

- **Demand**: requests received, FOI questions that keep coming back
- **Reuse potential**: is it location-based, time series, updated regularly?
- **Effort**: is the source system exportable, is there personal data to strip?

Does anyone weight these? Do you include "political visibility" honestly or pretend you don't?`,
		votes: ['james', 'piotr', 'maria'],
		replies: [
			{
				by: 'james',
				after: 3,
				body: `The national high-value datasets list is a good tie-breaker: anything on it is mandatory within two years anyway, so doing it first costs nothing extra.

And yes, include visibility. Honest beats pretend.`
			},
			{
				by: 'maria',
				after: 20,
				body: `From the IT side: add **"is there an API or a scheduled export already"** as a separate criterion. A dataset that needs a manual export every month will be stale within a year, whatever its score.`,
				votes: ['thi', 'piotr']
			},
			{
				by: 'piotr',
				after: 30,
				body: 'For the small municipalities in our region we just agreed on a shared top 10 (addresses, zoning plans, waste collection days, school catchments...). Same list everywhere means app developers can build once for 31 towns.'
			},
			{
				by: 'thi',
				after: 52,
				replyTo: 2,
				body: 'That shared list is a great idea, Piotr. Would you post it in the library? Happy to review the DCAT metadata part.'
			}
		]
	},
	{
		category: 'procurement',
		by: 'ana',
		daysAgo: 22,
		title: 'Cloud hosting: join a framework agreement or run our own tender?',
		tags: ['cloud', 'framework-agreements', 'tendering'],
		body: `Eastvale needs hosting for a new case management system (about 2,000 internal users, special category personal data).

Options on the table:

1. Call-off from the national cloud framework (fast, but only three big suppliers and standard terms)
2. Our own open procedure (6–9 months, but we can require data location, exit assistance and open formats)

Has anyone done a **mini-competition** under the framework with extra requirements added? Did suppliers accept them?`,
		votes: ['maria', 'piotr'],
		replies: [
			{
				by: 'maria',
				after: 5,
				body: `We did a mini-competition last year. Two of the three suppliers accepted our exit-assistance annex unchanged; the third wanted to cap it at 30 days. We scored it and they lost on that criterion alone.

Tip: put the **data export format** in the requirements, not only "the data belongs to the customer".`,
				votes: ['ana', 'thi', 'james']
			},
			{
				by: 'james',
				after: 26,
				body: 'Check the framework conditions on subcontractors outside the EEA before you add a data location requirement; some call-off terms already cover it and adding your own wording can create a conflict.'
			},
			{
				by: 'ana',
				after: 48,
				replyTo: 0,
				body: 'Thanks Maria, that is exactly the precedent I needed for our legal team.'
			}
		]
	},
	{
		category: 'citizen-engagement',
		by: 'siobhan',
		daysAgo: 19,
		title: 'Accessibility audits of e-services: in-house or external?',
		tags: ['accessibility', 'wcag', 'testing'],
		body: `Our accessibility statement is due for renewal and we have 37 e-forms in scope.

Last time an external firm audited a sample of 8 forms against WCAG 2.1 AA. The report was thorough but nothing changed in the other 29 forms, because the people building them never saw the findings.

I am thinking of training two people per department to run a **light in-house check** (keyboard only, screen reader smoke test, zoom to 400%) and buying an external audit only for the five most used services. Has anyone tried that split?`,
		votes: ['maria', 'thi', 'james', 'piotr'],
		replies: [
			{
				by: 'maria',
				after: 4,
				body: 'We do exactly that split. The in-house checks find about 70% of what the external audit finds, and they find it *before* go-live. Budget one afternoon a month of practice for the checkers or the skill fades.'
			},
			{
				by: 'thi',
				after: 9,
				body: 'Include PDFs in the in-house checks. Half of our accessibility complaints are about PDF forms that people are asked to print, fill in and scan.'
			},
			{
				by: 'ana',
				after: 28,
				body: 'If you buy the external audit, ask for the findings as a spreadsheet with WCAG success criterion, page and severity, not just a PDF report. Then they can go straight into the backlog.'
			}
		]
	},
	{
		category: 'process-automation',
		by: 'maria',
		daysAgo: 15,
		title: 'A chatbot for building permit questions: worth it?',
		tags: ['chatbots', 'permits', 'ai'],
		body: `Our building permits team answers roughly 350 phone calls and 200 emails a month. They estimate 60% are the same 15 questions (Do I need a permit for a shed? How long does it take? What drawings do I need?).

A vendor is offering a generative AI chatbot trained on our web pages. I am sceptical:

- Who is liable when it gives a wrong answer about a permit?
- Residents with a complicated case will still call, now more annoyed
- Our web pages are the actual problem: they are long and written in legal language

Has anyone measured a real reduction in contacts after launching a chatbot?`,
		votes: ['siobhan', 'james', 'ana', 'piotr', 'thi'],
		replies: [
			{
				by: 'siobhan',
				after: 2,
				body: `We rewrote the 15 top pages in plain language first, with a "do I need a permit?" decision tree. Calls dropped 30% in three months, no chatbot needed.

Then the chatbot question became much smaller.`,
				votes: ['maria', 'piotr', 'thi']
			},
			{
				by: 'james',
				after: 6,
				body: 'On liability: every answer should link to the page it is based on and say it is guidance, not a decision. Our legal guidance for agencies says a bot may inform but never decide on an application.'
			},
			{
				by: 'piotr',
				after: 23,
				body: 'Two of our municipalities tried a rule-based bot in 2024. One switched it off after six months because nobody kept the answers up to date when the rules changed.'
			},
			{
				by: 'ana',
				after: 40,
				body: 'If you do buy, keep the content in your own CMS and make the bot read from it. Otherwise you pay the vendor every time a fee changes.'
			},
			{
				by: 'maria',
				after: 70,
				replyTo: 0,
				body: 'Convinced. We will do the plain-language rewrite and the decision tree first and measure for a quarter. Siobhan, could I borrow your test script?'
			}
		]
	},
	{
		category: 'cybersecurity-privacy',
		by: 'piotr',
		daysAgo: 12,
		title: 'Cyber hygiene baseline for a 15-person municipality',
		tags: ['cybersecurity', 'small-municipalities', 'baseline'],
		body: `Many of our members have one IT person, or none. After a ransomware incident in a neighbouring town, mayors are asking what the **minimum** is.

My draft list, in order of impact per euro:

1. Multi-factor authentication on email and remote access
2. Offline or immutable backups, with a restore test twice a year
3. Automatic updates on all laptops; no local admin rights
4. A password manager for shared accounts
5. Phishing exercise once a year
6. A one-page incident plan with phone numbers on paper

What would you add or drop?`,
		votes: ['maria', 'ana', 'thi'],
		replies: [
			{
				by: 'maria',
				after: 3,
				body: 'Add an inventory: you cannot patch what you do not know you have. Even a spreadsheet of devices, owners and who supplies them.'
			},
			{
				by: 'thi',
				after: 11,
				body: 'And which systems hold personal data, so the incident plan knows when to call the data protection officer (72-hour notification).'
			},
			{
				by: 'ana',
				after: 30,
				body: 'Point 2: check your hosting contracts. Several of ours said "backups included" but restores cost extra and had no guaranteed time.'
			}
		]
	}
];
