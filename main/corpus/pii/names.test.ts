import { describe, expect, it } from 'vitest';
import { scanPii } from './scan';

const names = (text: string) => scanPii(text).filter((f) => f.type === 'NAME' || f.type === 'PARTY').map((f) => f.text);

describe('person names', () => {
  it('finds names after titles, even ordinary words', () => {
    expect(names('Seen by Dr. Okafor today.')).toEqual(['Okafor']);
    expect(names('Mrs. Jane Q. Public was admitted.')).toEqual(['Jane Q. Public']);
    expect(names('Discussed with Dr. Foley and Ms. Pink.')).toEqual(['Foley', 'Pink']);
  });

  it('knows the given names of the birth records that the older lists lack, Irish ones among them, not a god or a tribe', () => {
    expect(names('Met Aoife Murphy at the clinic. She asked Niamh to call back. Latasha Greene was admitted.')).toEqual([
      'Aoife Murphy', 'Niamh', 'Latasha Greene',
    ]);
    // Babies are named after them too, but WordNet's lemmas are left out of the names the birth records add.
    expect(names('She asked Zeus to call. They asked Cherokee to call.')).toEqual([]);
  });

  it('finds two or three capitalised words that act in a note\'s sentence, when the lists hold no other sense of them', () => {
    expect(names('Chukwuemeka Obi attended with his wife. Zsofia Kovacs called back. Marama Ngata consented to the plan.')).toEqual([
      'Chukwuemeka Obi', 'Zsofia Kovacs', 'Marama Ngata',
    ]);
    // Not a department, a ward, a product, an organisation.
    expect(names('Emergency Department called. Ward Sister refused. Microsoft Teams stated nothing. Kaiser Permanente denied the claim.')).toEqual([]);
  });

  it('finds a lone given name after "to" or "from" with a word of talking or writing before it, not a place', () => {
    expect(names('Spoke to Siobhan today. Handed over to Siobhan at 7. Sent a letter to Kwabena. A message from Aoife.')).toEqual([
      'Siobhan', 'Siobhan', 'Kwabena', 'Aoife',
    ]);
    expect(names('Flew to Jordan. Went to Lourdes. Moved from Siobhan Street.').filter((n) => n !== 'Siobhan Street')).toEqual([]);
  });

  it('finds the person whose relative follows a possessive, not a role after "the", a place or an ordinary word', () => {
    expect(names("Amara's mum called the ward. Seen with Kwame Asante's daughter. Hope's mother rang.")).toEqual(['Amara', 'Kwame Asante', 'Hope']);
    expect(names("Mother's family; the President's wife; Nairobi's families.")).toEqual([]);
    // And before "and his" or "and her" and a relative; a spouse after a marriage's word.
    expect(names('Ahmed and his brother Karim were present. Grace and her husband attended. He is married to Precious.')).toEqual([
      'Ahmed', 'Karim', 'Grace', 'Precious',
    ]);
    expect(names('Smith and his team; the patient and her mother; married to the job; separated from Honshu by the Inland Sea.')).toEqual([]);
    // And a mail's footer naming the sender's phone, not a relative's.
    expect(names("ok thanks\nSent from Aroha's iPhone\n\nSent from Mum's phone")).toEqual(['Aroha']);
  });

  it('finds a name after a preposition or an instruction\'s verb opening a sentence ("Per", "Between", "Contact")', () => {
    expect(names('Per Maria, the patient slept well. Per Ravi, no further episodes.')).toEqual(['Maria', 'Ravi']);
    expect(names('Between Muthoni Wairimu (the Vendor) and Peter Otieno (the Purchaser).')).toEqual(['Muthoni Wairimu', 'Peter Otieno']);
    // And a verb a note's instruction opens with ("Contact …", "Call …"), not before an ordinary word.
    expect(names('Contact Bongani Dlamini on Monday. Call Siobhan tomorrow. Call Centre staff. Email Marketing team.')).toEqual(['Bongani Dlamini', 'Siobhan']);
  });

  it('finds one word that says, feels or decides as a person does: a given name, or in English text a word no list holds', () => {
    expect(names('Olumide says the pain started yesterday. Aroha is 6 years old and lives with her nan. Thabo denied any falls.')).toEqual([
      'Olumide', 'Aroha', 'Thabo',
    ]);
    // Not a word of the lists in another sense, a plural, a word no list holds with a verb a name alone takes, a drug.
    expect(names('Mother says she is tired. Insiders said the firm would sell. Handover phoned to the ward. Eliquis was reviewed. The Confederate states during the war.')).toEqual([]);
  });

  it('finds each name after a label of several people, one word or more, not a count, a word of the lists or a diagnosis', () => {
    expect(names('Children: Kofi, Esi and Grace. Siblings: Ama, Kwesi. Children: Abena (9), Kojo (6) and Akosua (2).')).toEqual([
      'Kofi', 'Esi', 'Grace', 'Ama', 'Kwesi', 'Abena', 'Kojo', 'Akosua',
    ]);
    expect(names('Children: none. Children: 2 (boys). Dependants: Kofi, Diabetes and Hypertension.')).toEqual(['Kofi']);
    // A name and an age in parentheses opening a sentence; not a figure's or a section's number.
    expect(names('Lerato (14) was not at home. Figure (3) shows it. Section (12) applies.')).toEqual(['Lerato']);
  });

  it('finds names after labels, sign-offs and roles', () => {
    expect(names('Patient: Roe, Jane M.    MRN: 123')).toEqual(['Roe, Jane M']);
    expect(names('Attending: Dr. Rafael Osei\nPCP: Siobhan Kowalczyk, MD')).toEqual(['Rafael Osei', 'Siobhan Kowalczyk']);
    expect(names('Respectfully submitted,\nMarlon Kargbo (Bar No. 123456)')).toEqual(['Marlon Kargbo']);
    expect(names('Yours sincerely,\n\nClodagh Fennelly\nComplaints Officer')).toEqual(['Clodagh Fennelly']);
    expect(names('Thanks,\nPeter\n\nMany thanks,\nKwabena Mensah\n\nBest wishes,\nDr Siobhan Kelly')).toEqual(['Peter', 'Kwabena Mensah', 'Siobhan Kelly']);
    expect(names('Thanks\nPlan: continue. Thanks,\nThe Billing Team')).toEqual([]);
    // A sign-off and the name ending its line.
    expect(names('ok see you then.\nThanks, Esi\nRegards Segun\nxoxo Ama\nThanks, John!')).toEqual(['Esi', 'Segun', 'Ama', 'John']);
    expect(names('Thanks for calling.\nBest wishes to the family.\nCheers mate\nThanks Team\nBest Practice')).toEqual([]);
    // A greeting's person, not the greeting ("Hi" is a given name too), not a title, a relative or a group.
    expect(names('Dear Siobhan,\nHi Ama, thanks.\nHello Ama Owusu,\nHi John, thanks')).toEqual(['Siobhan', 'Ama', 'Ama Owusu', 'John']);
    expect(names('Dear Sir,\nDear Colleague,\nHi team,\nDear Mum,\nHi all,\nDear Patient,\nHi there,\nDear Hiring Manager,')).toEqual([]);
    expect(names('Yours faithfully,\nAoibheann Ní Riada')).toEqual(['Aoibheann Ní Riada']);
    // The people of a sale or a loan, a letter maybe after the label.
    expect(names('Seller: M. E. Hardy (age 91)\nGuarantor A: GUADALUPE XICOTÉNCATL ROMERO\nPart A: Hospital coverage')).toEqual(['M. E. Hardy', 'GUADALUPE XICOTÉNCATL ROMERO']);
    expect(names('Audiologist: Rose Tapsell, MNZAS\nPatients\' rights advocate: Thanh-Huong Pham, (408) 555-0165')).toEqual(['Rose Tapsell', 'Thanh-Huong Pham']);
    expect(names('Also known as: Gen Lafleur\nMaiden name: OKAFOR\nDriver Duc Lam reported it; the driver Side airbag.')).toEqual(['Gen Lafleur', 'OKAFOR', 'Duc Lam']);
    expect(names('A representative, who identified herself as "Crystal," called; a man who called himself Rocky; identified himself as a nurse.')).toEqual(['Crystal', 'Rocky']);
    // A later mention of a full name's ordinary word ("Hope" of "Hope O'Brien"), not opening a sentence or a phrase.
    expect(names("Hope O'Brien (daughter) called; she said Hope asked for the bishop. Hope springs eternal; the Hope Street clinic.")).toEqual(["Hope O'Brien", 'Hope']);
    // Faiths and languages are no names; a name found is not found again in "Roman Catholic" (but is in "Charles II").
    expect(names('Faith tradition: Roman Catholic. I speak Pashto and Dari; a lifelong Catholic.')).toEqual([]);
    expect(names('Dr. Roman Kowalski saw her; she is Roman Catholic. Mr. Charles Stuart; then Charles II ruled.')).toEqual(['Roman Kowalski', 'Charles Stuart', 'Charles']);
    // An organisation's initials after a name and a comma are not its given name.
    expect(names('Advocate: Ha-eun Park, DAWN legal advocacy')).toEqual(['Ha-eun Park']);
    // A name with the person's relation in parentheses after it, ordinary words too; a place after "son, " is none.
    expect(names("Hope O'Brien (daughter), 087 555 2916; Donncha Ó Briain (son, Dorchester, Massachusetts); Rose Young (wife); Boston Children's (son)")).toEqual(["Hope O'Brien", 'Donncha Ó Briain', 'Rose Young']);
    // A nickname in quotes after "known as" or "goes by"; not a word for a thing, nor a contract's defined term.
    expect(names('Ms Wiśniewska (known at work as "Kasia"); a man known as "Rocky"; the drug known as "Ecstasy"; an action referred to herein as "Respondent".')).toEqual(['Wiśniewska', 'Kasia', 'Rocky']);
    // The signer's role after a name in a signature line; a company signing is no person.
    expect(names('Nirali D. Mehta, Buyer, 5/9/2024\nBogusław Zieliński, Seller, May 10, 2024\nAcme Holdings LLC, Buyer, agrees')).toEqual(['Nirali D. Mehta', 'Bogusław Zieliński']);
    // A word for a relative names no one alone ("Nonna", "Mama"), but opens a name ("nonna Rosa Bianchi").
    expect(names('Mama: ok. It was "payment for caring for Nonna" and her nonna Rosa Bianchi agreed.')).toEqual(['Rosa Bianchi']);
    // A second name joined by "and", written the same way; not a firm.
    expect(names('GRANT(S) to KENJI ARAKAWA and NGOZI ARAKAWA-EZE, husband and wife')).toEqual(['KENJI ARAKAWA', 'NGOZI ARAKAWA-EZE']);
    expect(names('Dr. Maria Lopez and Tomás Ruiz Gonzalez attended. Jane Roe and Johnson Controls settled.')).toEqual(['Maria Lopez', 'Tomás Ruiz Gonzalez', 'Jane Roe']);
    expect(names('Lives with his wife Malissa Whitson and their son.')).toEqual(['Malissa Whitson']);
  });

  it('finds the parts of a name on a form, the people a file names by their part, and a name after "/s/"', () => {
    expect(names('Surname: MAJOR                 Given names: Kemar Andre\nSignature: /s/ K. A. Major          Date: 15 February')).toEqual([
      'MAJOR', 'Kemar Andre', 'K. A. Major',
    ]);
    expect(names('Deceased:         THOMAS VARGHESE PUTHENPURACKAL (Thomas Varghese)\nCase volunteer:   Shibu Kuriakose, +971 55 555 0121')).toEqual([
      'THOMAS VARGHESE PUTHENPURACKAL', 'Thomas Varghese', 'Shibu Kuriakose',
    ]);
    expect(names('Female chaperone: Pema Dolma Sherpa, staff nurse.\nClerk: Joelma Aparecida Batista.')).toEqual(['Pema Dolma Sherpa', 'Joelma Aparecida Batista']);
  });

  it('reads the capitalised particles of Arabic and Irish names between the name\'s words', () => {
    expect(names('Supervising physician: Dr Hessa Al Suwaidi, DHA licence. Mohammed Al Marri and Aoife Ní Bhriain met.')).toEqual([
      'Hessa Al Suwaidi', 'Mohammed Al Marri', 'Aoife Ní Bhriain',
    ]);
  });

  it('reads three words in capitals that the name lists hold, none an ordinary word, as one name', () => {
    expect(names('with the consent of his wife,\nKEIKO YAMAMOTO TANAKA, Brazilian, pharmacist')).toEqual(['KEIKO YAMAMOTO TANAKA']);
    expect(names('THE LAND REGISTRATION ACT\nGREEN PARK ROAD\nMORGAN GRANT HILL')).toEqual([]);
  });

  it('reads a relative\'s name between commas after the relative, not a town there', () => {
    expect(names('The daughter, Ancy, is expecting. Her son, Will, drove. Donncha (son, Dorchester, Massachusetts); his wife, Diabetes, no.')).toEqual(['Ancy', 'Will', 'Donncha']);
  });

  it('reads a small town or a city the medical lists hold after "via", "until", "approaching"', () => {
    const places = (text: string) => scanPii(text).filter((f) => f.type === 'GEO').map((f) => f.text);
    expect(places('Delta via Amsterdam, departing Monday; stays on board until Ålesund; approaching Ålesund.')).toEqual(['Amsterdam', 'Ålesund', 'Ålesund']);
  });

  it('takes no firearm\'s maker before its model and no car\'s make and model for a name', () => {
    expect(names('Firearms: Glock 19 pistol; Ruger 10/22 rifle at the house of John Browning 45 pistol; a 2021 Mercedes-Benz Sprinter 2500')).toEqual(['John Browning']);
  });

  it('takes no abbreviation the text defines for a name, and still finds the people beside it', () => {
    expect(names('Therapeutic Use Exemption (TUE) Application Form\nReturn to: TUE Committee, Kingston\nreviewed by TUE panel: Dr Ravi Persaud')).toEqual(['Ravi Persaud']);
  });

  it('finds given names that the medical word lists also hold (for eponyms), but not the eponyms', () => {
    expect(names('Ask Alice Smith about it. Thomas Miller called; please call James Brown at home.')).toEqual(['Alice Smith', 'Thomas Miller', 'James Brown']);
    expect(names('Please ask Mark Campbell and Jack Wright about the results.')).toEqual(['Mark Campbell', 'Jack Wright']);
    expect(names('A Thomas splint was applied. Alice in Wonderland syndrome is rare. Paul Bunnell test negative.')).toEqual([]);
    expect(names('Campbell de Morgan spots were seen; Graves Disease and Marfan Syndrome were excluded.')).toEqual([]);
  });

  it('finds names followed by a credential, and surname-first names in lists and reference lines', () => {
    expect(names('Pathologist: Ifeoma Chukwu, MD, signed electronically.\nVikram S. Reddy, MD, Hematology')).toEqual(['Ifeoma Chukwu', 'Vikram S. Reddy']);
    expect(names('Present: A. Kowalski (MD), B. Osei (PharmD), T. MacGregor (SW).\nJ. Patel, RN')).toEqual(['A. Kowalski', 'B. Osei', 'T. MacGregor', 'J. Patel']);
    expect(names('Frances Ebuka-Lloyd, MD, PhD.')).toEqual(['Frances Ebuka-Lloyd']);
    // A therapist's abbreviation or a role that closes, after one word; ordinary words the name lists hold.
    expect(names('Seen by Jarrah (OT). Handover from Precious (RN). Tama (physio) reviewed. With kind regards,\nWoody Knight, MD')).toEqual([
      'Jarrah', 'Precious', 'Tama', 'Woody Knight',
    ]);
    // Not an abbreviation after its words, a font's name, a country's code, a role opening an aside.
    expect(names('Prothrombin Time (PT) was long. PT Sans, PT Serif. Lisbon, PT. On Saturdays (pharmacist on duty).')).toEqual([]);
    expect(names('1. Jackson, Levi - bed 3\n2. Quinn, Rosalind - bed 9\nRE: Anderson, Kristoffer  DOB 08/22/1979')).toEqual(['Jackson, Levi', 'Quinn, Rosalind', 'Anderson, Kristoffer']);
    expect(names('BED 7 — Ahmadi, Leila   MRN 88-131-0092\nBED 9 — GARCIA, MARIA   MRN 1\nNOTICE, PLEASE READ. WARRANTY, LIMITED.')).toEqual(['Ahmadi, Leila', 'GARCIA, MARIA']);
    // A relative's name that is an ordinary or a domain word, which a name list holds.
    expect(names('Wife Rose Young (DPOA) wants a call; his sister Summer called; to my son Will, a watch.')).toEqual(['Rose Young', 'Summer', 'Will']);
    expect(names('Mother Nature is cruel; daughter Cells divide.')).toEqual([]);
    // After a person's "name is", even an ordinary word; not after a thing's name.
    expect(names("The nurse's name is Summer, very kind. His name is Rich. her name was Hope.")).toEqual(['Summer', 'Rich', 'Hope']);
    expect(names('The drug name is Tylenol; the store name is Target; the name is Common Law.')).toEqual([]);
    expect(names("Dr. Farouk's nurse Marisela: confirmed. My landlord Tom Ng called.")).toEqual(['Farouk', 'Marisela', 'Tom Ng']);
    // A car's make and model, a heading in capitals, the pronoun after a transcript's "Q.".
    expect(names('veh. silver Ford Kuga, a gray Dodge Charger. INTAKE NURSE CALLBACK NOTE. Q. I\'m showing you this.')).toEqual([]);
    expect(names('Daughter-in-law Summer Page emailed. Report completed by: D. King, RN')).toEqual(['Summer Page', 'D. King']);
    // British police and ward titles, labels with a remark before the colon, a Welsh particle.
    expect(names('PC Carys Rees 4117; HCSW Tomasz Wróbel; Staff Nurse Siân ap Dafydd.\nSubject (visitor):  EVANS, RHODRI GETHIN\nWitnesses: HOPE, BETHAN (mother)')).toEqual([
      'Carys Rees', 'Tomasz Wróbel', 'Siân ap Dafydd', 'EVANS, RHODRI GETHIN', 'HOPE, BETHAN',
    ]);
    // Kin words of other languages, and names in lower case after them in texts written so.
    expect(names('i will call. tita joy is with her; habaryar fadumo called; call tito Boyet; my uncle Avi decides. lola only speaks tagalog, uncle said no.')).toEqual([
      'joy', 'fadumo', 'Boyet', 'Avi',
    ]);
    // After a bed, ordinary words and names no list holds are the patient's name.
    expect(names('BED 9 — KING, SUMMER   MRN 88-099-7315\nBED 12 — Kowalczyk, Zbigniew   Age 93\nKING, SUMMER SALE')).toEqual(['KING, SUMMER', 'Kowalczyk, Zbigniew']);
    // Places before a state that is also a credential and ordinary words are no names; a sign-off is no surname
    // before a given name ("Thanks, John": only John, who signs).
    expect(scanPii('Seen in Baltimore, MD 21201 and Silver Spring, MD. Internal Medicine, MD.\nThanks, John').filter((f) => f.type === 'NAME').map((f) => f.text)).toEqual(['John']);
  });

  it('finds a name with a nickname in quotes, the surname and a suffix included', () => {
    expect(names('Met the son William "Bill" Whitlock Jr. and the niece Patricia “Patty” Vanderhoek-Lutz.')).toEqual(['William "Bill" Whitlock Jr.', 'Patricia “Patty” Vanderhoek-Lutz']);
    expect(names('The so-called "Safe" Harbor rule and Model "Alpha" Series.')).toEqual([]);
    // After a name, in quotes or parentheses, and its later mentions; not a defined term, a language or a department.
    const prose = 'The patient was seen in clinic today, and she reports that the pain is better.';
    expect(names(`${prose} Resident: PAPADOPOULOS, Dimitra ("Mitsi"), room 23. Later Mitsi asked for tea.`)).toEqual(['PAPADOPOULOS, Dimitra', 'Mitsi', 'Mitsi']);
    expect(names(`${prose} Claimant: TRAN, Van Hung (goes by "Henry"). Her son Konstantinos "Kostas" Papadopoulos called; Kostas will visit.`)).toEqual([
      'TRAN, Van Hung', 'Henry', 'Konstantinos "Kostas" Papadopoulos', 'Kostas',
    ]);
    expect(names(`${prose} Between Gordon Whitaker ("Landlord") and the interpreter Nguyen Thi Mai (Vietnamese), with Alexandros ("Alex") Karamanlis.`)).toEqual([
      'Gordon Whitaker', 'Nguyen Thi Mai', 'Alexandros ("Alex") Karamanlis',
    ]);
  });

  it('reads the places of an Indian address after its abbreviations, and "s/o", "bte" inside a name', () => {
    const found = (t: string) => scanPii(t).map((f) => [f.type, f.text]);
    expect(found('Age 44, R/o Dhorkin, Tq. Paithan, Dist. Chhatrapati Sambhajinagar, land at mouje Chitegaon; the District Court.')).toEqual([
      ['GEO', 'Dhorkin'], ['GEO', 'Paithan'], ['GEO', 'Chhatrapati Sambhajinagar'], ['GEO', 'Chitegaon'],
    ]);
    expect(names('The patient was seen in clinic today and reports that the pain is better. Patient Karthik s/o Subramaniam and Nur Hidayah bte Ismail.')).toEqual([
      'Karthik s/o Subramaniam', 'Nur Hidayah bte Ismail',
    ]);
  });

  it('reads a person named by a role in a report, a family name that is an eponym\'s head, and leaves a place-named infection', () => {
    const prose = 'The patient was seen in clinic today, and she reports that the pain is better.';
    expect(names(`${prose} Produce them to the deposition officer Ravinder Gill. We heard from Mr Gareth Law. Past Ross River virus arthritis.`)).toEqual([
      'Ravinder Gill', 'Gareth Law',
    ]);
  });

  it('reads numbered labels and the labels of schedules, trusts and guardianships', () => {
    expect(names('Debtor 1: KOU XIONG VANG\nCodebtor: Tou Vang, St. Paul\nChild 1: Amahle Dlamini (4)   Witness #2: Joy Bishop\nStep 2: Take one. Part 1: Definitions')).toEqual([
      'KOU XIONG VANG', 'Tou Vang', 'Amahle Dlamini', 'Joy Bishop',
    ]);
  });

  it('reads a widow and children named after their role, with their ages, and stops a name before a code in capitals', () => {
    expect(names('He leaves his widow, Thandeka, and two minor children, Ayanda (9) and Lwazi (6). See Table (2) and Appendix (2).')).toEqual(['Thandeka', 'Ayanda', 'Lwazi']);
    expect(names("Plaintiff's counsel: Adaeze Okafor, ARDC No. 6329114. Attending: Roe, JANE.")).toEqual(['Adaeze Okafor', 'Roe, JANE']);
  });

  it('reads an insured named after the word, and the two streets of an intersection', () => {
    const found = (t: string) => scanPii(t).map((f) => [f.type, f.text]);
    expect(found('Insured Joao Medeiros rear-ended the claimant at Florin Rd and Franklin Blvd today. By Oslo City Court.')).toEqual([
      ['NAME', 'Joao Medeiros'], ['ADDRESS', 'Florin Rd'], ['ADDRESS', 'Franklin Blvd'],
    ]);
  });

  it('reads a name before "born" or "b." and a date, and the street at a corner', () => {
    const found = (t: string) => scanPii(t).map((f) => [f.type, f.text]);
    expect(found('The children, River Mundine born 3 May 2016 and Anna King, b. 1884, live with the mother. Patient Born 1950.').filter(([t]) => t !== 'DATE')).toEqual([
      ['NAME', 'River Mundine'], ['NAME', 'Anna King'],
    ]);
    expect(found('Changeover at the corner of Parramatta Rd and Church St.')).toEqual([['ADDRESS', 'Parramatta Rd']]);
  });

  it('reads police and Indian forms of address, and the labels and credentials of investigators and notaries', () => {
    expect(names('Reported by Ofc. Dustin Marsh #2281. Copy issued to Adv. N. B. Gaware and Smt. Sunanda Shinde.')).toEqual(['Dustin Marsh', 'N. B. Gaware', 'Sunanda Shinde']);
    expect(names('Late Sh. Harish Chand; Sh! Quiet.')).toEqual(['Harish Chand']);
    // "Ref" is an abbreviation, no surname, after a word some list holds as a given name ("Bank").
    expect(names('Quote the Bank Ref on payment. Ref: Dr Jane Roe')).toEqual(['Jane Roe']);
    expect(names('Before me, Thu Trang Pham, Notary Public, appeared.\nSignature: Thu Trang Pham\nInvestigator: Leilani Kahananui, J.D.')).toEqual([
      'Thu Trang Pham', 'Thu Trang Pham', 'Leilani Kahananui',
    ]);
  });

  it('reads ranks as titles and "Attn" as no name', () => {
    expect(names('Lt. Ray Ostrowski called. Attn: Dr. Ingrid Solberg')).toEqual(['Ray Ostrowski', 'Ingrid Solberg']);
  });

  it('finds names after German, French and other forms of address, titles in a row included', () => {
    expect(names('Sehr geehrter Herr Dr. Müller, Frau Prof. Dr. Schmidt und Mme Lefèvre')).toEqual(['Müller', 'Schmidt', 'Lefèvre']);
    expect(names('Dear colleague Dr. med. Jürgen Hoffmann, Prof. Dr. rer. nat. Anna Weber agreed.')).toEqual(['Jürgen Hoffmann', 'Anna Weber']);
    // "Sr." before a name is a Spanish form of address or a nursing sister; after one, "senior".
    expect(names('El Sr. García y la Sra. López llegaron. Reviewed by Sr. Nomvula Khumalo. Robert Jones, Sr., was present.')).toEqual(['García', 'López', 'Nomvula Khumalo', 'Robert Jones']);
  });

  it('looks up a name with accents no list holds without them', () => {
    expect(names('2. Moreau, Étienne - bed 7 - stroke. Seen with Zoë Brontë today.')).toEqual(['Moreau, Étienne', 'Zoë Brontë']);
  });

  it('finds later mentions of a name first written in capitals', () => {
    const prose = 'The patient was seen in clinic today, and she reports that the pain is better.';
    expect(names(`Subject: OKONKWO, CHIDI EMEKA\n${prose} Later identified as Chidi Okonkwo; OKONKWO left.`)).toEqual(['OKONKWO, CHIDI EMEKA', 'Chidi Okonkwo', 'OKONKWO']);
  });

  it('finds a known given name followed by an unknown surname, and later mentions', () => {
    expect(names('Yesterday Maria Kowalczyk called; later Kowalczyk asked for a refill.')).toEqual(['Maria Kowalczyk', 'Kowalczyk']);
  });

  it('finds hyphenated given names, but not the hyphenated eponyms of syndromes', () => {
    const prose = 'The patient was seen in clinic today with her daughter, and she reports that the pain is better.';
    expect(names(`${prose} Seen with Marie-Claire Dubois today. Jean-Baptiste Pierre-Louis was admitted.`)).toEqual(['Marie-Claire Dubois', 'Jean-Baptiste Pierre-Louis']);
    expect(names(`${prose} History of Wolff-Parkinson-White, Stevens-Johnson, Mallory-Weiss, Osgood-Schlatter, Arnold-Chiari and Guillain-Barré; Follow-Up.`)).toEqual([]);
  });

  it('finds parties in captions and in pleadings, but not in cited precedents', () => {
    const caption = 'JANE ROE, an individual,\n\tPlaintiff,\n\tv.\nACME HOLDINGS LLC,\n\tDefendant.\n';
    expect(names(caption)).toEqual(['JANE ROE', 'ACME HOLDINGS LLC']);
    expect(names('2. Defendant Harborview Medical Supply Corp. is a corporation.')).toEqual(['Harborview Medical Supply Corp.']);
    expect(names('Under Ashcroft v. Iqbal, 556 U.S. 662 (2009), and Bell Atlantic Corp. v. Twombly, 550 U.S. 544 (2007), the claim fails.')).toEqual([]);
    expect(names('RE: Whitfield v. Northfield Logistics, Docket No. 19-1234')).toEqual(['Whitfield', 'Northfield Logistics']);
  });

  it('takes a programming language a licence names for no one, alone, and a copyright holder for no street', () => {
    expect(names('You may redistribute it under the same terms as Perl itself.')).toEqual([]);
    expect(names('We met Carrissa Perl today.')).toEqual(['Carrissa Perl']);
    const found = (text: string) => scanPii(text).map((f) => [f.type, f.text]);
    expect(found('Copyright (C) 1996-2011, 2014 Anthony Green\nCopyright 2016 Iain Lane')).toEqual([['NAME', 'Anthony Green'], ['NAME', 'Iain Lane']]);
    expect(found('She lives at 2016 Iain Lane, Boston.')).toEqual([['ADDRESS', '2016 Iain Lane'], ['GEO', 'Boston']]);
  });

  it('does not take headings, places or calendar words for names', () => {
    expect(names('HISTORY OF PRESENT ILLNESS\nChief Complaint: chest pain. Assessment and Plan: admit.')).toEqual([]);
    expect(names('Seen on Monday in March at the Boston clinic.')).toEqual([]);
  });

  it('does not take offices, small words in capitals, nationalities or a numbered party for names', () => {
    expect(names('Prepared for Gregory Adamczyk, Deputy General Counsel, and R. Villalobos, Deputy Coroner.')).toEqual(['Gregory Adamczyk', 'R. Villalobos']);
    expect(names('ATTORNEY FOR: Defendant CODY LEE FAIRWEATHER\nDECLARATION OF CUSTODIAN OF RECORDS')).toEqual(['CODY LEE FAIRWEATHER']);
    expect(names('His explanation ("it was banter, I\'m Irish, we slag everyone") does not change it. Respondent No. 2 is the informant.')).toEqual([]);
  });

  it('takes no lettered item of a list for an initial and a name, and still reads names listed with initials', () => {
    const items = 'A. Definitions. Words.\nB. Waiver and Indemnity: RECIPIENT agrees.\nC. Waiver of Damages. In no event.\n' +
      'D. Severability: If any provision fails.\nE. Mary Okafor and her firm.';
    expect(names(items)).toEqual(['Mary Okafor']);
    expect(names('Signed,\nJ. Smith\nA. Kowalczyk\nB. Nowak')).toEqual(['J. Smith', 'A. Kowalczyk', 'B. Nowak']);
  });

  it('does not take capitalised defined terms of a contract for names', () => {
    const clause = 'Contributor hereby agrees to defend and indemnify every other Contributor (Indemnified Contributor) who made ' +
      'Contributions to the Program, and any Modifications made on behalf of Sybase ("Sybase Modifications") remain subject to the Export Law Assurances.';
    expect(names(clause)).toEqual([]);
    // A surname no list knows still counts as evidence in English text.
    expect(names('The licence was drafted by counsel for Maria Kowalczyk and reviewed with the other parties.')).toEqual(['Maria Kowalczyk']);
  });

  it('does not take the capitalised nouns of German or French text for names, and still finds titled names there', () => {
    const german = 'Soweit Datenbanken oder Zusammenstellungen von Daten Schutzgegenstand dieser Lizenz oder Teil dessen sind, ' +
      'gelten die folgenden Bestimmungen. Zur Klarstellung: die Ausübung Ihrer Rechte bleibt unberührt, und Wenn Sie das Programm ' +
      'verbreiten oder öffentlich zugänglich machen, müssen Sie die Lizenz beifügen. Sonstige Bestimmungen bleiben von der ' +
      'Unwirksamkeit einzelner Regelungen unberührt; dies gilt auch für die Bundesrepublik Deutschland Anwendung. Verantwortlich ist Dr. Okafor.';
    expect(names(german)).toEqual(['Okafor']);
    const french = 'Le Logiciel Modifié doit être accompagné de cette licence et du code source, et le titulaire des droits sur le ' +
      'Logiciel Modifié conserve la faculté de le distribuer selon les conditions de la Licence Libre; la Recherche Scientifique ' +
      'et les organismes publics peuvent en faire usage sans restriction, sous réserve que les mentions soient conservées dans ' +
      'chaque copie et que la présente licence soit jointe, sans quoi la licence prend fin.';
    expect(names(french)).toEqual([]);
    // An article the name lists hold as a given name opens no name there, nor do its noun's later mentions.
    const articles = 'Definitionen. a. Der Begriff „Abwandlung“ im Sinne dieser Lizenz bezeichnet das Werk. b. Der Lizenzgeber ist ' +
      'die natürliche oder juristische Person, die den Schutzgegenstand unter den Bedingungen dieser Lizenz anbietet. Davon ' +
      'abgesehen behält der Lizenzgeber das Recht, den Schutzgegenstand zu verbreiten. Ein Hinweis auf die Lizenz genügt, ' +
      'wenn Sie das Programm verbreiten oder öffentlich zugänglich machen und die Lizenz beifügen.';
    expect(names(articles)).toEqual([]);
  });
});

describe('city and town names (gazetteer)', () => {
  const places = (text: string) => scanPii(text).filter((f) => f.type === 'GEO').map((f) => f.text);

  it('finds a city or town named without a state', () => {
    expect(places('He moved to Naperville last year; they live in Boca Raton in the winter.')).toEqual(['Naperville', 'Boca Raton']);
    expect(places('We can do 3/14 at our Houston office.')).toEqual(['Houston']);
    expect(places('Discussed transfer to Maplewood Manor SNF in Framingham on Friday.')).toEqual(['Framingham']);
    expect(places('Seen at the clinic in St. Louis and again in Saint Louis.')).toEqual(['St. Louis', 'Saint Louis']);
    expect(places('Address: Unit 6/42 Beach Road, Coogee NSW 2034')).toContain('Coogee');
    expect(places('Flat 3, 27 Otley Road, Leeds LS6 2AA')).toContain('Leeds');
    // After a preposition opening the sentence, before the pronoun "I".
    expect(places('From São Paulo I travelled by bus. In Quetta we stayed. She lives in Moab I think.')).toEqual(['São Paulo', 'Quetta', 'Moab']);
    expect(places('From Boston General Hospital he came.')).toEqual([]);
    expect(places('She lives in Ciudad Juárez; he moved to Łódź.')).toEqual(['Ciudad Juárez', 'Łódź']);
    // Letters of the Latin Extended blocks, and towns of 5,000 people or more outside the English-speaking countries.
    expect(places('She was born in Huế; he moved to Ålesund; her nephew in Kalamata sends tea.')).toEqual(['Huế', 'Ålesund', 'Kalamata']);
    expect(places('Her sister in Qormi will collect her. He is a fisherman in Lamu. Lives in Mwingi now.')).toEqual(['Qormi', 'Lamu', 'Mwingi']);
    // Not a foreign town named like a person ("Roman", Romania; "David", Panama).
    expect(places('As in Roman law, the heir takes; in David\'s case it did not.')).toEqual([]);
    expect(places('He bought a one-way ticket to Colombo for June 2.')).toEqual(['Colombo']);
    // A small town joined by "and" to a town just found, or by "to" after it ("from … to …").
    expect(places('37 ATM withdrawals in Pacifica and Colma; a trip to Brooklyn and Colma.')).toEqual(['Pacifica', 'Colma', 'Brooklyn', 'Colma']);
    expect(places('Moved from Hilo to Kailua-Kona; drove from Leeds to Otley.')).toEqual(['Hilo', 'Kailua-Kona', 'Leeds', 'Otley']);
    // Not a country or a state alone, and not into the next sentence.
    expect(places('She was born in Poland and lives in Naperville. He moved to Ohio; she lives in St. Louis now, he lives in Cambridge.')).toEqual(['Naperville', 'St. Louis', 'Cambridge']);
  });

  it('finds the place after "the village of", "the town of", "City of", not a country\'s city', () => {
    expect(places('Born in the village of Kohak; the Town of Old Lyme; the City of Rancho Santa Margarita; the largest city of Bulgaria.')).toEqual([
      'Kohak', 'Old Lyme', 'Rancho Santa Margarita',
    ]);
    // A domain word after "County of" is the county's name.
    expect(places('recorded in the County of Orange, State of California')).toEqual(['Orange']);
  });

  it('finds a county, a parish or a borough named before its word', () => {
    expect(places('Her sister died at 97 in Geauga County last spring; the Will County jail; St. Tammany Parish.')).toEqual(['Geauga County', 'Will County', 'Tammany Parish']);
  });

  it('finds a town written with a Turkish dotted capital, and one followed by a month', () => {
    expect(places('His father died at 48 in İzmir. The Fongs were in Vancouver July 8–15.')).toEqual(['İzmir', 'Vancouver']);
  });

  it('leaves eponyms, case names, institutions, companies and larger units alone', () => {
    // Towns the medical lists also hold, and names used for eponyms.
    expect(places('Framingham risk score 12%. Denver shunt placed. Boston criteria met.')).toEqual([]);
    expect(places('Findings secondary to Cushing, as in Cushing\'s. Circle of Willis normal; factor V Leiden negative.')).toEqual([]);
    expect(places('Under Ashcroft v. Iqbal, 556 U.S. 662 (2009), the claim fails.')).toEqual([]);
    // Part of a longer capitalised name, a company's seat, countries and provinces (as large as a state or larger).
    expect(places('Admitted to Houston Methodist Hospital; Lockheed Martin employee.')).toEqual([]);
    expect(places('Acme LLC is a corporation with a principal place of business in Boston.')).toEqual([]);
    expect(places('She took a trip to Greece, then drove to Ontario.')).toEqual([]);
    // Ordinary words that are also towns, and a small town's name without a preposition.
    expect(places('Mobile phone on file. Reading glasses. Moab branded software was used.')).toEqual([]);
    expect(places('She drove from Moab to see us.')).toEqual(['Moab']);
  });

  it('leaves a person to the name rules', () => {
    expect(scanPii('Results verified by D. Abernathy, MT(ASCP). Ortho: Dr. Houston.').map((f) => `${f.type}:${f.text}`)).toEqual(['NAME:D. Abernathy', 'NAME:Houston']);
  });
});

describe('names written in lower case (portal messages, texts)', () => {
  it('finds names after a title, an introduction, a relation, and in a sign-off', () => {
    const text = 'hi dr patel, this is jenny kowalski (dob 5/6/88). my husband mike thinks i should stop it?? also my mom linda takes wellbutrin. thanks!!\n- jen';
    expect(names(text)).toEqual(['patel', 'jenny kowalski', 'mike', 'linda', 'jen']);
    expect(names('spoke to dr jones today. Dr. smith.')).toEqual(['jones', 'smith']);
  });

  it('finds a given name that is no ordinary word, and its family name, anywhere in a lower-case message', () => {
    expect(names('i told them so jenny kowalski called. i asked linda to come on jan 5; grace period ends; will do.')).toEqual(['jenny kowalski', 'linda']);
    // In formal writing (no lower-case "i" or "dr") lower-case words are never read as names.
    expect(names('The jenny mule and the linda pattern.')).toEqual([]);
  });

  it('leaves ordinary words after the same cues', () => {
    expect(names('dr will call you back. i\'m grace and im fine. this is consistent with ms. my son said thanks, bye\n- done')).toEqual([]);
    expect(names('my wife and i; this is an emergency; my mom wellbutrin')).toEqual([]);
  });
});

describe('a day of the month alone', () => {
  const dates = (text: string) => scanPii(text).filter((f) => f.type === 'DATE').map((f) => f.text);
  it('is a date after "on the", "since the", "by the" where no noun follows', () => {
    expect(dates('i started it on the 12th like you said. Since the 3rd. Due by the 15th.')).toEqual(['the 12th', 'the 3rd', 'the 15th']);
    expect(dates('Room on the 3rd floor; by the 2nd dose; on the 40th.')).toEqual([]);
  });
});

describe('parties in captions and contracts', () => {
  const parties = (text: string) => scanPii(text).filter((f) => f.type === 'PARTY').map((f) => f.text);

  it('reads the party above a role line, however the sides are joined', () => {
    const caption = [
      'JANELLE M. OKAFOR, individually and on behalf of all others similarly situated,',
      '        Plaintiff,',
      '    -against-',
      'HUDSON VALLEY ORTHOPEDIC ASSOCIATES, PLLC and GREGORY P. STAVROS, M.D.,',
      '        Defendants.',
      '',
      'PEOPLE OF THE STATE OF ILLINOIS,',
      '     Plaintiff,',
      'v.                                       No. 21 CR 0447101',
      'DEMETRIUS L. HARRIS,',
      '     Defendant.',
    ].join('\n');
    expect(parties(caption)).toEqual(
      expect.arrayContaining(['JANELLE M. OKAFOR', 'HUDSON VALLEY ORTHOPEDIC ASSOCIATES, PLLC and GREGORY P. STAVROS, M.D.', 'DEMETRIUS L. HARRIS']),
    );
    expect(parties(caption).some((p) => p.includes('PEOPLE'))).toBe(false);
  });

  it('reads a company party by its description or its label, and its other mentions', () => {
    const contract =
      'This Agreement is between Cascade Dental Partners, P.C., an Oregon professional corporation ("Client"); and\n' +
      'Halvorsen Data Systems Inc., a Washington corporation ("Provider").\n' +
      'CLIENT: Cascade Dental Partners, P.C.      PROVIDER: Halvorsen Data Systems Inc.\nRespondent: Harbourside Logistics Ltd';
    expect(new Set(parties(contract))).toEqual(new Set(['Cascade Dental Partners, P.C.', 'Halvorsen Data Systems Inc.', 'Harbourside Logistics Ltd']));
    expect(parties(contract).filter((p) => p.startsWith('Cascade'))).toHaveLength(2);
    // A defined term and a legal form alone are no names.
    expect(parties('the Company, a Delaware corporation, and Yahoo! Inc., a Delaware corporation')).toEqual([]);
    // A pleading's, a charge's and a lease's other parties; a year in parentheses in the company's name.
    expect(parties('Defendant: Kowloon Motor Bus Company (1933) Limited\nAdverse party: Lee & Partners Limited\nChargee: KCB Bank Kenya Limited')).toEqual([
      'Kowloon Motor Bus Company (1933) Limited', 'Lee & Partners Limited', 'KCB Bank Kenya Limited',
    ]);
    // And the persons after a land register's or a power of attorney's labels.
    expect(names('Vendor: Kiprono Kipchumba\nCaveator: Mary Wanjiru Njoroge\nOutorgante: Hiroshi Tanaka Nogueira')).toEqual([
      'Kiprono Kipchumba', 'Mary Wanjiru Njoroge', 'Hiroshi Tanaka Nogueira',
    ]);
  });
});

describe('more name forms', () => {
  it('reads particles, plural titles, credentials before a name and bar numbers after one', () => {
    expect(names('Ortho: Dr. Brett Van der Berg. Seen with Maria de la Cruz.')).toEqual(['Brett Van der Berg', 'Maria de la Cruz']);
    expect(names('Reviewed by Dr. van der Merwe today, and Mr de Souza. Ms. van Vliet and Dr. de la Cruz called.')).toEqual(['van der Merwe', 'de Souza', 'van Vliet', 'de la Cruz']);
    expect(names('Officers K. Brzezinski arrived. Report given to night RN Adaeze Nwosu.')).toEqual(['K. Brzezinski', 'Adaeze Nwosu']);
    // Two initials, a family name in capitals after initials, a name in capitals around a middle initial; not a court's.
    expect(names('Reviewed by physio D. M. Tran today. CORAM : MANGESH S. DESHMUKH AND\nN. K. SUBRAMANIAN, JJ.')).toEqual(['D. M. Tran', 'MANGESH S. DESHMUKH', 'N. K. SUBRAMANIAN']);
    // Full names in capitals, and a surname in capitals before given names (Hong Kong, Singapore).
    expect(names('DARIO MORETTI-FLYNN (grand-nephew); MARGARET ELLEN HARDY, also known as; | RW-1 LAM Chi-keung, Dickson |')).toEqual([
      'DARIO MORETTI-FLYNN', 'MARGARET ELLEN HARDY', 'LAM Chi-keung',
    ]);
    expect(names('IN NO EVENT SHALL THE AUTHORS BE LIABLE. SAX Parser; GUI Builder; JAMES RIVER CORP; WARD Rounds.')).toEqual([]);
    // A title opens a name after an unknown word: it ends none.
    expect(names('March 14. Neighbour Mrs. Fitzpatrick said')).toEqual(['Fitzpatrick']);
    // Japanese honorifics, a birth name after "née", roles and credentials after a name.
    expect(names('Yamamoto-san woke; through Kawasaki-san; Wong Mei-ling (née Cheng); an anti-santa; ex-sanctions')).toEqual(['Yamamoto', 'Kawasaki', 'Cheng']);
    expect(names('Hanna Lindqvist, RD, LD; Kiet Tran, CCHT; Eilidh Johnstone, Occupational Therapist; Tali Rosenfeld, counsellor.')).toEqual([
      'Hanna Lindqvist', 'Kiet Tran', 'Eilidh Johnstone', 'Tali Rosenfeld',
    ]);
    expect(names('the Department, Social Worker; Internal Medicine, Counselor')).toEqual([]);
    expect(names('Services: Elder Justice Act funded a referral; moved to Singapore; Central, Hong Kong')).toEqual([]);
    expect(names('See Fed. R. Civ. P. 12 and E. D. Cal. and Part A. DEFINITIONS. SECTION A. GENERAL PROVISIONS.')).toEqual([]);
    expect(names('Walter B. Greaves, Georgia Bar No. 308841\nRespectfully, Ann Lee, State Bar No. 12345')).toEqual(['Walter B. Greaves', 'Ann Lee']);
  });

  it('reads an initial and a family name, a declarant, a person named with a residence, and letters beyond Latin-1', () => {
    expect(names('Handoff received by H. Adair 19:04. Attendants: K. Sravani (daughter-in-law); son K. Ravi Teja.')).toEqual(['H. Adair', 'K. Sravani', 'K. Ravi Teja']);
    expect(names('I, Mohammad Nasir Haidari, declare as follows: … I, Sayed Jawad Hashimi, certify that')).toEqual(['Mohammad Nasir Haidari', 'Sayed Jawad Hashimi']);
    expect(names('Daquan Pettiford, residing at 9 Lakeshore Drive. Ngọc Anh Vũ, residing at 301 Merrimon Ave. The Trustee, residing at 5 Elm St.')).toEqual(['Daquan Pettiford', 'Ngọc Anh Vũ']);
    expect(names('My name is Wojciech Zieliński; my wife is Agnieszka Zielińska.')).toEqual(['Wojciech Zieliński', 'Agnieszka Zielińska']);
    expect(names('A. Introduction. Plan B. Kowalski. Vitamin D. Smith. Fed. R. Civ. P. 56(a); Fed. R. Evid. 702. U. S. Army. (E.D. Cal.)')).toEqual([]);
  });

  it('reads the display name of a mailbox, and leaves a team, a list or a company there alone', () => {
    expect(names('From: "Doe, Jane" <jdoe@firm.com>\nTo: Dr. Priya Raman <praman@clinic.org>, Ardo van Rangelooij <ardo@debian.org>')).toEqual([
      'Doe, Jane', 'Priya Raman', 'Ardo van Rangelooij',
    ]);
    expect(names(' 1999-2010 Tomohiro KUBOTA <kubota@debian.org>\n 2007 Joe Perches <joe@perches.com>\n Eder L. Marques <frolic@debian-ce.org>')).toEqual([
      'Tomohiro KUBOTA', 'Joe Perches', 'Eder L. Marques',
    ]);
    expect(names('Contact: APT Development Team <deity@lists.debian.org>, Debian Japanese List <dj@lists.debian.org>, OpenWorks LLP <a@b.com>, Support <s@x.org>')).toEqual([]);
    // Not an address: a comparison, a tag.
    expect(names('Ferritin <15 ng/mL; see Jane Doe <b>note</b>')).toEqual(['Jane Doe']);
  });

  it('reads a given name and a surname with its particle opening a sentence', () => {
    expect(names('Guido van Rossum, as well as being the creator, wrote it. Grace de Vries called. Maria de la Cruz came.')).toEqual([
      'Guido van Rossum', 'Grace de Vries', 'Maria de la Cruz',
    ]);
  });

  it('reads the other entries of a list of people, and no heading or place in a list', () => {
    expect(names('Witnesses: Dr. Priya Venkataraman (coroner) · Tou Lee · Summer Vang · Grace Yang · Ana Lucía Paredes (the mother)')).toEqual([
      'Priya Venkataraman', 'Tou Lee', 'Summer Vang', 'Grace Yang', 'Ana Lucía Paredes',
    ]);
    expect(names('Authors:\nDeepak Sharma\nabs51295\nJay Graves\nDonald Stufft\nAakanksha Agrawal\nAlex Gaynor')).toEqual([
      'Deepak Sharma', 'Jay Graves', 'Donald Stufft', 'Aakanksha Agrawal', 'Alex Gaynor',
    ]);
    expect(names('Present: Dr. Ana Ruiz, Mary Jones, Tou Lee, Summer Vang, and Grace Yang\nCopies: Kelly Marsh; Dr. Tom Bell & Tou Lee')).toEqual([
      'Ana Ruiz', 'Mary Jones', 'Tou Lee', 'Summer Vang', 'Grace Yang', 'Kelly Marsh', 'Tom Bell', 'Tou Lee',
    ]);
    expect(names('Problem list:\nType II Diabetes\nAtrial Fibrillation\nChronic Kidney Disease\nJohn Smith\nMary Jones')).toEqual(['John Smith', 'Mary Jones']);
    expect(scanPii('Sites: Boston, Chicago, Denver and Austin').filter((f) => f.type === 'NAME')).toEqual([]);
  });

  it('reads a name across the break of a wrapped line of prose, not across a heading\'s or a form\'s', () => {
    expect(names('The IDLEfork project was initiated by David Scherer, with some help from Peter\nSchneider-Kamp and Nicholas Riley.')).toEqual([
      'David Scherer', 'Peter\nSchneider-Kamp', 'Nicholas Riley',
    ]);
    expect(names('  * Fix the build on hppa; thanks to the report and the patch from Daniel\n    Jacobowitz (closes: #1234).')).toEqual(['Daniel\n    Jacobowitz']);
    expect(names('Patient: John\nSmith: yes')).toEqual(['John']);
    expect(names('means the individual or legal entity that places the notice and its My\nWork in it.')).toEqual([]);
  });

  it('reads a signature block\'s name above the job title, and a second name listed after a label', () => {
    expect(names('Aakanksha Agrawal\nAssociate Attorney\n\nKelly Marsh\nCharge Nurse, 4 West\n\nAcme Holdings LLC\nGeneral Counsel\n\nSocial History\nCase Manager')).toEqual([
      'Aakanksha Agrawal', 'Kelly Marsh',
    ]);
    expect(names('cc: Deepak Sharma; Aakanksha Agrawal\nAttendees: John Smith, Budget Review')).toEqual(['Deepak Sharma', 'Aakanksha Agrawal', 'John Smith']);
    expect(names('Diagnosis: Type II Diabetes; Atrial Fibrillation')).toEqual([]);
  });

  it('takes no form\'s placeholder after a label for a name', () => {
    expect(names('Emergency contact: Self\nPCP: Unassigned\nWitness: Waived\nGuardian: Unknown\nPatient: Mary Self')).toEqual(['Mary']);
    // Nor an e-mail's subject prefix, nor an organisation after a label.
    expect(names('Cc: Records Dept <records@clinic.org>\nSubject: RE: Records request for Juan Perez\nReferred by: Harbor Legal Services')).toEqual(['Juan Perez']);
  });

  it('takes no contraction for a name, even after a label', () => {
    expect(names("smb: client: Don't log credentials. Client: Don Smith. Client: O'Neill; Patient: D'Angelo Jones. We'll see; Won't do.")).toEqual([
      'Don Smith', "O'Neill", "D'Angelo Jones",
    ]);
  });

  it('leaves an abbreviation in capitals that is a title\'s ("MS Word", "MS Society") alone', () => {
    expect(names('Saved as MS Word Documents; referred to the MS Society. MR JONES was seen; DR Smith; Ms. Pink.')).toEqual(['JONES', 'Smith', 'Pink']);
  });

  it('leaves a state followed by an ordinary word, and an id after a comma, alone', () => {
    // (The interpreter is a person named by her role.)
    expect(scanPii('Florida Bar No. 0098123. Georgia Power filed. Interpreter Chiamaka, ID 40418.').filter((f) => f.type === 'NAME' || f.type === 'GEO').map((f) => f.text)).toEqual(['Chiamaka']);
    expect(scanPii('Boise, ID 83702').map((f) => `${f.type}:${f.text}`)).toEqual(['GEO:Boise', 'ZIP:83702']);
  });
});

describe('addresses with their units and buildings', () => {
  const addresses = (text: string) => scanPii(text).filter((f) => f.type === 'ADDRESS').map((f) => f.text);

  it('takes in the unit, floor, block and building before the street, a building only after a unit', () => {
    expect(addresses('Flat C, 23/F, Block 2, Harbour Crest, 18 Tai Hang Road, Happy Valley')).toEqual(['Flat C, 23/F, Block 2, Harbour Crest, 18 Tai Hang Road']);
    expect(addresses('Room 1107, Cheung Kong Center, 2 Queen\'s Road Central')).toEqual(['Room 1107, Cheung Kong Center, 2 Queen\'s Road']);
    expect(addresses('17/F, Prince\'s Building, 10 Chater Road, Central')).toEqual(['17/F, Prince\'s Building, 10 Chater Road']);
    expect(addresses('Flat 3, 27 Otley Road; Unit 6/42 Beach Road')).toEqual(['Flat 3, 27 Otley Road', 'Unit 6/42 Beach Road']);
    // A building alone before the street is as often a hospital's or a firm's.
    expect(addresses('Community Regional Medical Center, 2823 Fresno Street')).toEqual(['2823 Fresno Street']);
  });
});

describe('addresses written in lower case', () => {
  it('finds the street, the town and the ZIP code in a lower-case message', () => {
    expect(scanPii('hi, my new cell is 917 555 0148 since i moved to 42 w 88th st apt 5c, nyc 10024. thanks').map((f) => `${f.type}:${f.text}`)).toEqual([
      'PHONE:917 555 0148', 'ADDRESS:42 w 88th st apt 5c', 'GEO:nyc', 'ZIP:10024',
    ]);
    expect(scanPii('i take 2 tabs by mouth daily at 8 am and walk 3 blocks down 5th ave').map((f) => f.type)).toEqual([]);
    // Phrases with a number before "way" or "place" are no streets; an article and an ordinary word no town ("The Range").
    expect(scanPii('i took 4 in the same way, chapter 2 is the place to start, my bp was outside the range. i live at 12 oak hill way apt a').map((f) => `${f.type}:${f.text}`)).toEqual([
      'ADDRESS:12 oak hill way apt a',
    ]);
  });
});
