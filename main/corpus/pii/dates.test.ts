import { describe, expect, it } from 'vitest';
import { scanPii } from './scan';

const dates = (text: string) => scanPii(text).filter((f) => f.type === 'DATE').map((f) => f.text);

describe('dates', () => {
  it('finds every written form of a date', () => {
    for (const d of ['March 3, 2021', '03/03/2021', '3/3/21', '3-Mar-21', '2021-03-03', '3 March 2021', 'Mar. 3, 2021', '03.03.2021', 'March 3rd', 'March 2021', '3rd of March, 2021', '03-MAR-2021']) {
      expect(dates(`Seen ${d} in clinic.`), d).toEqual([d]);
    }
  });

  it("finds a month with its year's two digits after an apostrophe, not such a year alone", () => {
    expect(dates("Last seen in clinic Feb '24; symptoms since Sept ’23; again May '24 and Mar. '23.")).toEqual(["Feb '24", 'Sept ’23', "May '24", "Mar. '23"]);
    expect(dates("the '24 season; in Feb '2024; Jan '24s")).toEqual([]);
  });

  it('takes a document\'s version date for no one\'s date', () => {
    const versions = 'GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\nVersion 1.0 - March 16, 1999\n(Version 1.1 02/22/2000)\n' +
      'libpng versions 1.0.7, July 1, 2000, through 1.2.5\nVersion 2.0 (March 3, 2021)\n';
    expect(dates(versions)).toEqual([]);
    expect(dates('consent form version 3.1, 12 March 2024; signed 12 March 2024')).toEqual(['12 March 2024']);
  });

  it('takes in the weekday before a date and the other end of a range of days', () => {
    expect(dates('GI clinic on Tuesday, March 23 at 10:30 AM; Wed. 3/4/2021; Thurs 10/12.')).toEqual(['Tuesday, March 23', 'Wed. 3/4/2021', 'Thurs 10/12']);
    expect(dates('Produce the data for Oct. 2-9; heard on 14-16 June 2023.')).toEqual(['Oct. 2-9', '14-16 June 2023']);
    expect(dates('4AT scores on 17 and 18 January were 5 and 6; seen on March 13 and 14, 2024.')).toEqual(['17 and 18 January', 'March 13 and 14']);
    // Day first after a weekday ("Thu 13/06"), not an impossible day.
    expect(dates('Thu 13/06 1500 RN, fall. Fri 14/06 found on floor. Sat 31/02 no.')).toEqual(['Thu 13/06', 'Fri 14/06']);
    expect(dates('Seen March 3, 2021 - 4 visits; 2-3 March 2021.')).toEqual(['March 3, 2021', '2-3 March 2021']);
  });

  it("finds a holiday's name as a date, but not an eponym or a place named after one", () => {
    expect(dates("Died on Christmas Eve 2019; pain since around New Year's; stopped after Thanksgiving Monday; St Brigid's Day; Mother's Day, 2022.")).toEqual([
      'Christmas Eve 2019', "New Year's", 'Thanksgiving Monday', "St Brigid's Day", "Mother's Day, 2022",
    ]);
    expect(dates('Christmas disease (hemophilia B); Easter Island; a Christmas tree; New York; Mother reports.')).toEqual([]);
    expect(dates('off insulin gtt Wed. the 17th at 14:00')).toEqual(['Wed. the 17th']);
    // The holidays of more faiths and countries, and a holiday after "the" ("over the Diwali holiday").
    expect(dates('admitted over the Diwali holiday; seen after Holi; fell on Waitangi Day; since Guy Fawkes Night; on Martin Luther King Day; before Chuseok.')).toEqual([
      'Diwali', 'Holi', 'Waitangi Day', 'Guy Fawkes Night', 'Martin Luther King Day', 'Chuseok',
    ]);
    expect(dates('a Holi party; Martin Smith and Victoria Jones; Queen Victoria reigned; at the Christmas party.')).toEqual([]);
  });

  it('finds a year first with one-digit month and day, with stops as East Asian dates write it, not a version; a day after "w/c"', () => {
    expect(dates('DOB 1985-3-7; seen on 2024.03.12 by the team; review w/c 18/03; Date of injury: March the 3rd')).toEqual([
      '1985-3-7', '2024.03.12', '18/03', 'March the 3rd',
    ]);
    expect(dates('version 2019.12.01; gtk-2019.12.01; pkg 2019.12.01-1; 2024.3.12; a 3/7/5 ratio; scores 12-3-4')).toEqual([]);
  });

  it("finds a month's name alone after a preposition, not before a day, a name or a noun of its own", () => {
    expect(dates('One AOM in December treated. Since starting Ozempic in January, could that be? Seen by mid-May. By March, better.')).toEqual([
      'December', 'January', 'May', 'March',
    ]);
    expect(dates('Call for April Jones at 12 May Street. We may march. Since December 3 better. The August heat; in June\'s garden.')).toEqual(['December 3']);
  });

  it('finds German, Dutch and Italian dates, day, month and year written together, a month and day with dashes, a Roman month after a slash', () => {
    expect(dates('am 3. März 2024; op 12 maart 2024; il 5 giugno 2023; 1. Dezember 1931')).toEqual(['3. März 2024', '12 maart 2024', '5 giugno 2023', '1. Dezember 1931']);
    expect(dates('admitted 12MAR2024, DOB 03JAN31; on Mar-12-2024; 15/VI/2023; 15 Baisakh 2081')).toEqual(['12MAR2024', '03JAN31', 'Mar-12-2024', '15/VI/2023', '15 Baisakh 2081']);
    // Not a code, a gene, a day that no month has, a year of this century after another calendar's month.
    expect(dates('lot 12MAR20245, Oct-4 expression, 31FEB2024, 12 Tir 2024 mg, step 3. Mai')).toEqual([]);
  });

  it('finds a month with its day in words or after "the", and the holidays of more faiths and countries', () => {
    expect(dates('Seen on the twelfth of March; on the twenty-first of June 2023; on March the 3rd; by May the first.')).toEqual([
      'the twelfth of March', 'the twenty-first of June 2023', 'March the 3rd', 'May the first',
    ]);
    expect(dates('We met after Eid al-Fitr 2024. She went home for Dashain and came back. Closed on Good Friday. Since Chinese New Year.')).toEqual([
      'Eid al-Fitr 2024', 'Dashain', 'Good Friday', 'Chinese New Year',
    ]);
    // Not an ordinal that is no day's, a fruit, a word of another sense.
    expect(dates('the first of many; a Good Friday Agreement clause; palm oil; the third of May\'s rooms')).toEqual(['the third of May']);
  });

  it('finds dates of the Solar Hijri, lunar Hijri and Hebrew calendars with their year', () => {
    expect(dates('I was born on 1 Hamal 1367 (about March 21, 1988). On 22 Asad 1400 they came; 3rd Mehr 1399; 12 Ramadan 1444; 5 Nisan 5783.')).toEqual([
      '1 Hamal 1367', 'March 21, 1988', '22 Asad 1400', '3rd Mehr 1399', '12 Ramadan 1444', '5 Nisan 5783',
    ]);
    expect(dates('Gave 2 Asad tablets; 12 Tir 2000 mg; room 5 Adar 1200.')).toEqual([]);
  });

  it('finds French, Spanish and Portuguese dates, not an English word after a number', () => {
    expect(dates('Née le 14 juillet 1992; le lundi 3 mars 2025; reçu le 4 mars; el 3 de marzo de 2025; el 1er avril; 12 de março de 2020.')).toEqual([
      '14 juillet 1992', '3 mars 2025', '4 mars', '3 de marzo de 2025', '1er avril', '12 de março de 2020',
    ]);
    expect(dates('He ate 3 Mars bars and 2 mai tais; 31 février.')).toEqual([]);
  });

  it('finds a date with the month in Roman numerals', () => {
    expect(dates('b. 29.IX.1890, d. 3.V.1945; seen 12 XI 2020. Stage 3.IV.12 and 1.XIII.1900 are none.')).toEqual(['29.IX.1890', '3.V.1945', '12 XI 2020']);
  });

  it('leaves a holiday before a noun of its own', () => {
    expect(dates('Bought for Easter decorations and for Christmas presents; home for Christmas.')).toEqual(['Christmas']);
  });

  it("finds a deed's or an order's date and month/day after a note word", () => {
    expect(dates('Made this 14th day of February, 2023, effective as of the 1st day of September 2022.')).toEqual(['14th day of February, 2023', '1st day of September 2022']);
    expect(dates('Wound check 12/27. Labs collected 7/20; Fri 7/8 works. Take 1/2 tablet.')).toEqual(['12/27', '7/20', 'Fri 7/8']);
    expect(dates('Confused since Sunday the 28th; shift Tuesday the 4th, on the 4th floor. On Cosentyx since 11/2022, titer 1/2560.')).toEqual(['Sunday the 28th', 'Tuesday the 4th', '11/2022']);
  });

  it('needs a date word before a month/day without a year', () => {
    expect(dates('Seen on 3/14 for follow-up.')).toEqual(['3/14']);
    // A form's label of a day's event: admission, death, service, injury.
    expect(dates('DOA: 12/3. DOD: 14/3. Date of service: 3/9. Date of injury: 2/7.')).toEqual(['12/3', '14/3', '3/9', '2/7']);
    expect(dates('Take 1/2 tablet; BP 120/80.')).toEqual([]);
    // Or a verb of a day's event, a time after it, the other end of a range; day first where the first number is no month.
    expect(dates('Earliest 3/19; (3/7 05:48); hospitalized (3/16–3/18); phoned on 13/03.')).toEqual(['3/19', '3/7', '3/16–3/18', '13/03']);
    expect(dates('Strength 5/5; murmur 3/6; pain 4/10; given 1/2 tab; 3/4 strength.')).toEqual([]);
    expect(dates('fitter booked Mon 17th 9–12; the Sun 3rd floor; Tuesday the 2nd dose.')).toEqual(['Mon 17th']);
    expect(dates('AVF created 06/2019; a 1/2000 dilution.')).toEqual(['06/2019']);
  });

  it('leaves a sentence\'s stop after a month\'s whole name out of the date, not an abbreviation\'s own', () => {
    expect(dates('Seen 12 March. Then 3 Sept. Then 12 Mar. Then the 3rd of February. Then 12 May.')).toEqual(['12 March', '3 Sept.', '12 Mar.', '3rd of February', '12 May']);
  });

  it('finds eight digits without separators after a birth\'s or a death\'s label, not an impossible one or an id', () => {
    expect(dates('DOB 19560312. Date of birth: 12031956. Born 19561312. MRN 19560312. DOD: 20240230.')).toEqual(['19560312', '12031956']);
  });

  it('never flags a bare year or an impossible date', () => {
    expect(dates('Diagnosed in 2019; surgery 2015-2016.')).toEqual([]);
    expect(dates('Values 13/45/2020 and 02/30/2021.')).toEqual([]);
    expect(dates('He may 3 times a day')).toEqual([]);
  });
});
