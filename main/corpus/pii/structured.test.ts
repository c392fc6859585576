import { describe, expect, it } from 'vitest';
import { scanPii } from './scan';
import { ipv6AnchorEnd, isNanpPhone, labelledMatches, labelledMatchesByRegex } from './structured';
import { isNanpNumber } from './validators';
import { type PiiType } from './types';

const found = (text: string) => scanPii(text).map((f) => [f.type, f.text] as [PiiType, string]);
const typesOf = (text: string) => scanPii(text).map((f) => f.type);

describe('structured identifiers', () => {
  it('reads plural labels, coded certifications, DVA cards, South African ids and Indian case registers', () => {
    expect(found('statements for hospital account nos. 400118827 and 400120931')).toEqual([['ACCOUNT', '400118827'], ['ACCOUNT', '400120931']]);
    expect(found('(California driver licenses D4418207 and K7730519)')).toEqual([['LICENSE', 'D4418207'], ['LICENSE', 'K7730519']]);
    expect(found('court interpreter certification PA-INT-0392; board certification 2015')).toEqual([['LICENSE', 'PA-INT-0392']]);
    expect(found('DVA Gold Card NX482913B')).toEqual([['HEALTH_PLAN', 'NX482913B']]);
    expect(found('SA ID: 9105030422081')).toEqual([['SSN', '9105030422081']]);
    expect(found('R.C.C. No. 412/2024 is quashed; W.P. No. 1187 of 2023; the tractor No. MH-20-BQ-4471 is released.')).toEqual([
      ['CASE_NUMBER', '412/2024'], ['CASE_NUMBER', '1187 of 2023'], ['VEHICLE', 'MH-20-BQ-4471'],
    ]);
  });

  it('reads insurers\' member numbers, plan IDs, bank accounts, passports, commissions, EINs, HKIDs and MAC addresses', () => {
    expect(found('donor\'s own plan Aetna W284417093; Insurance: MassHealth 100418827365; Blue Cross 123456789; Aetna 2024 report')).toEqual([
      ['HEALTH_PLAN', 'W284417093'], ['HEALTH_PLAN', '100418827365'], ['HEALTH_PLAN', '123456789'],
    ]);
    expect(found('Secondary: UCare Medicare Supplement, ID UC20931144')).toEqual([['HEALTH_PLAN', 'UC20931144']]);
    expect(found('Escrow No.: 0417-2281-MT | Checking 0033-418207-11 | Joint checking 9104418822 | savings of 2,000')).toEqual([
      ['ACCOUNT', '0417-2281-MT'], ['ACCOUNT', '0033-418207-11'], ['ACCOUNT', '9104418822'],
    ]);
    expect(found('Passport TZ4182739; Notary Public, commission 1118420, expires; (CCHI 104387); DRE #02118804; a commission of 1,500,000')).toEqual([
      ['LICENSE', 'TZ4182739'], ['LICENSE', '1118420'], ['LICENSE', '104387'], ['LICENSE', '02118804'],
    ]);
    expect(found('EIN 87-4418207; (HKID Y418207(1)); Matter OCR-TIX-2024-0117')).toEqual([
      ['SSN', '87-4418207'], ['SSN', 'Y418207(1)'], ['CASE_NUMBER', 'OCR-TIX-2024-0117'],
    ]);
    expect(found('laptop (MAC 3C:22:FB:41:8A:07); at 12:30:45; fe80::1')).toEqual([['DEVICE', '3C:22:FB:41:8A:07'], ['IP', 'fe80::1']]);
    expect(found('cochlear implants, serial nos. 4417229081 and 4417229082.')).toEqual([['DEVICE', '4417229081'], ['DEVICE', '4417229082']]);
    expect(found('struck his vehicle (FL tag QJT-H42); a price tag 20-30; tag AB-CD.')).toEqual([['VEHICLE', 'QJT-H42']]);
    // Plates after their labels in other languages and a car's "reg": Kenya's, Germany's, Brazil's Mercosur plate.
    expect(found('a white Toyota Hilux, reg KDA 456B; Kennzeichen F-AB 1234; Placa ABC1D23; Reg: MED1234.')).toEqual([
      ['VEHICLE', 'KDA 456B'], ['VEHICLE', 'F-AB 1234'], ['VEHICLE', 'ABC1D23'],
    ]);
    expect(found('A# A 208-517-364; Re: Nguyen, A# 208 517 364, receipt; Plan A #1234.')).toEqual([['CASE_NUMBER', 'A 208-517-364'], ['CASE_NUMBER', '208 517 364']]);
    expect(found('Insurance: GEICO policy 4418-21-077-09; Policy No. 123456789; hospital policy 2024-11.')).toEqual([['ACCOUNT', '4418-21-077-09'], ['HEALTH_PLAN', '123456789']]);
    expect(found('NHI: ZKT4821     PHN: 9471 820 353')).toEqual([['MRN', 'ZKT4821'], ['HEALTH_PLAN', '9471 820 353']]);
    expect(found("the applicant's number 94221 30518; contact no. 98450 12345; 12345 67890; 58450 12345")).toEqual([['PHONE', '94221 30518'], ['PHONE', '98450 12345']]);
    // A four-digit postcode after the town that ends an address line (New Zealand, Australia, Denmark).
    expect(found('Address: Flat 2, 14 Bader Drive, Māngere, Auckland 2022\n2 Newbury Street, Ōtara 2023, Fax').filter(([t]) => t === 'ZIP').map(([, v]) => v)).toEqual(['2022', '2023']);
    // Dutch and Scandinavian streets, the number after the name, and the postcode and town after them.
    expect(found('home address Oranjestraat 17, 3581 KM Utrecht; Drottninggatan 5; MRN 123 and age 45').filter(([t]) => t !== 'MRN')).toEqual([
      ['ADDRESS', 'Oranjestraat 17'], ['ZIP', '3581 KM'], ['GEO', 'Utrecht'], ['ADDRESS', 'Drottninggatan 5'],
    ]);
    // A passport's or a licence's number after a comma; a passport of letters and digits.
    expect(found('Dutch passport NXR4L81P2, central chest pain; his passport, AK418827. His Ontario licence, S4418-20779-60312, was there; passport photos.')).toEqual([
      ['LICENSE', 'NXR4L81P2'], ['LICENSE', 'AK418827'], ['LICENSE', 'S4418-20779-60312'],
    ]);
  });

  it('reads an account\'s last four digits; leaves a record\'s book and page, a model number shaped like a postcode', () => {
    expect(found('wire to account ending 4471; acct ending in 2207.')).toEqual([['ACCOUNT', '4471'], ['ACCOUNT', '2207']]);
    expect(found('recorded in Docket 11804, page 402; dialyzer Optiflux F180NR')).toEqual([]);
    expect(found('account 44182207; Docket 18227; E1 2LP')).toEqual([['ACCOUNT', '44182207'], ['CASE_NUMBER', '18227'], ['ZIP', 'E1 2LP']]);
  });

  it('finds Indian registration marks and PANs by their shape', () => {
    expect(found('seized tractor MH-20-BQ-4471 and car KA 05 MX 2231; PAN ABKPS4417K.')).toEqual([
      ['VEHICLE', 'MH-20-BQ-4471'], ['VEHICLE', 'KA 05 MX 2231'], ['SSN', 'ABKPS4417K'],
    ]);
    // Mixed separators, a year after a state's code, a standard's number, a product code whose fourth letter says no holder.
    expect(found('MH-20 BQ-4471; FY 2024; MH 2024; ISO 9001; ABKXS4417K.')).toEqual([]);
  });

  it('finds emails, URLs and IP addresses', () => {
    expect(found('Write to jane.roe+intake@mail.example.org today.')).toEqual([['EMAIL', 'jane.roe+intake@mail.example.org']]);
    expect(found('See https://portal.example-health.org/patient/12345.')).toEqual([['URL', 'https://portal.example-health.org/patient/12345']]);
    expect(found('Portal: mychart.stmary-clinic.org/records (login)')).toEqual([['URL', 'mychart.stmary-clinic.org/records']]);
    expect(found('From 10.0.12.7 and 2001:db8:85a3::8a2e:370:7334 only.')).toEqual([
      ['IP', '10.0.12.7'],
      ['IP', '2001:db8:85a3::8a2e:370:7334'],
    ]);
    // A host under a country's second-level domain; an address written to escape harvesters.
    expect(found('see clinicportal.co.uk/patients/4471 and health.gov.au.')).toEqual([['URL', 'clinicportal.co.uk/patients/4471'], ['URL', 'health.gov.au']]);
    expect(found('email doe [at] example [dot] com, jane(at)example.org, nick(dot)roe(at)mail(dot)com; <erikd AT mega-nerd DOT com>, <solar at openwall.com>').map(([, v]) => v)).toEqual([
      'doe [at] example [dot] com', 'jane(at)example.org', 'nick(dot)roe(at)mail(dot)com', 'erikd AT mega-nerd DOT com', 'solar at openwall.com',
    ]);
    // Not a plain "at" outside angle brackets, nor "(at)" in a sentence.
    expect(found('he arrived at home.Then left; see (at) the end. Done; e.g. com.au')).toEqual([]);
  });

  it('finds phones in many formats and tells fax from phone', () => {
    for (const p of ['(617) 555-0134', '617.555.0134', '+1 617 555 0134', '617-555-0134', '1-617-555-0134', '(617)555-0134 x204']) {
      expect(found(`Call ${p} now.`), p).toEqual([['PHONE', p]]);
    }
    expect(found('Fax: (617) 555-0199')).toEqual([['FAX', '(617) 555-0199']]);
    expect(found('Phone: 6175550134')).toEqual([['PHONE', '6175550134']]);
    // International forms with the trunk's "(0)" or a long last group.
    for (const p of ['+44 (0)20 7946 0958', '+33 (0)1 42 68 53 00', '+44 (0) 7700 900123', '+977-1-4412345']) {
      expect(found(`Call ${p} now.`), p).toEqual([['PHONE', p]]);
    }
    expect(found('a ratio of +2 (0)1 2 and a change of +12.5 -3.2')).toEqual([]);
  });

  it('finds numbers in other countries\' formats after a word saying they are phones', () => {
    const cases: [string, string][] = [
      ['Telefon 030 1234567', '030 1234567'], ['Tel.: +49 30 1234567', '+49 30 1234567'], ['Mobil: 0171 234 5678', '0171 234 5678'],
      ['phone 020 7946 0958', '020 7946 0958'], ['Telefon: (030) 12345678', '(030) 12345678'], ['Tél. 01 42 68 53 00', '01 42 68 53 00'],
      ['phone: 555-123-4567', '555-123-4567'], // not a valid NANP number, but said to be a phone
      ['Fone: (11) 98765-4321', '(11) 98765-4321'], ['Celular: (21) 99876-5432', '(21) 99876-5432'], ['WhatsApp 0712 345678', '0712 345678'],
      ['móvil 612 345 678', '612 345 678'],
    ];
    for (const [text, phone] of cases) expect(found(text), text).toEqual([['PHONE', phone]]);
    expect(found('Fax: 030/123456-78')).toEqual([['FAX', '030/123456-78']]);
    expect(found('parcel 12345678')).toEqual([]); // "cel" inside a word
    expect(found('Callback 555-0123. Contacted on 07700 900461; mob 0412 555 019.')).toEqual([['PHONE', '555-0123'], ['PHONE', '07700 900461'], ['PHONE', '0412 555 019']]);
    // A national number with its trunk "0", in groups, without a phone word; "+91 98220 41176".
    expect(found('Alt 083 555 0126, son 0491 570 118, home 02 9555 0124, her 06 12 34 56 78; SIM +91 98220 41176.')).toEqual([
      ['PHONE', '083 555 0126'], ['PHONE', '0491 570 118'], ['PHONE', '02 9555 0124'], ['PHONE', '06 12 34 56 78'], ['PHONE', '+91 98220 41176'],
    ]);
    expect(found('Dose 0.5 mg; 01 02 2024; ref 0000 1234; 05 10 15 20 mg; code 012 3456; scores 0 12 14 16 18.')).toEqual([]);
    // Without such a word, or too short, it is not one.
    expect(found('his nephew Seán Óg (087 555 1394) and GP Dr. Byrne (095) 552 1847.')).toEqual([
      ['NAME', 'Seán Óg'], ['PHONE', '087 555 1394'], ['NAME', 'Byrne'], ['PHONE', '(095) 552 1847'],
    ]);
    expect(found('daughter Eleni Stavrou (0491 570 159, eleni@example.com)')).toEqual([
      ['NAME', 'Eleni Stavrou'], ['PHONE', '0491 570 159'], ['EMAIL', 'eleni@example.com'],
    ]);
    expect(found('Invoice 030 1234567 was paid.')).toEqual([]);
    expect(found('Invoice (030 1234567) and (012 34 56) were paid.')).toEqual([]);
    expect(found('Call 911 now. Tel. 12.')).toEqual([]);
  });

  it('reads ids under more labels: specimens, requisitions, provincial and Medi-Cal plans, registrations, plates, lots', () => {
    const cases: [string, string, string][] = [
      ['Specimen ID: WX847720113', 'MRN', 'WX847720113'], ['Requisition: 7730012', 'MRN', '7730012'], ['UR No: 0782231', 'MRN', '0782231'],
      ['OHIP: 4532-281-947-KT', 'HEALTH_PLAN', '4532-281-947-KT'], ['Medi-Cal CIN 91234567A', 'HEALTH_PLAN', '91234567A'],
      ['GMC 7012345', 'LICENSE', '7012345'], ['CLIA 11D0255931', 'LICENSE', '11D0255931'], ['WA DL BRANNTJ123PQ', 'LICENSE', 'BRANNTJ123PQ'],
      ['WA plate BXR4471', 'VEHICLE', 'BXR4471'], ['LOT 1092841', 'DEVICE', '1092841'], ['Case: S23-14421', 'CASE_NUMBER', 'S23-14421'],
    ];
    for (const [text, type, value] of cases) expect(found(text), text).toEqual([[type, value]]);
    expect(found('In case 2 of 3, the license agreement applies.')).toEqual([]);
    expect(found("Tenant 1 driver's license: IL P620-4418-9021.")).toEqual([['LICENSE', 'IL P620-4418-9021']]);
    expect(found('Social Security number: XXX-XX-4471. Died at the age of 93.')).toEqual([['SSN', 'XXX-XX-4471'], ['AGE_OVER_89', '93']]);
  });

  it('finds UK postcodes and Canadian postal codes', () => {
    expect(found('Flat 3, Leeds LS6 3BQ; London SW1A 1AA; Toronto, ON M5T 3A9')).toEqual(
      expect.arrayContaining([['ZIP', 'LS6 3BQ'], ['ZIP', 'SW1A 1AA'], ['ZIP', 'M5T 3A9']]),
    );
    expect(found('HbA1c 7.2%, B12 level 350, stage T2 N1 M0, H1N1.')).toEqual([]);
  });

  it('finds addresses in more forms: a floor, a unit before the number, Broadway, German streets, Australian postcodes', () => {
    expect(found('Clinic at 1653 W. Congress Pkwy, 5th Floor; offices at 1633 Broadway, 46th Floor; 2550 Mariposa Mall, Suite 3010.')).toEqual([
      ['ADDRESS', '1653 W. Congress Pkwy, 5th Floor'], ['ADDRESS', '1633 Broadway, 46th Floor'], ['ADDRESS', '2550 Mariposa Mall, Suite 3010'],
    ]);
    expect(found('Flat 3, 27 Otley Road and Unit 6/42 Beach Road, Coogee NSW 2034.')).toEqual(
      expect.arrayContaining([['ADDRESS', 'Flat 3, 27 Otley Road'], ['ADDRESS', 'Unit 6/42 Beach Road'], ['ZIP', '2034']]),
    );
    expect(found('wohnhaft Lindenstraße 47, 80331 München; Büro Pastor-Loeh-Str. 48.')).toEqual([
      ['ADDRESS', 'Lindenstraße 47'], ['ZIP', '80331'], ['GEO', 'München'], ['ADDRESS', 'Pastor-Loeh-Str. 48'],
    ]);
    expect(found('The Spring 2021 term; Boring 5 times; at 8 P.M. Close up the shop; Strasse 5; WA 2000-2010.')).toEqual([]);
  });

  it('finds a town, a state\'s code and a ZIP code without a comma when the ZIP code is one the state uses', () => {
    expect(found('lives at 2710 Hunter Ave., Sylvania OH 43560; Ann Arbor MI 48104-1234.')).toEqual([
      ['ADDRESS', '2710 Hunter Ave.'], ['GEO', 'Sylvania'], ['ZIP', '43560'], ['GEO', 'Ann Arbor'], ['ZIP', '48104-1234'],
    ]);
    // A scan's number after "CT", an operating room's after "OR": no ZIP code of those states.
    expect(found('Compared with prior CT 20394 and OR 12345 log.')).toEqual([]);
  });

  it('reads a German street with an adjective before its word, or its word alone after one', () => {
    expect(found('Mörfelder Landstraße 212, 60598 Frankfurt · Berliner Straße 12 · Alte Gasse 3')).toEqual([
      ['ADDRESS', 'Mörfelder Landstraße 212'], ['ZIP', '60598'], ['GEO', 'Frankfurt'], ['ADDRESS', 'Berliner Straße 12'], ['ADDRESS', 'Alte Gasse 3'],
    ]);
  });

  it('reads other countries\' postcodes beside a town the gazetteer holds, after a label, and after a Kenyan PO box', () => {
    expect(found('Karl-Liebknecht-Straße 112 · 04275 Leipzig\nAvinguda del Port 311, 46024 València · 24 h')).toEqual([
      ['ADDRESS', 'Karl-Liebknecht-Straße 112'], ['ZIP', '04275'], ['GEO', 'Leipzig'], ['ADDRESS', 'Avinguda del Port 311'], ['ZIP', '46024'], ['GEO', 'València'],
    ]);
    expect(found('Flat 3B, Hindusthan Road, Kolkata 700029\nLazimpat Marg, Kathmandu 44600 · reception\nPathanamthitta dist., Kerala 689582\n')).toEqual([
      ['GEO', 'Kolkata'], ['ZIP', '700029'], ['GEO', 'Kathmandu'], ['ZIP', '44600'], ['ZIP', '689582'],
    ]);
    expect(found('CEP 01310-200 – São Paulo/SP. P.O. Box 4417-00100, Nairobi')).toEqual([
      ['ZIP', '01310-200'], ['GEO', 'São Paulo'], ['ADDRESS', 'P.O. Box 4417'], ['ZIP', '00100'], ['GEO', 'Nairobi'],
    ]);
    // A US city's ZIP code without the state, after a comma on a form, or before the form's next field.
    expect(found('City and ZIP where you live: Fresno, 93727      Years here: 4\nSan Jose 95110   Vehicle towed')).toEqual([
      ['GEO', 'Fresno'], ['ZIP', '93727'], ['GEO', 'San Jose'], ['ZIP', '95110'],
    ]);
    // A year, a street's number and a count are no postcodes.
    expect(found('The 2019 Leipzig fair.\n4418 Camino del Sol\nSome 50000 people in Boston 50000 times.').filter(([t]) => t === 'ZIP')).toEqual([]);
  });

  it('reads an Indian PIN code after the town and a dash, and the house before it', () => {
    expect(found('Address: H.No. 8-3-229/12, Yousufguda Basti, Hyderabad – 500045\nPlot No. 14, Road No. 3, Banjara Hills, Hyderabad - 500 034, Telangana')).toEqual([
      ['ADDRESS', 'H.No. 8-3-229/12, Yousufguda Basti'], ['GEO', 'Hyderabad'], ['ZIP', '500045'],
      ['ADDRESS', 'Plot No. 14, Road No. 3, Banjara Hills'], ['GEO', 'Hyderabad'], ['ZIP', '500 034'],
    ]);
    expect(found('Pages 12 - 123456 of the record; dose 1 – 900034.')).toEqual([]);
  });

  it('reads more labels (Medicaid and Medicare before a number, microchips, court reporters, Ghana Card, A-Number, receipts) and the values listed after one', () => {
    expect(found('Payer: Medicaid 308814762T. Microchip: 985141004417203. Lorraine Gay, CCR No. 5118, reporter.')).toEqual([
      ['HEALTH_PLAN', '308814762T'], ['DEVICE', '985141004417203'], ['NAME', 'Lorraine Gay'], ['LICENSE', '5118'],
    ]);
    expect(found('Ghana Card: GHA-718822041-3. A-Number: A 219-441-807  Receipt No.: IOE0927718402 (I-131); IOE0927718401 (I-485)')).toEqual([
      ['SSN', 'GHA-718822041-3'], ['CASE_NUMBER', 'A 219-441-807'], ['CASE_NUMBER', 'IOE0927718402'], ['CASE_NUMBER', 'IOE0927718401'],
    ]);
    expect(found('Claim nos.: 24-0318-774102, 24-0402-775918. A Georgia license, number 058 771 204, and MRN 1234567, and 2 more.')).toEqual([
      ['ACCOUNT', '24-0318-774102'], ['ACCOUNT', '24-0402-775918'], ['LICENSE', '058 771 204'], ['MRN', '1234567'],
    ]);
    expect(found('a 45-year-old; Case, 2019; Medicaid 2020 rules')).toEqual([]);
    expect(found('her medicare card: 7AC4-WN2-RT55. 1EG4TE5MK73 too; not 1SG4TE5MK73 or 2B4A.')).toEqual([['HEALTH_PLAN', '7AC4-WN2-RT55'], ['HEALTH_PLAN', '1EG4TE5MK73']]);
    expect(found('his Washington driver license (WDL7Z8QH41MB); an I-140 (receipt LIN2290418816)')).toEqual([['LICENSE', 'WDL7Z8QH41MB'], ['CASE_NUMBER', 'LIN2290418816']]);
  });

  it('reads streets named after their word for street (Welsh, French, Portuguese, Spanish, Italian), British plates and police numbers', () => {
    expect(found('27 Heol Hir, 6 Ffordd y Bryn, 55 rue Montcalm; Rua Augusta 1500; Via Roma 12.')).toEqual([
      ['ADDRESS', '27 Heol Hir'], ['ADDRESS', '6 Ffordd y Bryn'], ['ADDRESS', '55 rue Montcalm'], ['ADDRESS', 'Rua Augusta 1500'], ['ADDRESS', 'Via Roma 12'],
    ]);
    expect(found('4418 Camino del Sol; 900 Calle de los Amigos.')).toEqual([['ADDRESS', '4418 Camino del Sol'], ['ADDRESS', '900 Calle de los Amigos']]);
    expect(found('Level 3, 55 Victoria Parade, Fitzroy VIC 3065')).toEqual([['ADDRESS', 'Level 3, 55 Victoria Parade'], ['GEO', 'Fitzroy'], ['ZIP', '3065']]);
    // A label before an address line with a flat's number; Japanese postcodes.
    expect(found('Address: Flat 37, Surma House, Hessel Street, Whitechapel, London E1 2LP').map(([t]) => t)).toEqual(['ADDRESS', 'ADDRESS', 'ADDRESS', 'GEO', 'GEO', 'ZIP']);
    expect(found('〒530-0041 大阪府; Osaka 530-0041, Japan; call 555-0123, Japan desk').filter(([t]) => t === 'ZIP')).toEqual([['ZIP', '530-0041'], ['ZIP', '530-0041']]);
    expect(found('Kuga reg CY19 KXL; occurrence 2400158831; hosp. no. A2291047; Criminal Action No. 24-CR-3318-7.')).toEqual([
      ['VEHICLE', 'CY19 KXL'], ['CASE_NUMBER', '2400158831'], ['MRN', 'A2291047'], ['CASE_NUMBER', '24-CR-3318-7'],
    ]);
    expect(found('see 12 rue de la paix; Vitamin D 5 mg; per Via 2; the AB12 CDE code; occurrence 12 times.')).toEqual([]);
    expect(found('a gray Dodge Charger, Georgia tag CUX 4471, on Candler Road. Rabies tag: 2024-4471.')).toEqual([['VEHICLE', 'CUX 4471'], ['ADDRESS', 'Candler Road']]);
    // A street named without its number after a preposition.
    expect(found('She lives off Vinsetta Blvd. near Glenwood Road. The Yellow Brick Road.')).toEqual([['ADDRESS', 'Vinsetta Blvd.'], ['ADDRESS', 'Glenwood Road']]);
    // Or named as a road's feature after "the".
    expect(found('near the Shady Grove Road exit; the railing of the Story Road overpass; The Golden Gate Bridge.')).toEqual([['ADDRESS', 'Shady Grove Road'], ['ADDRESS', 'Story Road']]);
  });

  it('reads the labels of encounters, Australian Medicare cards and nursing and medical councils, and values far after a label', () => {
    expect(found('Medicare 2183 74654 1. SANC 14023987. HPCSA MP 0678123. Encounter: E24-1187334\nClaim no.:       WC-24-0871163')).toEqual([
      ['HEALTH_PLAN', '2183 74654'], ['LICENSE', '14023987'], ['LICENSE', 'MP 0678123'], ['ACCOUNT', 'E24-1187334'], ['ACCOUNT', 'WC-24-0871163'],
    ]);
  });

  it('reads a French form: labels with a space before the colon, RAMQ and file numbers, a town before its province', () => {
    expect(found('Patiente : Gagnon, Marie-Ève   RAMQ : GAGM 9257 1412   Dossier : 0458812\nAdresse : 245, rue Saint-Germain Est, Rimouski (Québec) G5L 1B4.')).toEqual([
      ['NAME', 'Gagnon, Marie-Ève'], ['HEALTH_PLAN', 'GAGM 9257 1412'], ['MRN', '0458812'], ['ADDRESS', '245, rue Saint-Germain Est'], ['GEO', 'Rimouski'], ['ZIP', 'G5L 1B4'],
    ]);
  });

  it('reads a Singapore form: NRIC and HRN, the postcode after the country, a handphone, Madam and her age', () => {
    expect(found('NRIC: S8512345D   HRN: 2024-0088123\nBlk 412 Hougang Avenue 8, Singapore 530412   HP: 9123 4567\nMother-in-law, Mdm Chua Ah Lian, 92, lives with them.')).toEqual([
      ['SSN', 'S8512345D'], ['MRN', '2024-0088123'], ['ADDRESS', 'Blk 412 Hougang Avenue 8'], ['ZIP', '530412'], ['PHONE', '9123 4567'], ['NAME', 'Chua Ah Lian'], ['AGE_OVER_89', '92'],
    ]);
  });

  it('reads an id announced by a label no list holds and "no.", "number", "#" or "ID", typed by the label', () => {
    expect(found('Folder no.: UMD-0031847   TIER.Net no.: 5512-0093-0871\nResident no. BG-0417. Police case no. (Pueblo PD): 25-011873')).toEqual([
      ['MRN', 'UMD-0031847'], ['MRN', '5512-0093-0871'], ['MRN', 'BG-0417'], ['CASE_NUMBER', '25-011873'],
    ]);
    expect(found('CRIMINAL APPLICATION NO. 2318 OF 2024. FIR No. 0147 of 2024. Estate No. 2023-ES-001872. Claim no. CL-7781-22.')).toEqual([
      ['CASE_NUMBER', '2318 OF 2024'], ['CASE_NUMBER', '0147 of 2024'], ['CASE_NUMBER', '2023-ES-001872'], ['ACCOUNT', 'CL-7781-22'],
    ]);
    // Not a room, a form, a code system's number, a page, an item, a short number or a date.
    expect(found('Room no. 23, Form No. 1040, NDC No. 0002-7510-01, page no. 12345, Item #4471-22, Visit no. 3, Bed no. 12, Order no. 44718.')).toEqual([]);
  });

  it('reads an age over 89 said by a word, by its decade of a person, or after the sex a note opens with', () => {
    const ages = (text: string) => found(text).filter(([t]) => t === 'AGE_OVER_89').map(([, v]) => v);
    expect(ages('a nonagenarian with falls; a centenarian resident; two supercentenarians.')).toEqual(['nonagenarian', 'centenarian', 'supercentenarians']);
    // After a grandparent's word of other languages, a relative who "is" it "now", a form's "Age at death:".
    expect(ages('Lola, 94, fell at home. Nana, 96, visits. bubbe is 93 now. Grandma is 91 this year. Age at death: 97.')).toEqual(['94', '96', '93', '91', '97']);
    expect(ages('she is 93 mmHg; Age at onset: 45.')).toEqual([]);
    expect(ages('in her late nineties; in his 90s now; in her mid-90s; F, 96, from home; Male, 91, fall.')).toEqual(['late nineties', '90s', 'mid-90s', '96', '91']);
    // Not a decade of the calendar, nor a sex and a count.
    expect(ages('the 90s music; in the nineties; Nineties; M, 90% of cases; a percentenarian.')).toEqual([]);
  });

  it("reads a payment's transaction id and reference as an account's number, not a letter's own reference", () => {
    expect(found('Paid by M-Pesa, transaction ID QK4XT7PLM2. UPI Ref No. 412345678901; Transaction Reference No. 88123456.')).toEqual([
      ['ACCOUNT', 'QK4XT7PLM2'], ['ACCOUNT', '412345678901'], ['ACCOUNT', '88123456'],
    ]);
    expect(found('Payment ref no.: 4471-2290-18 received.')).toEqual([['ACCOUNT', '4471-2290-18']]);
    expect(found('Our ref no. 4471234. Ref No. 12345678. Order ref no. 55123.')).toEqual([]);
    // A UPI payment address, its bank's or app's handle after the "@" (digits in it or not); an e-mail address stays one.
    expect(found('by UPI to rkverma.cbi77@okaxis and ravi.kumar@okaxis; pay 9876543210@ybl; mail ravi@okaxis.com')).toEqual([
      ['ACCOUNT', 'rkverma.cbi77@okaxis'], ['ACCOUNT', 'ravi.kumar@okaxis'], ['ACCOUNT', '9876543210@ybl'], ['EMAIL', 'ravi@okaxis.com'],
    ]);
  });

  it('reads the number marks of other languages: "Nr.", "nº", "n.º", "Núm.", "numéro" before or after the label, and "-nummer" compounds', () => {
    expect(found('Patienten-Nr. 0047123981; Fallnummer: 2024-0815-33; Versichertennummer A123456789; BSN-nummer 123456782.')).toEqual([
      ['MRN', '0047123981'], ['MRN', '2024-0815-33'], ['HEALTH_PLAN', 'A123456789'], ['SSN', '123456782'],
    ]);
    expect(found('N.º de historia: 00789123. Núm. historia clínica HC-2024-1187. Numéro de dossier : 2023-000451. Colegiado nº 28/2845671.')).toEqual([
      ['MRN', '00789123'], ['MRN', 'HC-2024-1187'], ['MRN', '2023-000451'], ['LICENSE', '28/2845671'],
    ]);
    // Not a telephone's, a room's or a parcel's number, in any of them.
    expect(found('Telefonnummer 0301234567, Zimmer-Nr. 41234, Paketnummer 00340434161234567890, n.º de habitación 41234, numéro de chambre 41234.')).toEqual([]);
  });

  it("reads a register's number after its body's 'reg.', an Irish nurse's PIN, and types chambers', councils', notaries' and driving licences' numbers as licences", () => {
    expect(found('Nursing Council of Jamaica reg. 12345; NMBI PIN 123456; Führerscheinnummer B072RRE2I55; Kammer-Nr. 12345.')).toEqual([
      ['LICENSE', '12345'], ['LICENSE', '123456'], ['LICENSE', 'B072RRE2I55'], ['LICENSE', '12345'],
    ]);
    expect(found('Medical Council of Ireland No. 412345; Notary ID 12345678.')).toEqual([['LICENSE', '412345'], ['LICENSE', '12345678']]);
    // A British pharmacist's register; Brazil's councils of medicine, nursing, dentistry, pharmacy and the bar, with the state.
    expect(found('GPhC No. 2087654; CRM-SP 123456; CRM/SP nº 654321; COREN-RJ 112233; OAB/SP 123.456.')).toEqual([
      ['LICENSE', '2087654'], ['LICENSE', '123456'], ['LICENSE', '654321'], ['LICENSE', '112233'], ['LICENSE', '123.456'],
    ]);
    // "reg" alone stays no mark: a regulation, a regular dose.
    expect(found('Ont. Reg. 258/98 applies; the council met; reg. 12345 doses; Board reg 2024.')).toEqual([]);
  });

  it('reads identity and registration numbers by their shape, and the labels of more registers', () => {
    expect(found('NI number AB 12 34 56 C; codice fiscale RSSMRA85T10A562S; AHPRA registration MED0001827364.')).toEqual([
      ['SSN', 'AB 12 34 56 C'], ['SSN', 'RSSMRA85T10A562S'], ['LICENSE', 'MED0001827364'],
    ]);
    expect(found('CDL K92834571. HCPC reg PH104562. NMC PIN 09I1234E. Pharmacy permit PHY-77821. ID card no. T22000129. Maltese ID card 0123456M.')).toEqual([
      ['LICENSE', 'K92834571'], ['LICENSE', 'PH104562'], ['LICENSE', '09I1234E'], ['LICENSE', 'PHY-77821'], ['SSN', 'T22000129'], ['SSN', '0123456M'],
    ]);
    expect(found('State Bar of California No. 284716. Hosp No 00456789. Case note no. CN/2021/0045. Tax File Number 123 456 782.')).toEqual([
      ['LICENSE', '284716'], ['MRN', '00456789'], ['MRN', 'CN/2021/0045'], ['SSN', '123 456 782'],
    ]);
    // Not a prefix no National Insurance number has, nor a longer code.
    expect(found('GB 12 34 56 A, ZZ123456A, MED00018273641, a permit to park, the registration desk.')).toEqual([]);
  });

  it('reads ages in the years of other languages and a birthday\'s ordinal; health cards and plans by more labels', () => {
    expect(found('Edad: 93 años. Eine 91-jährige Patientin. Elle a 98 ans. Hun er 92 år. Her 100th birthday; his 45th birthday.')).toEqual([
      ['AGE_OVER_89', '93'], ['AGE_OVER_89', '91'], ['AGE_OVER_89', '98'], ['AGE_OVER_89', '92'], ['AGE_OVER_89', '100'],
    ]);
    expect(found('NHIF card 1234567; NHIS number 0123456789; subscriber W123456789; Tarjeta sanitaria BBBB123456789012.')).toEqual([
      ['HEALTH_PLAN', '1234567'], ['HEALTH_PLAN', '0123456789'], ['HEALTH_PLAN', 'W123456789'], ['HEALTH_PLAN', 'BBBB123456789012'],
    ]);
    // India's insurance and health accounts: ESIC, Ayushman Bharat, ABHA.
    expect(found('ESIC IP number 1234567890; Ayushman Bharat card AB12345678901; ABHA No. 12-3456-7890-1234.')).toEqual([
      ['HEALTH_PLAN', '1234567890'], ['HEALTH_PLAN', 'AB12345678901'], ['HEALTH_PLAN', '12-3456-7890-1234'],
    ]);
    // A sentence's end closes a labelled value: the next one is read on its own.
    expect(found('Medicaid card: 123456789012. 1EG4TE5MK73 too')).toEqual([['HEALTH_PLAN', '123456789012'], ['HEALTH_PLAN', '1EG4TE5MK73']]);
    // Not a count of years ago, a room, a member of a list.
    expect(found('Seit 95 Jahren; 120 years ago; a member 1234567 of the band')).toEqual([]);
  });

  it('reads Scandinavian and Finnish street words after the name, and Maltese, Romanian, Catalan and Polish ones before it', () => {
    expect(found('Gaustadalléen 21; Vesterbrogade 3; Stortorget 1; Aleksanterinkatu 15; Strada Lipscani 5; Passeig de Gràcia 43.').filter(([t]) => t === 'ADDRESS')).toEqual([
      ['ADDRESS', 'Gaustadalléen 21'], ['ADDRESS', 'Vesterbrogade 3'], ['ADDRESS', 'Stortorget 1'], ['ADDRESS', 'Aleksanterinkatu 15'],
      ['ADDRESS', 'Strada Lipscani 5'], ['ADDRESS', 'Passeig de Gràcia 43'],
    ]);
    // Not a word that ends as one of them: a menu, a taxi.
    expect(found('Menu 3, Taxi 5, Mocha 2').filter(([t]) => t === 'ADDRESS')).toEqual([]);
  });

  it('reads the postcode and the town after a street\'s address, in the forms of Italy, Portugal, Brazil and France', () => {
    expect(found('Via Roma 10, 20121 Milano. Rua das Flores 12, 4050-262 Porto. Avenida Paulista 1578, 01310-100 São Paulo.').filter(([t]) => t !== 'ADDRESS')).toEqual([
      ['ZIP', '20121'], ['GEO', 'Milano'], ['ZIP', '4050-262'], ['GEO', 'Porto'], ['ZIP', '01310-100'], ['GEO', 'São Paulo'],
    ]);
    expect(found('at 3 rue Michel-Ange, 75794 Paris cedex 16').filter(([t]) => t !== 'ADDRESS')).toEqual([['ZIP', '75794'], ['GEO', 'Paris']]);
    // Not a year and a word in lower case, nor after anything but a street.
    expect(found('Via Roma 10, 2019 renovations; page 10, 20121 Milano').filter(([t]) => t === 'ZIP' || t === 'GEO')).toEqual([]);
  });

  it('reads a town before its country after a comma, and a district, a municipality, a parish or a county by its name', () => {
    const places = (text: string) => found(text).filter(([t]) => t === 'GEO').map(([, v]) => v);
    expect(places('She lives in Marsaskala, Malta. He came from Ikeja, Nigeria, in May. Vostok, Antarctica.')).toEqual(['Marsaskala', 'Ikeja', 'Vostok']);
    // A district before its city after a place's preposition; not a list of names, a city's first word, a given name.
    expect(places('Raised in Kilimani, Nairobi. Staying in Baneshwor, Kathmandu.')).toEqual(['Kilimani', 'Nairobi', 'Baneshwor', 'Kathmandu']);
    expect(places('Smith, Boston and Jones; in Makati, Metro Manila; armies of Hooker, Thomas, and Sherman.')).toEqual([]);
    expect(places('in Bhaktapur district; Kirtipur Municipality; Kisumu County; Edison Township; grew up in County Kerry; lying in Santa Clara County')).toEqual([
      'Bhaktapur district', 'Kirtipur Municipality', 'Kisumu County', 'Edison Township', 'County Kerry', 'Santa Clara County',
    ]);
    expect(places('Dayton, Ohio, USA; Wasilla, Alaska, U.S.A.').filter((p) => p === 'Ohio' || p === 'Alaska')).toEqual([]);
    // Not a province, a university's or a firm's seat, an abbreviation, a firm, the words of an ordinary district.
    expect(places('the province of Quebec, Canada; University of Cambridge, England; SuSE Linux AG, Germany; 1090 GB, Netherlands')).toEqual([]);
    expect(places('the Northern District of Texas; a School District; Huawei Technologies Co. Ltd.; the Scottish district of Galloway')).toEqual([]);
    // A form's fields of South Asian units and a police station; a place the gazetteer holds after an address's label.
    expect(places('Tehsil: Sadar, Police station: Kotwali, Native place: Tirur.\nPermanent address: Pokhara, Kaski district.')).toEqual([
      'Sadar', 'Kotwali', 'Tirur', 'Pokhara', 'Kaski district',
    ]);
    expect(places('Address: Rose Cottage, Ardbear. Residence: Nursing Home.')).toEqual([]);
  });

  it('reads IBANs by their shape and check digits, a card\'s last four digits after a mask or a brand, sort codes, and references', () => {
    expect(found('IBAN IE29 AIBK 9311 5212 3456 78; paid from DE89370400440532013000. Not DE89370400440532013001.')).toEqual([
      ['ACCOUNT', 'IE29 AIBK 9311 5212 3456 78'], ['ACCOUNT', 'DE89370400440532013000'],
    ]);
    expect(found('card ****1234; xxxx-xxxx-xxxx-4417; Visa ending in 0412; Sort code 12-34-56; BSB 062-000.')).toEqual([
      ['ACCOUNT', '1234'], ['ACCOUNT', '4417'], ['ACCOUNT', '0412'], ['ACCOUNT', '12-34-56'], ['ACCOUNT', '062-000'],
    ]);
    expect(found('Tribunal ref ET/2301234/2024. Coroner\'s ref COR/24/0567. Crime number 42/123456/24.')).toEqual([
      ['CASE_NUMBER', 'ET/2301234/2024'], ['CASE_NUMBER', 'COR/24/0567'], ['CASE_NUMBER', '42/123456/24'],
    ]);
    // Not a letter's own file reference (the hand-written sets count it as no identifier), a guideline's, an x-ray.
    expect(found('Our ref: JS/2024/118; Tribunal ref NICE NG28; an x-ray; xxxxxxx')).toEqual([]);
    expect(found('Federal Way Municipal Court No. FWM-4Z0318')).toEqual([['CASE_NUMBER', 'FWM-4Z0318']]);
  });

  it('reads a register\'s entry after "registration", "enrolment" or "folio", and more record labels (CHI, URN, a specimen\'s shape)', () => {
    expect(found('SLMC registration 12345. Advocate, enrolment MAH/1234/2015. MDCN folio MDCN/R/12345. OPD registration 123456/81.')).toEqual([
      ['LICENSE', '12345'], ['LICENSE', 'MAH/1234/2015'], ['LICENSE', 'MDCN/R/12345'], ['MRN', '123456/81'],
    ]);
    expect(found('CHI 0101011234; URN 1234567; Specimen S24-009912.')).toEqual([
      ['MRN', '0101011234'], ['MRN', '1234567'], ['MRN', 'S24-009912'],
    ]);
    // Not a regulation's number, a year after "registration", a word in lower case.
    expect(found('Ont. Reg. 258/98; registration 2019; the urn 1234567; chi 0101011234')).toEqual([]);
  });

  it('reads four-digit postcodes after their town where they cannot be years', () => {
    const zips = (text: string) => found(text).filter(([t]) => t === 'ZIP').map(([, v]) => v);
    expect(zips('Auckland 1010. Pretoria 0002; Quezon City 1100. Wellington 6011')).toEqual(['1010', '0002', '1100', '6011']);
    // Not a year after a town; a state's code and its postcode are read together as before.
    expect(zips('Auckland 2019. Boston 1775. Wellington 1999;')).toEqual([]);
    expect(zips('Fitzroy VIC 3065')).toEqual(['3065']);
  });

  it('reads ages over 89 in asides and after a form\'s labels, and after years with a sex or months', () => {
    const ages = (text: string) => found(text).filter(([t]) => t === 'AGE_OVER_89').map(([, v]) => v);
    expect(ages('Mrs Okafor (93) lives alone; her father (now 96); (M, 95); Age (years): 92\nAge/Sex: 94/F\nage 95y')).toEqual(['93', '96', '95', '92', '94', '95']);
    expect(ages('93 yrs, female; 101 years young; 92 years and 4 months')).toEqual(['93', '101', '92']);
    // Not an area code, a count in parentheses, an age under 90.
    expect(ages('Dr. Byrne (095) 552 1847; the ward (93) beds; Mrs Okafor (63)')).toEqual([]);
  });

  it('reads a value right after a label ending in "#", a court\'s number with its year, more references and health plans', () => {
    expect(found('Policy #PL-55821-X; Civil Appeal No. 45 of 2022; ELC Case No. E123 of 2024; Complaint ref C/24/00871; Garda PULSE ref 12345678.')).toEqual([
      ['HEALTH_PLAN', 'PL-55821-X'], ['CASE_NUMBER', '45 of 2022'], ['CASE_NUMBER', 'E123 of 2024'], ['CASE_NUMBER', 'C/24/00871'], ['CASE_NUMBER', '12345678'],
    ]);
    expect(found('PhilHealth 12-345678901-2; BPJS 0001234567890; IHI 8003 6012 3456 7890')).toEqual([['HEALTH_PLAN', '12-345678901-2'], ['HEALTH_PLAN', '0001234567890'], ['HEALTH_PLAN', '8003 6012 3456 7890']]);
    // Brazil's national health card (15 digits after "SUS" or "CNS"; not the nervous system), a chart's number after "Chart:".
    expect(found('Cartão SUS: 898 0012 3456 7890; CNS 898001234567890; CNS involvement 12; Chart: 0456789; Chart: see note.')).toEqual([
      ['HEALTH_PLAN', '898 0012 3456 7890'], ['HEALTH_PLAN', '898001234567890'], ['MRN', '0456789'],
    ]);
    // Not a count after an appeal's number, nor a short number after a complaint.
    expect(found('Appeal No. 45 of them; complaint ref 12')).toEqual([]);
  });

  it('reads British and Irish residential street types: Rise, Approach, Vale, Lawns, Meadows, Wynd, Brae, Wharf, Paddocks', () => {
    const addresses = (text: string) => found(text).filter(([t]) => t === 'ADDRESS').map(([, v]) => v);
    expect(addresses('14B Oak Rise; 3 Station Approach; 45 The Paddocks; 2 Ashgrove Lawns; 7 Kirk Wynd; end')).toEqual([
      '14B Oak Rise', '3 Station Approach', '45 The Paddocks', '2 Ashgrove Lawns', '7 Kirk Wynd',
    ]);
    // Not a rise in a measure, a year before a person named like a street type, a time.
    expect(addresses('a rise of 5 points; 1996 Jason Downs; at 8 P.M. Close')).toEqual([]);
  });

  it('reads the ids in the columns of a table whose header names them, with pipes or spaces between the cells', () => {
    const table = [
      '| Name            | Role        | Employee ID | Date         |',
      '|-----------------|-------------|-------------|--------------|',
      '| Ada Okafor      | Complainant | E-104471    | Mar 26, 2024 |',
      '',
      'Component                  REF           LOT         SN',
      'Acetabular shell, 54 mm    CAS-AS-5400   24B1187     CAS7730219846',
      'Cancellous screw 6.5 mm    CAS-SC-6525   23K0452     —',
      '',
      'Test          Result    Units',
      'Hemoglobin    12.5      g/dL',
    ].join('\n');
    expect(found(table).filter(([type]) => type !== 'NAME' && type !== 'DATE')).toEqual([
      ['MRN', 'E-104471'], ['DEVICE', '24B1187'], ['DEVICE', 'CAS7730219846'], ['DEVICE', '23K0452'],
    ]);
  });

  it('reads the towns of an address line after its street, up to the postcode or the state', () => {
    expect(found('27 Heol Hir, Llanishen, CF14 5AQ. Lives at 14 Park Road, Pontprennau, Cardiff CF23 8RD.')).toEqual([
      ['ADDRESS', '27 Heol Hir'], ['GEO', 'Llanishen'], ['ZIP', 'CF14 5AQ'], ['ADDRESS', '14 Park Road'], ['GEO', 'Pontprennau'], ['GEO', 'Cardiff'], ['ZIP', 'CF23 8RD'],
    ]);
    expect(found('12 rue Montcalm, Gatineau, QC J8X 2L9; 4 Bondi Rd, Bondi Beach, NSW 2026')).toEqual([
      ['ADDRESS', '12 rue Montcalm'], ['GEO', 'Gatineau'], ['ZIP', 'J8X 2L9'], ['ADDRESS', '4 Bondi Rd'], ['GEO', 'Bondi Beach'], ['ZIP', '2026'],
    ]);
    // The address at the end of a line that holds more: from the last part that is no address's.
    expect(found('ambulance bay, University Hospital of Wales, Heol Tŷ Gwyn, Cardiff CF14 9QX')).toEqual([
      ['ADDRESS', 'Heol Tŷ Gwyn'], ['GEO', 'Cardiff'], ['ZIP', 'CF14 9QX'],
    ]);
    // Not a weekday, a unit, an institution or a state's code.
    expect(found('at 5 Oak St, Monday. At 300 Longwood Ave, Boston Children\'s Hospital, then 9 Elm St, Apt 2, MA.')).toEqual([
      ['ADDRESS', '5 Oak St'], ['ADDRESS', '300 Longwood Ave'], ['ADDRESS', '9 Elm St, Apt 2'],
    ]);
  });

  it('finds the parcels of a deed\'s legal description and of Indian land records, not a vaccine\'s lot', () => {
    const addresses = (text: string) => found(text).filter(([t]) => t === 'ADDRESS').map(([, v]) => v);
    expect(addresses('Lot 22 of Tract No. 11,804, in the City of Santa Barbara; Lot 47, SUNRIDGE ESTATES UNIT TWO, according to Book 512; Lot 9, Block 3')).toEqual([
      'Lot 22 of Tract No. 11,804', 'Lot 47, SUNRIDGE ESTATES UNIT TWO', 'Lot 9, Block 3',
    ]);
    expect(addresses('land bearing Gat No. 214, admeasuring 1 H; Survey No. 45/2; Sy. No. 118')).toEqual(['Gat No. 214', 'Survey No. 45/2', 'Sy. No. 118']);
    expect(addresses('Vaccine Lot 4471 given; Room No. 214; a lot 22 of them')).toEqual([]);
    expect(addresses('of Blk 418 Serangoon Central, #11-207, Singapore 560418; Blk 12A Jalan Bukit Merah')).toEqual(['Blk 418 Serangoon Central, #11-207', 'Blk 12A Jalan Bukit Merah']);
  });

  it('finds the addresses of Hong Kong flats, Bangladeshi houses and Japanese blocks, not numbers of the same shape', () => {
    const addresses = (text: string) => found(text).filter(([t]) => t === 'ADDRESS').map(([, v]) => v);
    expect(addresses('resides at Rm 1203, 12/F, Wing On Plaza; Address: Flat B, 7/F, 23 Nathan Road; then 9/F, Flat 3A.')).toEqual([
      'Rm 1203, 12/F', 'Flat B, 7/F, 23 Nathan Road', '9/F, Flat 3A',
    ]);
    expect(addresses('Lives at House 12, Road 5, Dhanmondi; present address: House No. 45/A, Road No. 11, Banani.')).toEqual([
      'House 12, Road 5', 'House No. 45/A, Road No. 11',
    ]);
    expect(addresses('Plot No. 45, Sector 12, Dwarka; House No. 1234, Ward No. 5; Villa 23, Street 14; Block 5, Lot 12, Phase 2; Door No. 12-3-456, Gandhi Nagar.')).toEqual([
      'Plot No. 45, Sector 12', 'House No. 1234, Ward No. 5', 'Villa 23, Street 14', 'Block 5, Lot 12, Phase 2', 'Door No. 12-3-456, Gandhi Nagar',
    ]);
    expect(addresses('Plot 4 of the study; Block 5 of the trial; House 12 in the series.')).toEqual([]);
    expect(addresses('Deliver to 1-2-3 Shibuya, Shibuya-ku, Tokyo; her flat at 2-14-7 Minami-Aoyama, Minato-ku.')).toEqual([
      '1-2-3 Shibuya, Shibuya-ku', '2-14-7 Minami-Aoyama, Minato-ku',
    ]);
    // A ratio of floors, a house's number without a road, a score and a range of pages are no address.
    expect(addresses('the 12/F ratio; House 12 voted; won 2-1-0 Saturday, Leeds-based; pages 1-2-3 Preface, Introduction.')).toEqual([]);
  });

  it('reads the address around a postcode: the town before it on its line, and a letter\'s address lines above it', () => {
    expect(found('Headingley, Leeds LS6 3BQ\n')).toEqual([['GEO', 'Headingley'], ['GEO', 'Leeds'], ['ZIP', 'LS6 3BQ']]);
    expect(found('son, age 65, RR 2 Box 114, Blue Ridge; R.R. 3, Box 18.').filter(([t]) => t === 'ADDRESS')).toEqual([['ADDRESS', 'RR 2 Box 114'], ['ADDRESS', 'R.R. 3, Box 18']]);
    expect(found('Carrigrohane Road, Cork T12 XK40 · 021 555 0190\n')).toEqual([
      ['ADDRESS', 'Carrigrohane Road'], ['GEO', 'Cork'], ['ZIP', 'T12 XK40'], ['PHONE', '021 555 0190'],
    ]);
    expect(found('Ms Aoife Ní Bhriain\n12 Cnoc na Gréine\nBallincollig\nCo. Cork P31 X2Y4\n\nMr John Smith\nFlat 2, 14 Harrow Lane\nChadderton\nOldham OL9 8QT').filter(([t]) => t !== 'NAME')).toEqual([
      ['ADDRESS', '12 Cnoc na Gréine'], ['GEO', 'Ballincollig'], ['GEO', 'Co. Cork'], ['ZIP', 'P31 X2Y4'],
      ['ADDRESS', 'Flat 2, 14 Harrow Lane'], ['GEO', 'Chadderton'], ['GEO', 'Oldham'], ['ZIP', 'OL9 8QT'],
    ]);
    // No street above: the line above may be the addressee's name; an institution is no town.
    expect(found('John Smith\nBallincollig\nCork P31 X2Y4\n\nCork University Hospital\nWilton\nT12 DC4A').filter(([t]) => t !== 'NAME')).toEqual([
      ['GEO', 'Cork'], ['ZIP', 'P31 X2Y4'], ['ZIP', 'T12 DC4A'],
    ]);
  });

  it('reads a postal line of its own: the parts before the town are the address', () => {
    expect(found('Market Street, Clifden, Co. Galway H71 WK22\nArdbear Cottage, Ardbear, Clifden\n')).toEqual([
      ['ADDRESS', 'Market Street'], ['GEO', 'Clifden'], ['GEO', 'Co. Galway'], ['ZIP', 'H71 WK22'], ['ADDRESS', 'Ardbear Cottage, Ardbear'], ['GEO', 'Clifden'],
    ]);
    // Small words, or no part naming a street or a house.
    expect(found('Department of Medicine, Harvard Medical School, Boston\nReviewed, Signed, Filed\n')).toEqual([]);
  });

  it('reads an id after "ID:", a job number, and a case number in parentheses', () => {
    expect(found('Hospice ID: HSP-004981   Job # 55120983   the state criminal case (No. F23904417, Fresno Superior Court)')).toEqual(
      expect.arrayContaining([['MRN', 'HSP-004981'], ['ACCOUNT', '55120983'], ['CASE_NUMBER', 'F23904417']]),
    );
    expect(found('Interpreter ID 40418 is no label without a colon; in case (No. 2 pencil).')).toEqual([]);
  });

  it('reads national identity numbers, registrations and hospital numbers by their labels', () => {
    expect(found('Aadhaar: 4417 9920 3318   PPSN 6843917TA   IMC No. 421887   EOIR ID ZB118204   UHID: SVMH/2024/118834   IP No.: IP-24-07712   service tag 7HGQ4T3')).toEqual([
      ['SSN', '4417 9920 3318'], ['SSN', '6843917TA'], ['LICENSE', '421887'], ['LICENSE', 'ZB118204'], ['MRN', 'SVMH/2024/118834'], ['MRN', 'IP-24-07712'], ['DEVICE', '7HGQ4T3'],
    ]);
    expect(found('IP 10.0.0.1; sin 30 degrees; national average 12%.')).toEqual([['IP', '10.0.0.1']]);
    // Nepal's citizenship number, Botswana's Omang, Denmark's CPR number (day, month and year first); not resuscitation.
    expect(found('Citizenship No. 12345; Omang 123456789; CPR 010190-1234; CPR-nr.: 0101901234; CPR 30 x2 given; CPR for 20 minutes.')).toEqual([
      ['SSN', '12345'], ['SSN', '123456789'], ['SSN', '010190-1234'], ['SSN', '0101901234'],
    ]);
  });

  it('reads other countries\' identity, tax and health-card numbers, professional registers and charge numbers by their labels', () => {
    expect(found('SIP: 18304421     DNI: 48391726W     NIE Y4820573V\nTRN: 108-442-673     Health card: NHF 0048221793\nCitizenship cert.:   36-01-73-04412')).toEqual([
      ['HEALTH_PLAN', '18304421'], ['SSN', '48391726W'], ['SSN', 'Y4820573V'], ['SSN', '108-442-673'], ['HEALTH_PLAN', 'NHF 0048221793'], ['SSN', '36-01-73-04412'],
    ]);
    expect(found('identity card RG no. 28.417.330-7 SSP/SP and CPF no. 418.735.206-62; tax ID 47138290462; Emirates ID 784-1972-4821306-4; KRA PIN A004417823K')).toEqual([
      ['SSN', '28.417.330-7'], ['SSN', '418.735.206-62'], ['SSN', '47138290462'], ['SSN', '784-1972-4821306-4'], ['SSN', 'A004417823K'],
    ]);
    expect(found('Employee ID 4471882 · Tax ID: 12-3456789')).toEqual([['MRN', '4471882'], ['SSN', '12-3456789']]);
    expect(found('Colegiada 46/4612837 · MARN 1798241 · panel ID NPL-PP-032 · AME no. DE-AME-0412 · LSK No. P.105/11872/19 · Regn. CCC/TR/2011/087')).toEqual([
      ['LICENSE', '46/4612837'], ['LICENSE', '1798241'], ['LICENSE', 'NPL-PP-032'], ['LICENSE', 'DE-AME-0412'], ['LICENSE', 'P.105/11872/19'], ['LICENSE', 'CCC/TR/2011/087'],
    ]);
    expect(found('my insurer (VHI no. 2207415836); loan a/c 0470298113465; EEOC No. 540-2025-01872; hospital number was SF-0193377; Passport:   C4F7R2KLM')).toEqual([
      ['HEALTH_PLAN', '2207415836'], ['ACCOUNT', '0470298113465'], ['CASE_NUMBER', '540-2025-01872'], ['MRN', 'SF-0193377'], ['LICENSE', 'C4F7R2KLM'],
    ]);
    expect(found('case C21-0418827; TD Bank 4418207731; R.SLP (reg. SLP-04417); accreditation AACP-22718; (certificate N-51884127)')).toEqual([
      ['CASE_NUMBER', 'C21-0418827'], ['ACCOUNT', '4418207731'], ['LICENSE', 'SLP-04417'], ['LICENSE', 'AACP-22718'], ['LICENSE', 'N-51884127'],
    ]);
    expect(found('Municipal Court No. FWM-4Z0318; court interpreter no. 301247; NJ Attorney ID 031482009; Information No. 3111-998-24-41872-00')).toEqual([
      ['CASE_NUMBER', 'FWM-4Z0318'], ['LICENSE', '301247'], ['LICENSE', '031482009'], ['CASE_NUMBER', '3111-998-24-41872-00'],
    ]);
    expect(found('in case 24-hours pass; the Bank 2024 report; a certificate 12 pages long.')).toEqual([]);
    // The short labels only in capitals and before four digits or more.
    expect(found('Take a sip 2025 times; check NIE q6h; the rg 12345 line; Dni 99887766.')).toEqual([]);
  });

  it('does not take section numbers for IP addresses', () => {
    expect(found('See section 2.1.1.1 of the Agreement; clauses 2.1.1.2 and 2.1.1.3, § 4.2.1.1.')).toEqual([]);
    expect(found('1. Scope\n2.1.1.1 Definitions\nThe terms below…')).toEqual([]);
    expect(found('Connect to 10.1.1.1 or 2.1.1.1 now.\n10.0.0.1 Gateway')).toEqual([['IP', '10.1.1.1'], ['IP', '2.1.1.1'], ['IP', '10.0.0.1']]);
    // A path of names joined by "::" is no IPv6 address; an address ending in "::" is.
    expect(found('let d = f64::powi(x, 2); addr ::1 and fe80::1ff:fe23:4567:890a, prefix 2001:db8::')).toEqual([['IP', '::1'], ['IP', 'fe80::1ff:fe23:4567:890a'], ['IP', '2001:db8::']]);
  });

  it('finds valid SSNs only', () => {
    expect(found('SSN 123-45-6789.')).toEqual([['SSN', '123-45-6789']]);
    expect(found('SSN: 123456789')).toEqual([['SSN', '123456789']]);
    expect(typesOf('Ref 666-12-3456 and 000-12-3456')).not.toContain('SSN');
  });

  it('reads labelled identifiers by their label', () => {
    expect(found('MRN: 00412345')).toEqual([['MRN', '00412345']]);
    expect(found('Member ID: XJH123456789')).toEqual([['HEALTH_PLAN', 'XJH123456789']]);
    expect(found('Acct #: 00123456789')).toEqual([['ACCOUNT', '00123456789']]);
    expect(found('Lic. No. A1234567')).toEqual([['LICENSE', 'A1234567']]);
    expect(found('VIN: 1HGCM82633A004352')).toEqual([['VEHICLE', '1HGCM82633A004352']]);
    expect(found('Serial No.: SN-48213-A')).toEqual([['DEVICE', 'SN-48213-A']]);
    expect(found('Case No. 2021-CV-1234')).toEqual([['CASE_NUMBER', '2021-CV-1234']]);
  });

  it('reads labels without "No." where the value has an id\'s shape, a letter before the number, and "is" or "numbers" between', () => {
    expect(found('PPSN 6843917TA   GMS card A48813276')).toEqual([['SSN', '6843917TA'], ['HEALTH_PLAN', 'A48813276']]);
    expect(found('(member ID W220918834, group 0871234-10-001), group 118204')).toEqual([
      ['HEALTH_PLAN', 'W220918834'], ['HEALTH_PLAN', '0871234-10-001'], ['HEALTH_PLAN', '118204'],
    ]);
    expect(found('Anthem (Medicaid), ID YRH774018293.')).toEqual([['HEALTH_PLAN', 'YRH774018293']]); // a plan's member ID
    expect(found('File No.: A 219-447-185; Alien Registration No. 219447185')).toEqual([['CASE_NUMBER', 'A 219-447-185'], ['CASE_NUMBER', '219447185']]);
    expect(found('(IL apportioned plate P 882417)')).toEqual([['VEHICLE', 'P 882417']]);
    expect(found('the AirSense serial is 23241884512, implants serial numbers 4417229082')).toEqual([['DEVICE', '23241884512'], ['DEVICE', '4417229082']]);
    // Not a group of patients, a year, a state's code before its ZIP code, or a count after "ID".
    expect(found('group 3 patients; Group 2024 meeting; ID 12 patients')).toEqual([]);
    expect(typesOf('Boise, ID 83702')).not.toContain('MRN');
  });

  it('reads no licence number in a licence\'s name, version or title, and no person in it', () => {
    // Licences' names after "License:" (SPDX identifiers, their families with a version, a file's own names).
    const names = 'License: GPL-2+\nLicense: Apache-2.0\nLicense: BSD-3-clause-regents\nLicense: LGPL-2.1-or-later\nLicense: CC-BY-SA-4.0\n' +
      'License: MIT/X11\nLicense: Spencer-86\nLicense: OpenLDAP-2.8\nLicense: public-domain-1\n';
    expect(found(names)).toEqual([]);
    // A version, a title and a date, words before a number, a section's heading.
    expect(found('Open Government Licence v3.0. European Union Public Licence V.1.0; The Academic Free License v.2.1')).toEqual([]);
    expect(typesOf('The FreeType Project LICENSE\n\n2006-Jan-27\n')).not.toContain('LICENSE');
    expect(found('receives a license from 3dfx; license as libpng-1.2.5; Les auteurs de la licence CeCILL1 sont')).toEqual([]);
    expect(found('compliance with the Licence.\n\n13.Miscellaneous\nWithout prejudice')).toEqual([]);
    // A passport's country between the label and its number.
    expect(found('Passport: Kenya A1234567; passport: Nepal 09876543; the Passport Office 1234 staff')).toEqual([
      ['LICENSE', 'Kenya A1234567'], ['LICENSE', 'Nepal 09876543'],
    ]);
    // A capitalised word before the number is the value's part still.
    expect(found('License: Texas 12345678; Claim #: Auto-4417-2231; Account: Savings 123456789; DL: California D4418207')).toEqual([
      ['LICENSE', 'Texas 12345678'], ['ACCOUNT', 'Auto-4417-2231'], ['ACCOUNT', 'Savings 123456789'], ['LICENSE', 'California D4418207'],
    ]);
    // Licence numbers still: the letters of a licence family before a number that is no version, an id in capitals.
    expect(found('License: NPL-PP-032; Lic. No. CC-48817; License # MIT-4471029; license D4418207')).toEqual([
      ['LICENSE', 'NPL-PP-032'], ['LICENSE', 'CC-48817'], ['LICENSE', 'MIT-4471029'], ['LICENSE', 'D4418207'],
    ]);
  });

  it('finds unlabelled case numbers, VINs and card numbers by shape and checksum', () => {
    expect(found('see No. 1:19-cv-01234-ABC for details')).toEqual([['CASE_NUMBER', '1:19-cv-01234-ABC']]);
    // A software vulnerability's public id is none; a version after "version to" or "Version:" is no IP address.
    expect(found('Fixes CVE-2018-10372 and CAN-2004-0112; case CR-2021-1234. Standards version to 3.9.8.0.')).toEqual([['CASE_NUMBER', 'CR-2021-1234']]);
    expect(found('Modifications: Version: 2.1.8.7-current')).toEqual([]);
    // A patient's number after "patient no.", a chart's id after "chart" alone.
    expect(found('admission slip, patient no. KATH-24-118407; Clinic chart FPA-77104; Patient Number: 4471829')).toEqual([
      ['MRN', 'KATH-24-118407'], ['MRN', 'FPA-77104'], ['MRN', '4471829'],
    ]);
    expect(found('the chart 2024 review; patient no. 3 in the ward')).toEqual([]);
    // A software project's bug or issue is no record's number.
    expect(found('Work around dh_strip bug #875780; (closes: Bug#151024); See #971027; issue #40417; MRN #4471029')).toEqual([['MRN', '4471029']]);
    expect(found('the truck 1HGCM82633A004352 was sold')).toEqual([['VEHICLE', '1HGCM82633A004352']]);
    expect(found('paid with 4111 1111 1111 1111 yesterday')).toEqual([['ACCOUNT', '4111 1111 1111 1111']]);
    expect(found('paid with 4111 1111 1111 1112 yesterday')).toEqual([]);
  });

  it('flags an age written with the sex letter ("93M, urosepsis"), not a temperature or a quantity', () => {
    expect(found('Summary: 93M, urosepsis. 57F, DKA. 91F with CHF. Warm to 100F. 95M units sold.')).toEqual([['AGE_OVER_89', '93'], ['AGE_OVER_89', '91']]);
  });

  it('flags an age after a relative and a comma, and after "she was" closing the clause; not a measure', () => {
    expect(found('paternal grandmother, 93, in the village. His father, 91, is bed-bound. At the funeral she was 94.')).toEqual([
      ['AGE_OVER_89', '93'], ['AGE_OVER_89', '91'], ['AGE_OVER_89', '94'],
    ]);
    expect(found('If 1858, he was 92 at death; she was 95 when she died; he was 95 at the store.')).toEqual([
      ['AGE_OVER_89', '92'], ['AGE_OVER_89', '95'],
    ]);
    expect(found('he was 95 kg, she is 92 in the ranking, he was 90%; the mother, 32, rested.')).toEqual([]);
  });

  it('reads an Australian postcode only where it is one of its state\'s, not a year after "ACT"', () => {
    expect(found('Canberra ACT 2601; Darwin NT 0800; THE LAND REGISTRATION ACT, 2012; Perth WA 3000').filter(([t]) => t === 'ZIP')).toEqual([['ZIP', '2601'], ['ZIP', '0800']]);
  });

  it('flags ages over 89 only', () => {
    expect(found('A 92-year-old woman')).toEqual([['AGE_OVER_89', '92']]);
    expect(found('age 95, 91 yo, aged 90')).toEqual([
      ['AGE_OVER_89', '95'],
      ['AGE_OVER_89', '91'],
      ['AGE_OVER_89', '90'],
    ]);
    expect(found('A 67-year-old man, age 89')).toEqual([]);
    // Not the decimals or the thousands of a number.
    expect(found('EvC 574.90M, TIn 657.5k; total 1,095 yrs of service')).toEqual([]);
    expect(found('being 91 years of age and of sound mind; 90 yrs of age')).toEqual([['AGE_OVER_89', '91'], ['AGE_OVER_89', '90']]);
    expect(found('She is ninety-six. A ninety-three-year-old; her ninety-eighth birthday; turned a hundred and one; ninety seven years old.')).toEqual([
      ['AGE_OVER_89', 'ninety-six'], ['AGE_OVER_89', 'ninety-three'], ['AGE_OVER_89', 'ninety-eighth'], ['AGE_OVER_89', 'a hundred and one'], ['AGE_OVER_89', 'ninety seven'],
    ]);
    expect(found('Ninety percent of cases; ninety-six patients; one hundred years of solitude; eighty-nine years old.')).toEqual([]);
    // In parentheses after a date of birth.
    expect(found('DOB: 02/11/1933 (91 y); DOB 23/06/1932 (92), born 1933-10-09 (91 yrs); DOB 23/06/1932 (92 mg); BP 120/80 (95)').filter(([t]) => t === 'AGE_OVER_89').map(([, v]) => v)).toEqual(['91', '92', '91']);
    // Before a time, only after a verb of becoming.
    expect(found('His mother turns ninety-two in July; she will be ninety next week. HR is ninety on arrival.').filter(([t]) => t === 'AGE_OVER_89').map(([, v]) => v)).toEqual(['ninety-two', 'ninety']);
    // An aside after a name, a quoted age after "is", "at" and "now", a second age said against the first.
    expect(found('Her sister Vasiliki Andreou, ninety-one, in Thessaloniki.').map(([t, v]) => `${t}:${v}`)).toEqual(['NAME:Vasiliki Andreou', 'AGE_OVER_89:ninety-one', 'GEO:Thessaloniki']);
    expect(found('She is "ninety-five, not ninety-four!" Sharp at ninety-two, but slow; now ninety-one and home.').map(([, v]) => v)).toEqual(['ninety-five', 'ninety-four', 'ninety-two', 'ninety-one']);
    expect(found('In total, ninety-one. At ninety-one percent. Ninety-one, said the nurse.')).toEqual([]);
    // An age after a name and a comma: in an aside, or before "is".
    expect(found('his mother, Yamamoto Chiyo, 101 (百一歳); Zilda Nascimento ("Dona Zilda"), 96 — she; Giuseppina Rossi, is 96 and well.').filter(([t]) => t === 'AGE_OVER_89')).toEqual([
      ['AGE_OVER_89', '101'], ['AGE_OVER_89', '百一'], ['AGE_OVER_89', '96'], ['AGE_OVER_89', '96'],
    ]);
    expect(found('Pine Street, 101 — the; Smith v. Jones, 101 F.3d 12; Weight, 96 kg').filter(([t]) => t === 'AGE_OVER_89')).toEqual([]);
    expect(found('(roommate, Mrs. Bertha Kowalczyk, 101) and (see Smith, 101) and (Mr. Lee, 45)')).toEqual([['NAME', 'Bertha Kowalczyk'], ['AGE_OVER_89', '101'], ['NAME', 'Lee']]);
    expect(found('Sister-in-law Mrs. Sophia Kallas, 95, lives nearby; Mr. Lee, 45, too.')).toEqual([['NAME', 'Sophia Kallas'], ['AGE_OVER_89', '95'], ['NAME', 'Lee']]);
    // A number the words before it say is an age, not a measurement.
    expect(found('She turned 95 today. Your father, who is 91, arrived. She is now 93. Her sister (97) visits. He died at 96.').map(([, v]) => v)).toEqual(['95', '91', '93', '97', '96']);
    expect(found('The score is 91. Turned 90 degrees. Pulse is 96. HR now 93. SpO2 is now 95%. BP was 92/60.')).toEqual([]);
  });

  it('leaves numbers that are not identifiers alone', () => {
    const text =
      'Na 138, K 4.1, Cr 1.2. BP 132/84, HR 88. A1c 7.2% in 2019. ICD-10 E11.9, CPT 99213. Take 1/2 tablet twice daily. ' +
      'Version 2.0.1 of the form, rule 12(b)(6), 42 U.S.C. § 1983, 550 U.S. 544 (2007). Room 4, bed 12, 2 of 3 criteria.';
    expect(found(text)).toEqual([]);
  });

  it('tries the label regex only at label words, with the same matches', () => {
    const labels = [
      'MRN', 'MR #', 'MR#', 'Medical Record Number', 'Med. Rec. No.', 'Chart #', 'Patient ID', 'Pt. ID', 'Hospital No.', 'Unit Number',
      'Accession', 'Member ID', 'Subscriber #', 'Policy No', 'Group Number', 'Health Plan ID', 'Insurance #', 'Plan ID', 'Beneficiary No.',
      'Medicaid ID', 'Medicare #', 'MBI', 'HICN', 'Acct', 'Acct.', 'AcctNo.', 'Acct #', 'billing account', 'Bank Account Number',
      'escrow account', 'Account ID', 'Billing #', 'Invoice No.', 'Routing Number', 'IBAN', 'Card No.', 'Claim #', 'Lic. No.', 'LicNo',
      'License #', 'LicenceNo.', "Driver's License", 'Drivers License No.', 'DL#', 'DEA', 'NPI No.', 'Certificate #', 'Cert. No.',
      'Bar No.', 'BBO', 'Registration Number', 'Passport No.', 'VIN', 'Vehicle ID', 'License Plate', 'Plate #', 'Tag No.', 'Serial',
      'S/N', 'SN', 'Device Serial No.', 'UDI', 'Lot Number', 'Model/Serial', 'IMEI', 'MAC Address', 'Implant ID', 'Case No.',
      'Docket', 'Civil Action No.', 'Criminal Case No.', 'Index Number', 'Cause No.', 'File Number', 'Matter No.', 'Appeal No.',
      'GMS card', 'GMS No.', 'Medical Card #', 'Group', 'Alien Registration Number', 'Alien No.', 'A-Number', 'Receipt No.',
      'Microchip', 'CCR No.', 'Ghana Card', 'CURP', 'Medicaid', 'Claim nos.', 'DNI', 'NIE', 'CPF', 'RG', 'TRN', 'KRA PIN', 'Emirates ID',
      'Steuer-ID', 'Citizenship cert.', 'VHI', 'SIP', 'NHF', 'Health card', 'Medical Aid No.', 'EHIC', 'AME', 'MARN',
      'LSK No.', 'Regn.', 'Colegiada', 'a/c', 'A/C No.', 'EEOC', 'Accreditation', 'Reg.', 'Certificate', 'Bank', 'case',
    ];
    const values = ['00412345', 'XJH-1234/56', '(02)AB1234 77A1 B22C', 'A1', 'SSN: 123-45-6789', '12.'];
    const texts: string[] = [];
    labels.forEach((label, i) => {
      const value = values[i % values.length] as string;
      const cased = i % 3 === 0 ? label.toUpperCase() : i % 3 === 1 ? label.toLowerCase() : label;
      texts.push(`${cased}: ${value}`, `see ${cased} ${value}.`, `x${label} ${value}`, `_${label} 9`, `9${label} 9`);
      texts.push(`é${label}# ${value}`, `${label}s ${value}`, `Jones's ${label}: ${value}`, `${label}\n${value} ${label}:${value}`);
    });
    texts.push(labels.map((l, i) => `${l} ${values[i % values.length]}`).join(' '));
    for (const text of texts) expect(labelledMatches(text), text).toEqual(labelledMatchesByRegex(text));
  });

  it('checks phone separators and NANP digits by character codes as the string rules did', () => {
    // The rules as first written, over the matched string.
    const byStrings = (m: string): boolean => {
      const separators = m.replace(/^\+?1[ .-]?/, '').replace(/(?:x|ext\.?|extension) ?\d+$/i, '').match(/\d[ .-]\d/g) ?? [];
      if (!m.includes('(') && new Set(separators.map((x) => x[1])).size > 1) return false;
      let digits = m.replace(/(?:x|ext\.?|extension) ?\d+$/i, '').replace(/\D/g, '');
      if (digits.length === 11 && digits[0] === '1') digits = digits.slice(1);
      return digits.length === 10 && isNanpNumber(digits);
    };
    const phone = /(?<![\w+.\-/])(?:\+?1[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}(?:,? ?(?:x|ext\.?|extension) ?\d{1,5})?(?![\w\-/])/g;
    const heads = ['', '1', '1-', '1 ', '+1 ', '+1.', '+1'];
    const areas = ['617', '(617)', '(617) ', '117', '611', '211', '(211)-'];
    const seps = [' ', '.', '-'];
    const tails = ['', ' x204', ', ext. 12', 'extension 7', ',x1'];
    let checked = 0;
    for (const head of heads) for (const area of areas) for (const a of seps) for (const b of seps) for (const tail of tails) {
      const sep = area.endsWith(')') || area.endsWith(' ') || area.endsWith('-') ? '' : a;
      for (const exchange of ['555', '155']) {
        const text = `Call ${head}${area}${sep}${exchange}${b}0134${tail} now`;
        for (const m of text.matchAll(phone)) {
          expect(isNanpPhone(text, m.index, m.index + m[0].length), m[0]).toBe(byStrings(m[0]));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('reads IPv6 anchors by character codes as their regex matches them', () => {
    const ipv6 = /:[0-9A-Fa-f]{0,4}:/y;
    const text = 'see ::1 fe80::1:2 a:b: x:12345: y:1234: z:: :g: 2001:db8::ff00:42:8329 MRN: 12 time 10:30:45. end:';
    for (let at = 0; at < text.length; at++) {
      if (text[at] !== ':') continue;
      ipv6.lastIndex = at;
      const m = ipv6.exec(text);
      expect(ipv6AnchorEnd(text, at), text.slice(at, at + 8)).toBe(m ? at + m[0].length : -1);
    }
  });
});
