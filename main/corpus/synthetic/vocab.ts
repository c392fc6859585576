// Word lists the generator draws from. Places, streets and organisations are invented or generic; the hard
// negatives (drug names, eponyms, legal terms, published precedents) are real domain vocabulary that a
// scanner must leave alone.

export const CITIES = [
  'Dorchester', 'Worcester', 'Springfield', 'Quincy', 'Brockton', 'Lowell', 'Framingham', 'Somerville', 'Medford',
  'Waltham', 'Peabody', 'Revere', 'Chelsea', 'Malden', 'Haverhill', 'Pittsfield', 'Burlington', 'Montpelier',
  'Nashua', 'Concord', 'Manchester', 'Providence', 'Pawtucket', 'Hartford', 'New Haven', 'Stamford', 'Albany',
  'Schenectady', 'Ithaca', 'Syracuse', 'Rochester', 'Scranton', 'Allentown', 'Camden', 'Trenton', 'Newark',
  'Baltimore', 'Annapolis', 'Richmond', 'Norfolk', 'Raleigh', 'Durham', 'Asheville', 'Charleston', 'Savannah',
  'Macon', 'Tallahassee', 'Gainesville', 'Sarasota', 'Mobile', 'Biloxi', 'Shreveport', 'Little Rock', 'Tulsa',
  'Wichita', 'Topeka', 'Omaha', 'Lincoln', 'Des Moines', 'Cedar Rapids', 'Duluth', 'Madison', 'Green Bay',
  'Kalamazoo', 'Lansing', 'Toledo', 'Dayton', 'Akron', 'Evansville', 'Peoria', 'Joliet', 'Boise', 'Spokane',
  'Tacoma', 'Eugene', 'Salem', 'Fresno', 'Modesto', 'Bakersfield', 'Pasadena', 'Tucson', 'Flagstaff', 'Provo',
  'Cheyenne', 'Billings', 'Fargo', 'Sioux Falls', 'Santa Fe', 'Las Cruces', 'El Paso', 'Lubbock', 'Waco',
];
export const STATES = ['MA', 'NH', 'VT', 'RI', 'CT', 'NY', 'PA', 'NJ', 'MD', 'VA', 'NC', 'SC', 'GA', 'FL', 'OH', 'MI', 'IL', 'WI', 'MN', 'IA', 'TX', 'AZ', 'CA', 'OR', 'WA', 'CO'];
export const STATE_NAMES = ['Massachusetts', 'New Hampshire', 'Vermont', 'New York', 'Pennsylvania', 'Ohio', 'Michigan', 'Texas', 'California', 'Oregon'];
export const STREET_WORDS = [
  'Elm', 'Maple', 'Oak', 'Pine', 'Cedar', 'Chestnut', 'Walnut', 'Harbor', 'Washington', 'Jefferson', 'Lincoln',
  'Franklin', 'Highland', 'Hillside', 'Lakeview', 'Riverside', 'Prospect', 'Pleasant', 'Summer', 'Winter',
  'Centre', 'Church', 'School', 'Mill', 'Spring', 'Park', 'Union', 'Grove', 'Willow', 'Birch', 'Sycamore',
  'Magnolia', 'Dogwood', 'Orchard', 'Meadow', 'Brookside', 'Fairview', 'Sunset', 'Bay State', 'Old Colony',
  'Blue Hill', 'Martin Luther King Jr', 'Cottage', 'Beacon', 'Tremont', 'Commonwealth', 'Madison', 'Monroe',
];
export const STREET_SUFFIXES = ['Street', 'St', 'St.', 'Avenue', 'Ave', 'Ave.', 'Road', 'Rd', 'Rd.', 'Boulevard', 'Blvd', 'Lane', 'Ln', 'Drive', 'Dr', 'Court', 'Ct', 'Place', 'Way', 'Terrace', 'Circle', 'Parkway', 'Highway'];
export const EMAIL_DOMAINS = ['example.org', 'example.com', 'mail.example.net', 'northshore-health.org', 'gmail.com', 'outlook.com', 'yahoo.com', 'lawfirm-example.com', 'stmary-clinic.org', 'comcast.net'];
export const URL_HOSTS = ['portal.example-health.org', 'www.rehab-north.com', 'mychart.stmary-clinic.org', 'www.lawfirm-example.com', 'files.example.net', 'intranet.county-example.gov', 'telehealth.example.com'];
export const HOSPITALS = ['the emergency department', 'the medical ICU', 'the cardiology service', 'the surgical floor', 'outpatient clinic', 'the rehabilitation unit'];
export const COMPANIES = ['ACME HOLDINGS LLC', 'Northfield Logistics, Inc.', 'Bayview Property Management Corp.', 'Granite State Insurance Co.', 'Keystone Manufacturing LLC', 'Riverside Development Group, Inc.', 'Summit Ridge Partners LP', 'Harborview Medical Supply Corp.'];

export const DRUGS = [
  'Keflex', 'Lyrica', 'Allegra', 'Xarelto', 'Eliquis', 'Lasix', 'Norco', 'Zofran', 'Coumadin', 'Tylenol', 'Ativan',
  'Haldol', 'Flomax', 'Lipitor', 'Zoloft', 'Seroquel', 'Lantus', 'Humira', 'Ambien', 'Valium', 'Celebrex',
  'Plavix', 'Januvia', 'Synthroid', 'Neurontin', 'Prozac', 'Cymbalta', 'Keppra', 'Depakote', 'Aricept',
  'apixaban', 'metformin', 'lisinopril', 'atorvastatin', 'gabapentin', 'pregabalin', 'cephalexin', 'furosemide',
  'warfarin', 'levothyroxine', 'amlodipine', 'metoprolol', 'ondansetron', 'oxycodone', 'heparin', 'insulin glargine',
];
export const DIAGNOSES = [
  "Parkinson's disease", 'Hodgkin lymphoma', "Crohn's disease", "Alzheimer's disease", "Bell's palsy",
  "Graves' disease", 'Cushing syndrome', "Addison's disease", 'Guillain-Barré syndrome', 'Wilson disease',
  'Down syndrome', 'Tourette syndrome', 'Raynaud phenomenon', 'Kaposi sarcoma', 'Ewing sarcoma', 'Wilms tumor',
  'Marfan syndrome', 'Lyme disease', "Meniere's disease", 'Sjogren syndrome', 'Stevens-Johnson syndrome',
  'congestive heart failure', 'type 2 diabetes mellitus', 'chronic kidney disease stage 3', 'atrial fibrillation',
  'community-acquired pneumonia', 'COPD exacerbation', 'urinary tract infection', 'cellulitis of the left leg',
];
export const PROCEDURES = [
  'Foley catheter placement', 'Whipple procedure', 'Babinski sign was negative', 'Apgar score of 9',
  'Glasgow Coma Scale of 15', 'Romberg test was positive', 'McMurray test', 'Lachman test', 'Heimlich maneuver',
  'Swan-Ganz catheter', 'Billroth II reconstruction', 'Roux-en-Y gastric bypass', 'echocardiogram', 'colonoscopy',
];
export const LEGAL_TERMS_IN_USE = [
  'res judicata', 'collateral estoppel', 'habeas corpus', 'the Miranda warning', 'Chevron deference',
  'Brady material', 'a Terry stop', 'a Daubert motion', 'the Erie doctrine', 'a Monell claim', 'a Batson challenge',
  'an Alford plea', 'summary judgment', 'promissory estoppel', 'quantum meruit', 'force majeure',
  'the Lanham Act', 'the Sherman Act', 'voir dire', 'stare decisis', 'a motion in limine', 'pro hac vice admission',
];
export const PRECEDENTS = [
  'Ashcroft v. Iqbal, 556 U.S. 662 (2009)', 'Bell Atlantic Corp. v. Twombly, 550 U.S. 544 (2007)',
  'Celotex Corp. v. Catrett, 477 U.S. 317 (1986)', 'Anderson v. Liberty Lobby, Inc., 477 U.S. 242 (1986)',
  'Daubert v. Merrell Dow Pharmaceuticals, Inc., 509 U.S. 579 (1993)', 'Miranda v. Arizona, 384 U.S. 436 (1966)',
  'Erie Railroad Co. v. Tompkins, 304 U.S. 64 (1938)', 'Matsushita Elec. Indus. Co. v. Zenith Radio Corp., 475 U.S. 574 (1986)',
  'Monell v. Department of Social Services, 436 U.S. 658 (1978)', 'Terry v. Ohio, 392 U.S. 1 (1968)',
];
export const STATUTES = ['42 U.S.C. § 1983', 'Fed. R. Civ. P. 12(b)(6)', 'Fed. R. Civ. P. 56(a)', '28 U.S.C. § 1332', 'Fed. R. Evid. 702', 'M.G.L. c. 93A, § 9'];
