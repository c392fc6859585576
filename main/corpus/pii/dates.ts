// Dates: every element more specific than a bare year (HIPAA Safe Harbor keeps years only). Numeric forms
// (03/03/2021, 3-3-21, 2021-03-03, 03.03.2021), month names ("March 3, 2021", "3 Mar 2021", "3-Mar-21",
// "March 2021", "the 3rd of March"), and month/day without a year when a date word precedes it ("seen on 3/14").
import { type Emit } from './types';
import { before, eachMatchAtDigitRuns, eachMatchInDigitWindows } from './context';
import { isPlausibleYear, isValidMonthDay } from './validators';

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)';
const ORD = '(?:st|nd|rd|th)?';

// y-m-d, m/d/y, d/m/y with one separator used twice; time of day may follow and is part of the date element.
const NUMERIC_RE = /(?<![\d./-])(\d{1,4})([/.-])(\d{1,2})\2(\d{2,4})(?![\d/]|[.-]\d)(?:[T ](\d{1,2}:\d{2}(?::\d{2})?))?/y;
// Month first: "March 3, 2021", "Mar. 3rd 2021", "March 3", "March 2021", "Mar 2021".
const MONTH_FIRST_RE = new RegExp(`\\b${MONTH}\\.?\\s(?:(\\d{1,2})${ORD}(?![\\d:])(?:,?\\s(\\d{4}|'\\d{2}))?|(\\d{4}))\\b`, 'g');
// Day first: "3 March 2021", "3rd of March, 2021", "03-Mar-21", "3 Mar".
const DAY_FIRST_RE = new RegExp(`\\b(\\d{1,2})${ORD}(?:\\sof)?([\\s-])${MONTH}\\.?(?:,?[\\s-](\\d{4}|\\d{2}))?(?![\\w])`, 'y');
const MONTH_DAY_RE = /(?<![\d./-])(\d{1,2})\/(\d{1,2})(?![\d/]|\.\d)/y;
const DATE_WORDS = /(?:\bon|since|dated|date|from|until|till|through|thru|by|to|of|dob|d\.o\.b\.|born|admitted|discharged|seen|visit|surgery|last|next|between|and|before|after|returned|effective|signed|filed|served|entered|due)\W{0,3}$/;

function monthNumber(token: string): number {
  return MONTHS[token.slice(0, token.toLowerCase().startsWith('sept') ? 4 : 3).toLowerCase()] ?? 0;
}

const MONTH_WORD_RE = new RegExp(MONTH);
function monthIn(text: string): number {
  const m = MONTH_WORD_RE.exec(text);
  return m ? monthNumber(m[0]) : 0;
}

export function detectDates(text: string, emit: Emit): void {
  eachMatchAtDigitRuns(NUMERIC_RE, text, (m) => {
    const [a, sep, b, c] = [m[1] as string, m[2] as string, m[3] as string, m[4] as string];
    let ok = false;
    if (a.length === 4) ok = sep !== '.' && isPlausibleYear(a) && c.length <= 2 && isValidMonthDay(Number(b), Number(c));
    else if (a.length <= 2) {
      ok = isPlausibleYear(c) && (isValidMonthDay(Number(a), Number(b)) || isValidMonthDay(Number(b), Number(a)));
      if (ok && sep === '.' && c.length === 2 && before(text, m.index, 9).match(/v(?:er(?:sion)?)?\.?\s?$/)) ok = false;
    }
    if (ok) emit('DATE', m.index, m.index + m[0].length, a.length === 4 || c.length === 4 ? 0.95 : 0.85);
  });
  eachMatchInDigitWindows(MONTH_FIRST_RE, text, (m) => {
    const day = m[1];
    if (day !== undefined && !isValidMonthDay(monthIn(m[0]), Number(day))) return;
    // "May 2021" style month-year: keep (the month is a date element); "May 12" needs a real day.
    if (m[0].startsWith('May') && day === undefined && m[3] === undefined) return;
    emit('DATE', m.index, m.index + m[0].length, day !== undefined && m[2] !== undefined ? 0.97 : 0.85);
  });
  eachMatchAtDigitRuns(DAY_FIRST_RE, text, (m) => {
    const month = monthIn(m[0].slice((m[1] as string).length));
    if (!isValidMonthDay(month, Number(m[1]))) return;
    if (m[2] === '-' && m[3] === undefined) return; // "3-Mar" alone is too often a range or a code
    emit('DATE', m.index, m.index + m[0].length, m[3] !== undefined ? 0.95 : 0.8);
  });
  eachMatchAtDigitRuns(MONTH_DAY_RE, text, (m) => {
    if (!isValidMonthDay(Number(m[1]), Number(m[2]))) return;
    if (!DATE_WORDS.test(before(text, m.index, 14))) return;
    emit('DATE', m.index, m.index + m[0].length, 0.75);
  });
}
