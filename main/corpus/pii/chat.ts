// Chat exports (WhatsApp, Signal, SMS backups, Slack copies): every message line opens with a time, maybe a date, and
// the sender's name before a colon — "06:41 hodan: salaam everyone", "[12/03/2024, 06:41:22] Abdi W: ok",
// "12/03/2024, 06:41 - Ayaan 🌙: i can pick them". The senders are persons whatever their names are (no list need hold
// "hodan"), and once known they are found again where the messages name them ("ask faisal", "hodan can u send").
// A text is read as a chat only with two such lines or more; one "10:30 Note:" line in a clinical note is no chat.
import { isWordChar } from './context';
import { type Emit, type Pass, type PassEnv } from './types';

// A message line's opening: a date maybe, the time, "]" or " -" maybe, then the sender (group 1) and ": ".
const MESSAGE_RE =
  /[ \t]*\[?(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4},? )?\d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp]\.?[Mm]\.?)?\]?(?: [-–])? ([^\n:]{1,40}?): /y;
// The sender's name: one to three words of letters (an initial too: "abdi w"), symbols and emoji after it left out.
const SENDER_RE = /^([\p{L}][\p{L}'’.-]*(?: [\p{L}][\p{L}'’.-]*){0,2})[^\p{L}\p{N}]*$/u;
// Senders that are no person: the phone's owner, the app, a shared line.
const NOT_PERSONS: ReadonlySet<string> = new Set(['me', 'you', 'system', 'messages', 'whatsapp', 'signal', 'note', 'notes', 'update', 'unknown', 'admin', 'bot']);

interface Sender {
  start: number;
  end: number;
  words: string[];
}

/** The senders of a text's message lines (MESSAGE_RE at each line that opens with a digit or "["). */
function messageSenders(text: string, env: PassEnv): Sender[] {
  const senders: Sender[] = [];
  for (let line = 0; line < text.length; ) {
    let p = line;
    while (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9) p++;
    const c = text.charCodeAt(p);
    if ((c >= 48 && c <= 57) || c === 91) {
      MESSAGE_RE.lastIndex = line;
      const m = MESSAGE_RE.exec(text);
      const sender = m === null ? null : SENDER_RE.exec(m[1] as string);
      if (m !== null && sender !== null) {
        const name = sender[1] as string;
        const words = name.split(' ');
        const start = m.index + m[0].length - 2 - (m[1] as string).length;
        if (isPersonName(words, env)) senders.push({ start, end: start + name.length, words });
      }
    }
    const next = text.indexOf('\n', line);
    if (next === -1) break;
    line = next + 1;
  }
  return senders;
}

/**
 * Whether a sender's words may be a person's name: not ordinary words only, not the app or the owner ("Me"), not an
 * abbreviation in capitals that no name list holds (a flow sheet's "08:00 ABG: 7.31/48").
 */
function isPersonName(words: readonly string[], env: PassEnv): boolean {
  if (words.length === 1 && NOT_PERSONS.has((words[0] as string).toLowerCase())) return false;
  if (words.some((w) => env.isNeverName(w) || (w.length > 1 && w === w.toUpperCase() && !env.isNameWord(w)))) return false;
  return words.some((w) => w.length >= 2 && (env.isNameWord(w) || !env.isCommon(w)));
}

function chatSenders(text: string, emit: Emit, env: PassEnv): void {
  const all = messageSenders(text, env);
  if (all.length < 2) return;
  // A chat: three message lines or more, a sender among them writing again. Else a sender is a person only by the name
  // lists.
  const seen = new Set<string>();
  let again = false;
  for (const s of all) {
    const key = s.words.join(' ');
    if (seen.has(key)) again = true;
    seen.add(key);
  }
  const senders = again && all.length >= 3 ? all : all.filter((s) => s.words.some((w) => env.isNameWord(w)));
  const known = new Set<string>();
  for (const s of senders) {
    emit('NAME', s.start, s.end, 0.9);
    for (const w of s.words) {
      // Found again in the messages: a word of three letters or more that is no ordinary word ("hodan", "faisal").
      if (w.length >= 3 && !env.isCommon(w) && !env.isNeverName(w)) known.add(w.toLowerCase());
    }
  }
  if (known.size === 0) return;
  const escaped = [...known].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const mention = new RegExp(`(?<![\\p{L}\\p{N}'’-])(?:${escaped.join('|')})(?![\\p{L}\\p{N}'’-])`, 'giu');
  for (let m = mention.exec(text); m !== null; m = mention.exec(text)) emit('NAME', m.index, m.index + m[0].length, 0.85);
}

// A user's handle mentioned in a chat or a post ("@brendan.osullivan:", "cc @emre.yildiz"): "@" after no letter, digit
// or dot (an email's "@" has its user before it), then the handle. Broadcast mentions ("@here") and ordinary words
// ("@home", "@Override") are left: a handle with a dot, a "_", a "-" or a digit, or a name on the lists, is a person's.
const HANDLE_RE = /[A-Za-z][A-Za-z0-9._-]{1,29}/y;
const BROADCASTS: ReadonlySet<string> = new Set(['here', 'channel', 'everyone', 'all', 'group']);

function handles(text: string, emit: Emit, env: PassEnv): void {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    const c = at > 0 ? text.charCodeAt(at - 1) : 32;
    if (isWordChar(c) || c === 46 || c === 45 || c > 127) continue;
    HANDLE_RE.lastIndex = at + 1;
    const m = HANDLE_RE.exec(text);
    if (m === null) continue;
    const handle = m[0].replace(/[._-]+$/, '');
    const next = text.charCodeAt(at + 1 + m[0].length);
    if (next === 64 || handle.length < 3 || BROADCASTS.has(handle.toLowerCase())) continue; // "@a@b"
    if (!/[._\-\d]/.test(handle) && !env.isNameWord(handle)) continue;
    emit('NAME', at + 1, at + 1 + handle.length, 0.8);
  }
}

export const CHAT_PASSES: readonly Pass[] = [chatSenders, handles];
