// Identifier makers in many real-world formats. Names: given names from the @stdlib lists, surnames only from the
// held-out fifth of the people-names list, which the benchmark's scanner is built without (see pii/lexicon.ts).
import { isHeldOutName, loadNameLists } from '../pii/lexicon';
import { vinCheckDigit, luhnValid } from '../pii/validators';
import { type Rng } from './rng';
import { CITIES, EMAIL_DOMAINS, STATES, STATE_NAMES, STREET_SUFFIXES, STREET_WORDS, URL_HOSTS } from './vocab';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

let pools: { first: string[]; last: string[] } | undefined;
export function namePools(): { first: string[]; last: string[] } {
  if (pools) return pools;
  const lists = loadNameLists({ englishOnly: true }); // not the other languages' names: the corpus stays as it was
  const first = lists.firstNames.filter((n) => n.length >= 3);
  const last = lists.nameParts.filter((n) => n.length >= 3 && isHeldOutName(n) && /^\p{Lu}\p{Ll}+$/u.test(n));
  pools = { first, last };
  return pools;
}

export class Ids {
  constructor(private readonly r: Rng) {}

  first(): string {
    return this.r.pick(namePools().first);
  }
  last(): string {
    return this.r.pick(namePools().last);
  }
  fullName(): string {
    const r = this.r;
    const f = this.first();
    const l = this.last();
    const roll = r.float();
    if (roll < 0.2) return `${f} ${r.letters(1)}. ${l}`;
    if (roll < 0.27) return `${f} ${l}-${this.last()}`;
    return `${f} ${l}`;
  }

  date(): string {
    const r = this.r;
    const y = r.int(1935, 2024);
    const m = r.int(1, 12);
    const d = r.int(1, 28);
    const mon = MONTHS[m - 1] as string;
    switch (r.int(0, 10)) {
      case 0: return `${mon} ${d}, ${y}`;
      case 1: return `${pad(m)}/${pad(d)}/${y}`;
      case 2: return `${m}/${d}/${String(y).slice(2)}`;
      case 3: return `${d}-${mon.slice(0, 3)}-${String(y).slice(2)}`;
      case 4: return `${y}-${pad(m)}-${pad(d)}`;
      case 5: return `${d} ${mon} ${y}`;
      case 6: return `${mon.slice(0, 3)}. ${d}, ${y}`.replace('May.', 'May');
      case 7: return `${pad(d)}.${pad(m)}.${y}`;
      case 8: return `${mon} ${d}${d === 1 ? 'st' : d === 2 ? 'nd' : d === 3 ? 'rd' : 'th'}`;
      case 9: return `${mon} ${y}`;
      default: return `${m}-${d}-${y}`;
    }
  }

  phoneDigits(): [string, string, string] {
    const r = this.r;
    return [`${r.int(2, 9)}${r.int(0, 9)}${r.int(2, 9)}`, `${r.int(2, 9)}${r.digits(2)}`, r.digits(4)];
  }
  phone(): string {
    const [a, b, c] = this.phoneDigits();
    switch (this.r.int(0, 6)) {
      case 0: return `(${a}) ${b}-${c}`;
      case 1: return `${a}.${b}.${c}`;
      case 2: return `+1 ${a} ${b} ${c}`;
      case 3: return `${a}-${b}-${c}`;
      case 4: return `1-${a}-${b}-${c}`;
      case 5: return `(${a})${b}-${c} x${this.r.int(10, 9999)}`;
      default: return `${a} ${b} ${c}`;
    }
  }

  email(name?: string): string {
    const r = this.r;
    const base = (name ?? `${this.first()} ${this.last()}`).toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').split(' ').filter(Boolean);
    const f = base[0] ?? 'user';
    const l = base[base.length - 1] ?? 'name';
    const local = r.pick([`${f}.${l}`, `${f[0]}${l}${r.int(1, 99)}`, `${l}_${f}`, `${f}${r.int(1950, 2005)}`]);
    return `${local}@${r.pick(EMAIL_DOMAINS)}`;
  }

  ssn(): string {
    const r = this.r;
    let area = r.int(1, 899);
    if (area === 666) area = 667;
    return `${pad(area, 3)}-${pad(r.int(1, 99))}-${pad(r.int(1, 9999), 4)}`;
  }

  mrn(): [string, string] {
    const r = this.r;
    return r.pick([
      ['MRN: ', r.digits(8)], ['MRN ', `${r.int(1, 9)}${r.digits(6)}`], ['Medical Record #: ', `${r.letters(1)}${r.digits(7)}`],
      ['Med Rec No. ', `${r.digits(2)}-${r.digits(3)}-${r.digits(3)}`], ['Patient ID: ', `P${r.digits(9)}`],
    ] as Array<[string, string]>);
  }

  healthPlan(): [string, string] {
    const r = this.r;
    return r.pick([
      ['Member ID: ', `${r.letters(3)}${r.digits(9)}`], ['Policy No. ', `${r.letters(3)}-${r.digits(3)}-${r.digits(4)}`],
      ['Medicare ID ', `${r.int(1, 9)}${r.letters(2)}${r.int(1, 9)}-${r.letters(2)}${r.int(1, 9)}-${r.letters(2)}${r.digits(2)}`],
      ['Subscriber ID: ', r.digits(11)], ['Group No. ', `${r.digits(6)}-${r.letters(1)}${r.digits(2)}`],
    ] as Array<[string, string]>);
  }

  card(): string {
    const r = this.r;
    for (;;) {
      const digits = `4${r.digits(15)}`;
      if (luhnValid(digits)) return r.chance(0.5) ? digits.replace(/(\d{4})(?=\d)/g, '$1 ') : digits.replace(/(\d{4})(?=\d)/g, '$1-');
    }
  }
  account(): [string, string] {
    const r = this.r;
    return r.pick([
      ['Acct #: ', r.digits(11)], ['Account Number ', `${r.digits(4)}-${r.digits(4)}-${r.digits(2)}`],
      ['billing account ', `BA-${r.digits(8)}`], ['card number ', this.card()], ['Claim No. ', `${r.digits(4)}${r.letters(2)}${r.digits(5)}`],
    ] as Array<[string, string]>);
  }

  license(): [string, string] {
    const r = this.r;
    return r.pick([
      ['Lic. No. ', `${r.letters(1)}${r.digits(7)}`], ['DEA # ', `${r.letters(2)}${r.digits(7)}`], ['NPI: ', `1${r.digits(9)}`],
      ["Driver's License: ", `S${r.digits(3)}-${r.digits(4)}-${r.digits(4)}`], ['BBO No. ', r.digits(6)],
      ['Bar No. ', r.digits(6)], ['Certificate No. ', `${r.letters(2)}-${r.digits(6)}`],
    ] as Array<[string, string]>);
  }

  vin(): string {
    const r = this.r;
    const alphabet = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
    const body = `${r.int(1, 5)}${r.letters(2)}${r.letters(5, alphabet)}0${r.letters(8, alphabet)}`;
    return body.slice(0, 8) + vinCheckDigit(body) + body.slice(9);
  }
  vehicle(): [string, string] {
    const r = this.r;
    return r.pick([
      ['VIN: ', this.vin()], ['VIN ', this.vin()], ['License Plate: ', `${r.int(1, 9)}${r.letters(3)}${r.digits(3)}`],
      ['plate no. ', `${r.letters(3)} ${r.digits(4)}`],
    ] as Array<[string, string]>);
  }

  device(): [string, string] {
    const r = this.r;
    return r.pick([
      ['Serial No.: ', `SN-${r.digits(5)}-${r.letters(1)}`], ['serial number ', `${r.letters(3)}${r.digits(6)}`],
      ['Device ID: ', `(01)${r.digits(14)}`], ['UDI ', r.digits(14)], ['S/N ', `${r.letters(2)}${r.digits(8)}`],
    ] as Array<[string, string]>);
  }

  url(): string {
    const r = this.r;
    const host = r.pick(URL_HOSTS);
    const path = r.pick(['', `/patient/${r.digits(6)}`, `/records?id=${r.digits(7)}`, `/matters/${r.digits(4)}-${r.letters(2)}`, '/forms/intake.pdf']);
    return r.chance(0.6) ? `https://${host.replace(/^www\./, '')}${path}` : `${host}${path}`;
  }

  ip(): string {
    const r = this.r;
    if (r.chance(0.2)) return `2001:db8:${r.int(1, 0xffff).toString(16)}::${r.int(1, 0xffff).toString(16)}:${r.int(1, 0xffff).toString(16)}`;
    return `${r.int(10, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;
  }

  caseNumber(): [string, string] {
    const r = this.r;
    return r.pick([
      ['Case No. ', `${r.int(2015, 2024)}-CV-${r.digits(4)}`], ['No. ', `${r.int(1, 4)}:${r.int(15, 24)}-cv-${r.digits(5)}`],
      ['Docket No. ', `${r.int(15, 24)}-${r.digits(4)}`], ['Civil Action No. ', `${r.int(1, 3)}:${r.int(15, 24)}-cv-${r.digits(5)}-${r.letters(3)}`],
      ['Index No. ', `${r.digits(6)}/${r.int(2015, 2024)}`], ['Case #', `${r.letters(2)}-${r.int(2015, 2024)}-${r.digits(6)}`],
    ] as Array<[string, string]>);
  }

  age(): [string, string, string] {
    const r = this.r;
    const n = String(r.int(90, 104));
    return r.pick([['', n, '-year-old'], ['age ', n, ''], ['aged ', n, ''], ['', n, ' yo'], ['', n, ' y/o'], ['', n, ' year old']] as Array<[string, string, string]>);
  }

  street(): string {
    const r = this.r;
    const dir = r.chance(0.15) ? `${r.pick(['N.', 'S.', 'E.', 'W.', 'North', 'West'])} ` : '';
    const unit = r.chance(0.35) ? `${r.pick([', Apt ', ' Apt. ', ', Suite ', ', Unit ', ' #'])}${r.int(1, 40)}${r.chance(0.3) ? r.letters(1) : ''}` : '';
    return `${r.int(1, 9999)} ${dir}${r.pick(STREET_WORDS)} ${r.pick(STREET_SUFFIXES)}${unit}`;
  }
  city(): string {
    return this.r.pick(CITIES);
  }
  state(): string {
    return this.r.chance(0.85) ? this.r.pick(STATES) : this.r.pick(STATE_NAMES);
  }
  zip(): string {
    return this.r.chance(0.25) ? `0${this.r.digits(4)}-${this.r.digits(4)}` : `${this.r.int(0, 9)}${this.r.digits(4)}`;
  }
}
