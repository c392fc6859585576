// Curated vocabulary that is never personal data: legal terms of art, eponym head words, titles and labels.
// Medical vocabulary comes from @cspell/dict-medicalterms (see lexicon.ts); this file adds what that list lacks.

/** Legal terms of art (lower case, single words or phrases). Eponymous doctrines are included on purpose. */
export const LEGAL_TERMS: readonly string[] = [
  'res judicata', 'collateral estoppel', 'habeas corpus', 'certiorari', 'mandamus', 'amicus curiae', 'voir dire',
  'stare decisis', 'prima facie', 'de novo', 'in limine', 'pro se', 'pro hac vice', 'sua sponte', 'ex parte',
  'inter alia', 'mens rea', 'actus reus', 'quantum meruit', 'promissory estoppel', 'summary judgment',
  'motion to dismiss', 'miranda warning', 'miranda rights', 'chevron deference', 'brady material', 'terry stop',
  'daubert motion', 'daubert standard', 'frye standard', 'erie doctrine', 'monell claim', 'bivens action',
  'younger abstention', 'burford abstention', 'pullman abstention', 'rooker-feldman doctrine', 'noerr-pennington',
  'allen charge', 'batson challenge', 'garrity warning', 'giglio material', 'jencks act', 'alford plea',
  'lanham act', 'sherman act', 'clayton act', 'taft-hartley', 'sarbanes-oxley', 'dodd-frank', 'hatch-waxman',
  'magnuson-moss', 'glass-steagall', 'tort', 'tortfeasor', 'indemnification', 'indemnify', 'licensor', 'licensee',
  'sublicense', 'copyleft', 'warranty', 'merchantability', 'fitness for a particular purpose', 'force majeure',
  'liquidated damages', 'consideration', 'estoppel', 'laches', 'replevin', 'subrogation', 'bailment', 'easement',
  'fee simple', 'joinder', 'interpleader', 'impleader', 'remittitur', 'additur', 'affidavit', 'deposition',
  'interrogatories', 'subpoena duces tecum', 'plaintiff', 'defendant', 'petitioner', 'respondent', 'appellant',
  'appellee', 'intervenor', 'amicus', 'counsel', 'esquire', 'jurisdiction', 'venue', 'standing', 'ripeness',
  'mootness', 'injunction', 'sui generis', 'bona fide', 'pro rata', 'per curiam', 'en banc', 'nolo contendere', 'restraining order', 'declaratory judgment', 'class action', 'derivative suit',
];

/** Words that, after a capitalised token (optionally possessive), make it an eponym rather than a person. */
export const EPONYM_HEADS: ReadonlySet<string> = new Set([
  'disease', 'syndrome', 'sign', 'signs', 'test', 'tests', 'score', 'scale', 'criteria', 'classification', 'palsy',
  'lymphoma', 'sarcoma', 'tumor', 'tumour', 'carcinoma', 'cyst', 'ulcer', 'fracture', 'phenomenon', 'reflex', 'reflexes',
  'maneuver', 'manoeuvre', 'catheter', 'procedure', 'operation', 'repair', 'incision', 'stain', 'staining',
  'disorder', 'anomaly', 'malformation', 'sclerosis', 'dementia', 'chorea', 'ataxia', 'dystrophy', 'node',
  'nodes', 'cell', 'cells', 'body', 'bodies', 'law', 'triad', 'tetralogy', 'position', 'dressing', 'tube',
  'doctrine', 'warning', 'warnings', 'rule', 'rules', 'motion', 'material', 'deference', 'stop', 'hearing',
  'standard', 'claim', 'action', 'act', 'charge', 'challenge', 'plea', 'abstention', 'exception', 'test',
  'questionnaire', 'inventory', 'index', 'method', 'technique', 'equation', 'formula', 'curve', 'solution',
  // Infections named after a place ("Ross River virus", "Rift Valley fever", "St. Louis encephalitis").
  'virus', 'fever', 'encephalitis',
]);

/** Person titles: a capitalised word after one of these is a name. */
export const TITLES: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'mx', 'miss', 'dr', 'doctor', 'prof', 'professor', 'judge', 'justice', 'attorney', 'atty',
  'nurse', 'officer', 'officers', 'sgt', 'det', 'detective', 'detectives', 'trooper', 'deputy', 'sheriff', 'inspector',
  'sergeant', 'rev', 'hon', 'honorable', 'sister', 'father', 'magistrate', 'drs', 'doctors',
  // German, French, Italian, Spanish and Dutch forms of address ("Herr Dr. Müller", "Mme Lefèvre", "Sr. García"; "Sr."
  // is also a nursing sister, "Sr Khumalo").
  'herr', 'frau', 'monsieur', 'madame', 'mme', 'mlle', 'signor', 'signora', 'señor', 'señora', 'sr', 'sra', 'srta', 'dra', 'dott', 'dhr', 'mevr',
  // Ranks ("Lt. Ray Ostrowski", "Capt. Ames").
  'lt', 'capt', 'cpt', 'cpl', 'col', 'maj', 'cmdr',
  // British police and ward titles ("PC Carys Rees", "DS Morgan", "HCSW Tomasz Wróbel", "SN ap Dafydd").
  'pc', 'pcso', 'dc', 'ds', 'dci', 'constable', 'hcsw', 'sn',
  // Police officers ("Ofc. Dustin Marsh"); Indian forms of address and an advocate ("Smt. Sunanda", "Sh. Harish Chand", "Adv.
  // N. B. Gaware").
  'ofc', 'ofcr', 'smt', 'shri', 'sh', 'shrimati', 'kumari', 'adv',
  // French: a woman doctor ("Dre Isabelle Tremblay"); Madam, as Singapore and Malaysia write it ("Mdm Chua Ah Lian").
  'dre', 'mdm', 'madam',
]);

/** Labels after which the next capitalised words name a person ("Patient: Jane Roe", "Attending: R. Osei"). */
export const NAME_LABELS: readonly string[] = [
  'name', 'patient', 'patient name', 'pt', 'pt name', 'attending', 'attending physician', 'pcp', 'provider',
  'physician', 'referring physician', 'referring', 'resident', 'signed by', 'electronically signed by', 'signed',
  'dictated by', 'contact', 'emergency contact', 'next of kin', 'nok', 'guardian', 'spouse', 'mother', 'father',
  'witness', 'client', 'attorney', 'counsel', 'cc', 'from', 'to', 'prepared by', 'author', 'surgeon', 'assistant',
  'nurse', 'caregiver', 'daughter', 'son', 'wife', 'husband', 'employee', 'insured', 'subscriber', 'claimant',
  'case manager', 'social worker', 'interpreter', 'pharmacist', 'therapist', 'reviewed by', 'approved by',
  'plaintiff', 'defendant', 'petitioner', 'respondent', 'debtor', 'decedent', 'beneficiary',
  // Incident, police and court forms.
  'witnesses', 'subject', 'suspect', 'victim', 'complainant', 'reported by', 'reporting officer', 'appearances',
  'present', 'member', 'deponent', 'owner', 'driver', 'passenger', 'resident name', 'signature', 'investigator',
  'notary', 'notary public', 'examiner',
  'codebtor', 'co-debtor', 'joint debtor', 'child', 'children', 'sons', 'daughters', 'siblings', 'brothers', 'sisters',
  'grandchildren', 'kids', 'dependants', 'dependents', 'minor', 'minor child', 'heir', 'guarantor', 'co-signer', 'cosigner',
  'borrower', 'principal', 'agent', 'alternate agent', 'trustee', 'successor trustee', 'settlor', 'grantor',
  'beneficiary name', 'proposed ward', 'ward', 'petitioner name', 'respondent name',
  // The people of a sale, a lease, a loan or an assignment ("Seller: M. E. Hardy", "Lessee: …", "Inventor 2: …").
  'seller', 'sellers', 'buyer', 'buyers', 'purchaser', 'purchasers', 'lessor', 'lessee', 'tenant', 'tenants', 'landlord',
  'grantee', 'grantees', 'grantors', 'guarantors', 'borrowers', 'co-borrower', 'assignor', 'assignee', 'mortgagor',
  'applicant', 'co-applicant', 'inventor', 'donor', 'recipient',
  // A land register's and a Brazilian power of attorney's ("Vendor: Kiprono Kipchumba", "Caveator: …", "Outorgante: …").
  'vendor', 'vendors', 'caveator', 'caveators', 'proprietor', 'registered proprietor', 'outorgante', 'outorgado', 'outorgada',
  'opposing party', 'counterparty', 'personal representative', 'litigation guardian', 'legal guardian', 'parent',
  // Clinicians and others named by their profession ("Audiologist: Rose Tapsell", "Advocate: Ha-eun Park").
  'audiologist', 'advocate', 'chaplain', 'dietitian', 'dietician', 'physiotherapist', 'physical therapist',
  'occupational therapist', 'psychologist', 'psychiatrist', 'counsellor', 'counselor', 'midwife', 'paramedic',
  'technologist', 'caseworker', 'dentist', 'optometrist', 'podiatrist', 'radiologist', 'pathologist', 'anaesthetist',
  'anesthesiologist', 'cardiologist', 'neurologist', 'oncologist', 'pediatrician', 'paediatrician', 'obstetrician',
  'hospitalist', 'family physician',
  // Other names of the same person ("Also known as: Gen Lafleur", "Maiden name: …").
  'also known as', 'known as', 'aka', 'alias', 'aliases', 'nickname', 'preferred name', 'maiden name', 'former name',
  'birth name', 'other names',
  // A name's parts on a form ("Surname: MAJOR   Given names: Kemar Andre"), and the people a file names by their part
  // ("Deceased: …", "Clerk: …", "Case volunteer: …", "Female chaperone: …", "Charging party: …").
  'surname', 'surnames', 'given name', 'given names', 'first name', 'first names', 'last name', 'family name', 'forename',
  'forenames', 'middle name', 'full name', 'name in full', 'deceased', 'the deceased', 'clerk', 'chaperone',
  'female chaperone', 'male chaperone', 'volunteer', 'case volunteer', 'translator', 'sworn translator', 'declarant',
  'testator', 'testatrix', 'executor', 'executrix', 'charging party', 'adverse party', 'adverse parties',
  'prospective client', 'accused', 'informant', 'attorney-in-fact', 'proxy', 'sponsor', 'next friend', 'embalmer',
  'supervising physician', 'staff nurse', 'charge nurse', 'ward nurse',
  // French ("Patiente : Gagnon, Marie-Ève", "Médecin traitant : …", "Conjoint : …").
  'patiente', 'nom', 'prénom', 'médecin', 'médecin traitant', 'infirmière', 'infirmier', 'conjoint', 'conjointe', 'mère',
  'père', 'témoin', 'avocat', 'avocate', 'signé par', 'demandeur', 'demanderesse', 'défendeur', 'défenderesse', 'usager',
  'usagère', 'requérant', 'requérante',
];

/** Capitalised words that are never a name on their own (calendar words, pronouns, note headings). */
export const NEVER_NAMES: ReadonlySet<string> = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'i', 'he', 'she', 'we',
  'they', 'his', 'her', 'their', 'the', 'a', 'an', 'this', 'that', 'patient', 'pt', 'plaintiff', 'defendant',
  'court', 'judge', 'attorney', 'counsel', 'history', 'assessment', 'plan', 'impression', 'diagnosis', 'medications',
  'allergies', 'hospital', 'clinic', 'center', 'medical', 'university', 'county', 'state', 'district', 'circuit',
  'united', 'states', 'america', 'american', 'english', 'spanish', 'christmas', 'easter', 'god', 'lord', 'inc', 'attn',
  'llc', 'corp', 'company', 'esq', 'md', 'do', 'rn', 'np', 'pa', 'phd', 'jr', 'sr', 'ii', 'iii', 'iv', 'et', 'al',
  'dear', 'sincerely', 'regards', 'thanks', 'thank', 'you', 'please', 'note', 'notes', 'memo', 'memorandum',
  // Abbreviations in labels and citations ("Med Rec No.", "Docket No.", "Bank Ref", "Matsushita Elec. Indus.").
  'no', 'nos', 'rec', 'ref', 'refs', 'med', 'docket', 'id', 'dob', 'mrn', 'elec', 'indus', 'ave', 'st', 'rd', 'blvd', 'apt',
  'suite', 'unit', 'dept', 'div', 'fig', 'vol', 'tel', 'fax', 'ext', 'mg', 'ml', 'tuesday', 'ltd', 'llp', 'plc',
  'gmbh', 'toolkit', 'foundation', 'laboratory', 'institute', 'consortium',
  // Small words in capitals ("ATTORNEY FOR:"), offices after a title ("Deputy General Counsel", "Deputy Coroner",
  // "CUSTODIAN OF RECORDS"), and languages and nationalities ("I'm Irish", "(Vietnamese)").
  'for', 'of', 'and', 'to', 'in', 'on', 'by', 'at', 'with', 'from', 'general', 'coroner', 'manager', 'registrar',
  'custodian', 'investigator', 'director', 'supervisor', 'coordinator', 'administrator', 'superintendent',
  'commissioner', 'secretary', 'treasurer', 'chairman', 'chairperson', 'irish', 'french', 'german', 'italian',
  'chinese', 'vietnamese', 'korean', 'japanese', 'polish', 'greek', 'arabic', 'russian', 'portuguese', 'hindi', 'urdu',
  'somali', 'tagalog', 'welsh', 'scottish', 'british', 'canadian', 'mexican', 'african', 'european', 'asian', 'ukrainian',
  'born', 'née', 'deceased', 'decd',
  // More languages, and faiths ("Faith tradition: Roman Catholic", "I speak Pashto and Dari").
  'dari', 'pashto', 'farsi', 'persian', 'bengali', 'punjabi', 'gujarati', 'telugu', 'marathi', 'amharic', 'tigrinya',
  'swahili', 'yoruba', 'igbo', 'hausa', 'cantonese', 'mandarin', 'hmong', 'khmer', 'burmese', 'nepali', 'samoan',
  'tongan', 'haitian', 'creole', 'dutch', 'swedish', 'norwegian', 'danish', 'finnish', 'hungarian', 'czech', 'romanian',
  'bulgarian', 'serbian', 'croatian', 'turkish', 'kurdish', 'hebrew', 'yiddish', 'armenian', 'albanian', 'filipino',
  'indonesian', 'catholic', 'protestant', 'orthodox', 'anglican', 'methodist', 'baptist', 'lutheran', 'presbyterian',
  'episcopalian', 'pentecostal', 'evangelical', 'muslim', 'sunni', 'shia', 'shiite', 'jewish', 'hindu', 'sikh',
  'buddhist', 'mormon', 'quaker', 'islamic',
  // A statute's words after a title's word ("Elder Justice Act", "Judge Advocate"), and the officer of an escrow.
  'act', 'statute', 'amendment', 'advocate', 'escrow',
  // A form's placeholder where a name would be ("Emergency contact: Self", "PCP: Unassigned", "Witness: Waived").
  'self', 'unassigned', 'waived', 'tbd', 'tba', 'redacted', 'unnamed', 'withheld', 'anonymous', 'unknown', 'none',
  'pending', 'declined', 'refused', 'deferred', 'vacant', 'various', 'same',
  // An e-mail's subject prefixes ("Subject: RE: Records request").
  're', 'fw', 'fwd',
]);

/** US states and countries (lower case): on its own a place is not a person, even when it is also a given name. */
export const US_STATES: ReadonlySet<string> = new Set([
  'america', 'england', 'scotland', 'wales', 'ireland', 'britain', 'france', 'germany', 'italy', 'spain', 'portugal',
  'netherlands', 'belgium', 'switzerland', 'austria', 'sweden', 'norway', 'denmark', 'finland', 'poland', 'russia',
  'china', 'japan', 'korea', 'india', 'israel', 'canada', 'mexico', 'brazil', 'argentina', 'australia', 'zealand',
  'africa', 'europe', 'asia', 'york', 'jersey', 'hampshire', 'columbia', 'berkeley', 'cambridge', 'oxford',
  'alabama', 'alaska', 'arizona', 'arkansas', 'california', 'colorado', 'connecticut', 'delaware', 'florida',
  'georgia', 'hawaii', 'idaho', 'illinois', 'indiana', 'iowa', 'kansas', 'kentucky', 'louisiana', 'maine', 'maryland',
  'massachusetts', 'michigan', 'minnesota', 'mississippi', 'missouri', 'montana', 'nebraska', 'nevada', 'ohio',
  'oklahoma', 'oregon', 'pennsylvania', 'tennessee', 'texas', 'utah', 'vermont', 'virginia', 'washington',
  'wisconsin', 'wyoming', 'carolina', 'dakota',
  'hong kong', 'macau', 'macao', 'singapore',
]);

/** Words that make the capitalised words before them an organisation or a place: "Lawrence Berkeley National Laboratory". */
export const ORG_WORDS: ReadonlySet<string> = new Set([
  'national', 'laboratory', 'laboratories', 'lab', 'labs', 'university', 'institute', 'foundation', 'hospital', 'clinic',
  'center', 'centre', 'college', 'school', 'corporation', 'company', 'inc', 'ltd', 'llc', 'llp', 'lp', 'plc', 'gmbh',
  'toolkit', 'software', 'systems', 'group', 'agency', 'association', 'society', 'library', 'museum', 'memorial',
  'county', 'city', 'consortium', 'project', 'trust', 'bank', 'partners', 'holdings', 'industries', 'technologies',
  'dept', 'department', 'team', 'office', 'services', 'desk',
]);

/**
 * Words for a geographic unit smaller than a state that its name goes with ("Kisumu County", "Edison Township", "Kirtipur
 * Municipality", "Bhaktapur district", "County Kerry"): names.ts reads the name with it as a place. Not a province, a
 * region, a canton or a prefecture, which are a state's peers.
 */
export const DIVISION_WORDS: readonly string[] = [
  'district', 'municipality', 'parish', 'county', 'borough', 'township', 'upazila', 'tehsil', 'taluka', 'taluk', 'vdc',
  'gaunpalika', 'nagarpalika',
];

/** Street types that end a street's name ("Candler Road"): names.ts reads a street named without its number there. */
export const STREET_SUFFIXES: readonly string[] = [
  'road', 'street', 'avenue', 'ave', 'boulevard', 'blvd', 'drive', 'lane', 'parkway', 'pkwy', 'highway', 'hwy', 'terrace',
  'crescent', 'trail', 'rd', 'ln', 'pike',
];

/**
 * Words for "street" that open a street's name in Welsh, French, Spanish, Portuguese, Italian, Catalan, Maltese,
 * Romanian, Albanian and Polish ("27 Heol Hir", "Rua Augusta 1500", "4418 Camino del Sol", "Triq il-Kbira 23", "Strada
 * Lipscani 5", "Ulica Długa 8"); names.ts reads a street's address where one of them is capitalised next to a house
 * number, geo.ts a part of an address line that one of them opens.
 */
export const STREET_HEADS: readonly string[] = [
  'heol', 'ffordd', 'stryd', 'lôn', 'rhodfa', 'rue', 'rua', 'calle', 'avenida', 'travessa', 'via', 'viale', 'piazza',
  'corso', 'paseo', 'carrer', 'chemin', 'camino', 'calzada', 'triq', 'strada', 'calea', 'rruga', 'avinguda', 'passeig',
  'rambla', 'praça', 'vicolo', 'ulica', 'aleja',
];

/**
 * The words that open a holiday's name, which is a date ("Christmas Eve 2019", "New Year's", "Mother's Day",
 * "Thanksgiving Monday"), and the months' names; names.ts reads the whole name (HOLIDAY_RE), or the month after a
 * preposition, where one of them is capitalised.
 */
export const HOLIDAY_HEADS: readonly string[] = [
  'christmas', 'thanksgiving', 'easter', 'halloween', 'hanukkah', 'diwali', 'passover', 'kwanzaa', 'new', 'valentine',
  'mother', 'father', 'boxing', 'independence', 'labor', 'labour', 'memorial', 'veterans', 'remembrance', 'anzac', 'canada',
  'australia', 'presidents', 'st', 'chinese', 'lunar', 'eid', 'dashain', 'tihar', 'vesak', 'rosh', 'yom', 'good', 'holy',
  'whit', 'pentecost', 'hogmanay', 'shrove', 'ash', 'palm', 'juneteenth', 'michaelmas', 'holi', 'deepavali', 'navratri',
  'durga', 'onam', 'pongal', 'vaisakhi', 'baisakhi', 'lohri', 'raksha', 'ganesh', 'songkran', 'chuseok', 'nowruz', 'purim',
  'sukkot', 'shavuot', 'mardi', 'waitangi', 'bastille', 'victoria', 'columbus', 'martin', 'mlk', 'guy', 'bonfire',
  // A month's name alone after a preposition is a date element too ("in December", "since January"): names.ts reads it
  // where a holiday's is read.
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
];

/**
 * Words for a relative or a carer, as a regex alternation: after a possessive ("Amara's mum") or after "and his" / "and
 * her" ("Ahmed and his brother") they say that the word before is a person. (name-tokens.ts holds the relatives before a
 * name, "sister Summer": another list, with "cousin" and "tita", without "carer" and "family".)
 */
export const RELATIONS_AFTER_NAME =
  'mum|mom|mother|dad|father|wife|husband|partner|son|daughter|sister|brother|carer|caregiver|grandmother|grandfather|grandson|granddaughter|nan|gran|granny|aunt|auntie|aunty|uncle|niece|nephew|fianc[ée]e?|girlfriend|boyfriend|stepfather|stepmother|stepson|stepdaughter|guardian|parents|children|kids|baby|family|widow|widower';
