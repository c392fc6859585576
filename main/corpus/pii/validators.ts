// Validity checks for structured identifiers: SSN area/group/serial rules, Luhn, VIN check digit, IP addresses,
// calendar dates, US phone numbers (NANP). Pure functions over strings; no allocation beyond small slices.
import { isIPv4, isIPv6 } from 'node:net';

/** SSA rules: area 001–899 except 666, group 01–99, serial 0001–9999. */
export function isValidSsn(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  return a > 0 && a !== 666 && a < 900 && Number(group) > 0 && Number(serial) > 0;
}

/**
 * Whether an IBAN (spaces allowed) passes ISO 13616's check: its first four characters moved to the end, letters read
 * as 10–35, the number modulo 97 is 1.
 */
export function ibanValid(value: string): boolean {
  const s = value.replace(/ /g, '');
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  let rest = 0;
  for (const ch of s.slice(4) + s.slice(0, 4)) {
    const c = ch.charCodeAt(0);
    const v = c <= 57 ? c - 48 : c - 55;
    rest = (v < 10 ? rest * 10 + v : rest * 100 + v) % 97;
  }
  return rest === 1;
}

/** Luhn (mod 10) over the digits of `value`, ignoring spaces and dashes. */
export function luhnValid(value: string): boolean {
  let sum = 0;
  let double = false;
  let count = 0;
  for (let i = value.length - 1; i >= 0; i--) {
    const c = value.charCodeAt(i);
    if (c === 32 || c === 45) continue;
    if (c < 48 || c > 57) return false;
    let d = c - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
    count++;
  }
  return count >= 12 && sum % 10 === 0;
}

const VIN_VALUES: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9, S: 2, T: 3, U: 4,
  V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** ISO 3779 / North American VIN: 17 characters without I, O, Q, position 9 a mod-11 check digit. */
export function vinValid(vin: string): boolean {
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const ch = vin[i] as string;
    const value = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : (VIN_VALUES[ch] ?? 0);
    sum += value * (VIN_WEIGHTS[i] as number);
  }
  const check = sum % 11;
  return vin[8] === (check === 10 ? 'X' : String(check));
}

/** The check digit a VIN with this body needs (position 9); used by the synthetic generator. */
export function vinCheckDigit(vin17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    if (i === 8) continue;
    const ch = vin17[i] as string;
    const value = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : (VIN_VALUES[ch] ?? 0);
    sum += value * (VIN_WEIGHTS[i] as number);
  }
  const check = sum % 11;
  return check === 10 ? 'X' : String(check);
}

export function isIpv4(text: string): boolean {
  return isIPv4(text);
}

export function isIpv6(text: string): boolean {
  return text.includes(':') && isIPv6(text);
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Month 1–12 and a day that month can have (29 February allowed: the year may be unknown). */
export function isValidMonthDay(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= (DAYS_IN_MONTH[month - 1] as number);
}

/** A plausible year in records: two digits, or 1900–2099. */
export function isPlausibleYear(year: string): boolean {
  if (year.length === 2) return true;
  if (year.length !== 4) return false;
  const y = Number(year);
  return y >= 1900 && y <= 2099;
}

/** NANP: area code and exchange start with 2–9; N11 service codes are not numbers. */
export function isNanpNumber(digits10: string): boolean {
  if (!/^[2-9]\d{2}[2-9]\d{6}$/.test(digits10)) return false;
  return !(digits10[1] === '1' && digits10[2] === '1');
}

// The first three digits of the ZIP codes each state's post offices use (USPS "3-digit ZIP code prefix" list, ranges
// inclusive). A state code before five digits with no comma ("Sylvania OH 43560") is read as an address only when the
// digits belong to that state: "CT 06510" is New Haven, "CT 20394" an image's number.
const ZIP_PREFIXES: Readonly<Record<string, readonly (readonly [number, number])[]>> = {
  AL: [[350, 369]], AK: [[995, 999]], AZ: [[850, 865]], AR: [[716, 729]], CA: [[900, 961]], CO: [[800, 816]],
  CT: [[60, 69]], DE: [[197, 199]], DC: [[200, 205], [569, 569]], FL: [[320, 349]], GA: [[300, 319], [398, 399]],
  HI: [[967, 968]], ID: [[832, 838]], IL: [[600, 629]], IN: [[460, 479]], IA: [[500, 528]], KS: [[660, 679]],
  KY: [[400, 427]], LA: [[700, 714]], ME: [[39, 49]], MD: [[206, 219]], MA: [[10, 27], [55, 55]], MI: [[480, 499]],
  MN: [[550, 567]], MS: [[386, 397]], MO: [[630, 658]], MT: [[590, 599]], NE: [[680, 693]], NV: [[889, 898]],
  NH: [[30, 38]], NJ: [[70, 89]], NM: [[870, 884]], NY: [[5, 5], [63, 63], [100, 149]], NC: [[270, 289]],
  ND: [[580, 588]], OH: [[430, 459]], OK: [[730, 749]], OR: [[970, 979]], PA: [[150, 196]], RI: [[28, 29]],
  SC: [[290, 299]], SD: [[570, 577]], TN: [[370, 385]], TX: [[750, 799], [885, 885]], UT: [[840, 847]],
  VT: [[50, 59]], VA: [[201, 201], [220, 246]], WA: [[980, 994]], WV: [[247, 268]], WI: [[530, 549]],
  WY: [[820, 831]], PR: [[6, 9]],
};

/** Whether a five-digit ZIP code is one the state (its two-letter code) uses. */
export function zipFitsState(state: string, zip: string): boolean {
  const prefix = Number(zip.slice(0, 3));
  return (ZIP_PREFIXES[state] ?? []).some(([lo, hi]) => prefix >= lo && prefix <= hi);
}
