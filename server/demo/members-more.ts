// More demo members, so the community looks like a real one: people from every region and
// sector, a few mentors. Same password as the featured six (members.ts).
import type { NewMember } from '../auth/members';

export const DEMO_PASSWORD = 'praxis-demo-2026';

type DemoMember = Omit<NewMember, 'privacy'>;

function member(
	username: string,
	displayName: string,
	organization: string,
	region: string,
	sector: string,
	role: string,
	expertise: string[],
	bio: string,
	mentor = false
): DemoMember {
	return {
		username,
		password: DEMO_PASSWORD,
		displayName,
		organization,
		profile: { jurisdiction: organization, region, sector, role, expertise, bio, mentor }
	};
}

export const MORE_MEMBERS: readonly DemoMember[] = [
	member(
		'amina',
		'Amina Diallo',
		'Capital Health Authority',
		'Capital',
		'Health',
		'Digital lead, outpatient services',
		['health', 'appointments', 'service-design'],
		'Moves outpatient bookings, letters and reminders online for four hospitals. Former ward nurse, so she tests every change with clinic staff first.',
		true
	),
	member(
		'kenji',
		'Kenji Watanabe',
		'Southport Transport Authority',
		'South',
		'Transport',
		'Head of passenger information',
		['transport', 'gtfs', 'open-data', 'accessibility'],
		'Responsible for timetables, real-time information and the journey planner used by 90,000 passengers a day.'
	),
	member(
		'fatima',
		'Fatima Al-Sayed',
		'Westbridge City Council',
		'West',
		'Social care',
		'Adult social care systems manager',
		['social-care', 'case-management', 'data-protection'],
		'Runs the case management system for 3,200 adults receiving care at home. Interested in sharing records safely with health partners.',
		true
	),
	member(
		'lars',
		'Lars Henriksen',
		'Highland Regional Council',
		'Highlands',
		'Local government',
		'Chief digital officer',
		['digital-strategy', 'rural-connectivity', 'shared-services'],
		'Twenty-two villages, long distances, weak mobile coverage. Works on services that still work when the connection does not.',
		true
	),
	member(
		'priya',
		'Priya Raman',
		'Ministry of Finance',
		'Capital',
		'Finance',
		'Programme manager, e-invoicing',
		['e-invoicing', 'finance', 'procurement'],
		'Leads the rollout of structured e-invoicing to every public body. Collects the questions municipalities ask most and turns them into guidance.'
	),
	member(
		'mateo',
		'Mateo García',
		'Eastmoor District Council',
		'East',
		'Housing',
		'Housing repairs service lead',
		['housing', 'repairs', 'service-design'],
		'Manages repairs for 7,500 council homes. Rebuilt the repair reporting form with tenants; now works on appointment slots tenants can choose.'
	),
	member(
		'olga',
		'Olga Petrenko',
		'Northfield Municipality',
		'North',
		'Digital services',
		'E-services product owner',
		['e-services', 'forms', 'accessibility'],
		'Owns the municipal e-service platform: 85 forms, 40,000 submissions a year. Came to the public sector from a bank five years ago.'
	),
	member(
		'kwame',
		'Kwame Mensah',
		'National Fire and Rescue Service',
		'Capital',
		'Emergency services',
		'Control room systems lead',
		['emergency-services', 'resilience', 'gis'],
		'Keeps the dispatch systems of three control rooms running. Works on shared location data with ambulance and police.'
	),
	member(
		'ingrid',
		'Ingrid Solberg',
		'Islands Council',
		'Islands',
		'Local government',
		'Customer services manager',
		['citizen-services', 'contact-centre', 'plain-language'],
		'Runs one contact centre for nine islands. Half her team works from home on three different islands.'
	),
	member(
		'rafael',
		'Rafael Souza',
		'Southport City Council',
		'South',
		'Environment',
		'Environmental data analyst',
		['environment', 'air-quality', 'open-data', 'sensors'],
		'Looks after 45 air quality sensors and the open data they publish. Likes dashboards only when someone acts on them.'
	),
	member(
		'chloe',
		'Chloé Martin',
		'Préfecture de la région Ouest',
		'West',
		'Local government',
		'Cheffe de projet transformation numérique',
		['dematerialisation', 'e-services', 'accessibility'],
		'Accompagne les communes de la région dans la dématérialisation de leurs démarches. Writes in French and English.'
	),
	member(
		'yusuf',
		'Yusuf Demir',
		'Eastmoor District Council',
		'East',
		'Finance',
		'Finance systems accountant',
		['finance', 'automation', 'e-invoicing'],
		'Automated the monthly close from eleven days to six. Sceptical of robots, enthusiastic about clean master data.'
	),
	member(
		'hannah',
		'Hannah Schmidt',
		'Department for Education',
		'Capital',
		'Education',
		'Data protection officer',
		['data-protection', 'dpia', 'education', 'gdpr'],
		'DPO for the department and adviser to 120 school boards. Reads more DPIAs than anyone should.',
		true
	),
	member(
		'tomas',
		'Tomás Herrera',
		'Gobierno Regional del Sur',
		'South',
		'Digital services',
		'Jefe de servicios digitales',
		['e-services', 'interoperability', 'digital-identity'],
		'Coordina los servicios digitales de la región sur. Works on interoperability between regional and national registers.'
	),
	member(
		'aroha',
		'Aroha Ngata',
		'Islands Health Board',
		'Islands',
		'Health',
		'Community health services manager',
		['health', 'telehealth', 'rural-services'],
		'Runs community nursing and telehealth across the islands. Measures success in ferry journeys residents no longer need to take.'
	),
	member(
		'david',
		'David Cohen',
		'National Audit Office',
		'Capital',
		'Finance',
		'Senior auditor, IT projects',
		['audit', 'project-management', 'benefits-realisation'],
		'Audits large public IT projects. Happy to explain what auditors look for before they arrive.'
	),
	member(
		'nadia',
		'Nadia Haddad',
		'Westbridge City Council',
		'West',
		'Digital services',
		'Head of digital inclusion',
		['digital-inclusion', 'libraries', 'accessibility'],
		'Runs digital help in 12 libraries and community centres: 9,000 sessions a year helping residents use online services.'
	),
	member(
		'sean',
		'Seán Ó Briain',
		'Harbour City Council',
		'West',
		'Housing',
		'Homelessness prevention officer',
		['housing', 'homelessness', 'case-management'],
		'Works with families at risk of losing their home. Uses data to find them earlier, carefully.'
	),
	member(
		'mei',
		'Mei Lin',
		'Capital Transport',
		'Capital',
		'Transport',
		'Product manager, ticketing',
		['transport', 'ticketing', 'payments'],
		'Led the move to contactless payment on buses and trams. Now working on concessions for older and disabled passengers.'
	),
	member(
		'oluwaseun',
		'Oluwaseun Adeyemi',
		'Northfield Municipality',
		'North',
		'Social care',
		'Children’s services data lead',
		['social-care', 'data-quality', 'reporting'],
		'Makes statutory returns for children’s services less painful. Believes every form field should have a reason.'
	),
	member(
		'elena',
		'Elena Rossi',
		'Highland Regional Council',
		'Highlands',
		'Environment',
		'Waste and recycling manager',
		['waste', 'environment', 'routing'],
		'Runs collection rounds across 4,000 square kilometres. Rebuilt the routes with GPS data and saved a truck.'
	),
	member(
		'arjun',
		'Arjun Mehta',
		'National Cyber Security Centre',
		'Capital',
		'Digital services',
		'Public sector liaison',
		['cybersecurity', 'incident-response', 'baseline'],
		'Helps local government prepare for and recover from incidents. Speaks at regional meetups whenever invited.',
		true
	),
	member(
		'sofia',
		'Sofia Lindgren',
		'Northfield Municipality',
		'North',
		'Education',
		'School admissions coordinator',
		['education', 'admissions', 'e-services'],
		'Moved school admissions online for 2,100 families a year. Keeps a paper route for those who need it.'
	),
	member(
		'jamal',
		'Jamal Ibrahim',
		'Capital City Council',
		'Capital',
		'Local government',
		'Participatory budgeting lead',
		['citizen-engagement', 'participatory-budget', 'consultation'],
		'Runs the city’s participatory budget: EUR 2 million a year decided by residents, 31,000 votes last round.'
	),
	member(
		'zofia',
		'Zofia Nowak',
		'Eastmoor District Council',
		'East',
		'Digital services',
		'Records manager',
		['records-management', 'archives', 'retention'],
		'Writes retention schedules nobody reads and then makes sure systems apply them anyway.'
	),
	member(
		'luis',
		'Luis Navarro',
		'Southport Ambulance Service',
		'South',
		'Emergency services',
		'Operations analyst',
		['emergency-services', 'response-times', 'data-analysis'],
		'Analyses response times and handovers at hospitals. Builds the weekly report the board actually reads.'
	),
	member(
		'grace',
		'Grace Mwangi',
		'Department of Health',
		'Capital',
		'Health',
		'Policy adviser, health data',
		['health', 'data-sharing', 'policy'],
		'Works on the rules for sharing health and care records between organisations. Formerly a hospital pharmacist.'
	),
	member(
		'erik',
		'Erik Johansson',
		'Islands Council',
		'Islands',
		'Transport',
		'Ferry services coordinator',
		['transport', 'ferries', 'booking'],
		'Coordinates timetables and bookings for six ferry routes. Residents have opinions about every change, and say so.'
	),
	member(
		'leila',
		'Leila Karimi',
		'Westbridge City Council',
		'West',
		'Environment',
		'Climate programme officer',
		['climate', 'environment', 'energy'],
		'Tracks the council’s emissions and the energy use of 140 public buildings. Turns meter data into decisions.'
	),
	member(
		'marcus',
		'Marcus Brown',
		'Highland Regional Council',
		'Highlands',
		'Emergency services',
		'Emergency planning officer',
		['resilience', 'emergency-planning', 'floods'],
		'Plans for floods, storms and power cuts. Ran the council’s response to last winter’s storms.'
	),
	member(
		'hoa',
		'Hoa Tran',
		'Southport City Council',
		'South',
		'Housing',
		'Housing allocations manager',
		['housing', 'allocations', 'plain-language'],
		'Manages a waiting list of 6,800 households. Rewrote every letter the team sends; complaints fell by a third.'
	),
	member(
		'ahmed',
		'Ahmed Benali',
		'Capital City Council',
		'Capital',
		'Digital services',
		'Lead developer, resident services',
		['development', 'accessibility', 'apis'],
		'Leads the small in-house team that builds the city’s resident services. Writes Arabic and French as well as English.'
	),
	member(
		'isabel',
		'Isabel Ortega',
		'Northfield Municipality',
		'North',
		'Education',
		'Adult education programme lead',
		['education', 'digital-skills', 'digital-inclusion'],
		'Runs evening courses on using online services, in five languages. 600 learners last year.'
	),
	member(
		'noah',
		'Noah Williams',
		'Ministry of Finance',
		'Capital',
		'Finance',
		'Head of shared finance services',
		['finance', 'shared-services', 'automation'],
		'Runs payroll and accounts payable for 14 agencies. Measures everything in days to pay a supplier.'
	)
];
