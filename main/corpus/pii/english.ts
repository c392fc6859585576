// Whether a text looks English enough for "a capitalised word no list knows" to be evidence of a name (names.ts).

// English function words that other Latin-script languages do not use as words: 10-40% of the words of English
// notes and prose, 0-3% of German, French or Dutch text. The name lists and the ordinary-word list are English, so
// in another language "a capitalised word no list knows" is every noun ("Daten Schutzgegenstand", "Logiciel
// Modifié") and is no evidence of a name there.
const ENGLISH_WORDS: ReadonlySet<string> = new Set([
  'the', 'and', 'of', 'to', 'with', 'for', 'that', 'this', 'by', 'from', 'were', 'been', 'which', 'have', 'had', 'was',
  'his', 'her', 'they', 'their', 'would', 'should', 'there', 'these', 'those', 'are', 'is', 'not', 'at', 'be', 'has',
  'will', 'it', 'who', 'we', 'you', 'our', 'any', 'such', 'shall', 'may', 'upon', 'under', 'she', 'he', 'patient',
]);
const LANGUAGE_SAMPLE = 2000;
// ENGLISH_WORDS in an open-addressing table keyed by the FNV-1a hash of the word, each slot checked against the word
// itself: looked up straight from the text while it is read (no slice, no string hashing).
const EN_SLOTS = 255; // mask
const EN_WORD: Array<string | undefined> = new Array<string | undefined>(EN_SLOTS + 1);
const EN_HASH = new Int32Array(EN_SLOTS + 1);
for (const w of ENGLISH_WORDS) {
  let h = 0x811c9dc5 | 0;
  for (let k = 0; k < w.length; k++) h = Math.imul(h ^ w.charCodeAt(k), 0x01000193);
  let slot = h & EN_SLOTS;
  while (EN_WORD[slot] !== undefined) slot = (slot + 1) & EN_SLOTS;
  EN_WORD[slot] = w;
  EN_HASH[slot] = h;
}

function isEnglishWord(text: string, start: number, end: number, h: number): boolean {
  for (let slot = h & EN_SLOTS; ; slot = (slot + 1) & EN_SLOTS) {
    const w = EN_WORD[slot];
    if (w === undefined) return false;
    if (EN_HASH[slot] === h && w.length === end - start) {
      let k = 0;
      while (k < w.length && w.charCodeAt(k) === text.charCodeAt(start + k)) k++;
      if (k === w.length) return true;
    }
  }
}

// The letters of words, looked up rather than compared (optimized code compiled on ASCII text has no feedback for a
// comparison with U+00C0–U+024F, and would be thrown away at the first accented letter): SMALL a–z, OTHER A–Z and
// U+00C0–U+024F.
const SMALL = 1;
const OTHER = 2;
const WORD_CLASSES = 0x250;
const WORD_CLASS = new Uint8Array(WORD_CLASSES);
WORD_CLASS.fill(OTHER, 65, 91);
WORD_CLASS.fill(SMALL, 97, 123);
WORD_CLASS.fill(OTHER, 0xc0, 0x250);

/**
 * False only for a text of at least 60 words (in its first LANGUAGE_SAMPLE characters) of which under 5% are
 * lower-case English function words. Reads character codes; only short lower-case words are looked up.
 */
export function looksEnglish(text: string): boolean {
  const n = Math.min(text.length, LANGUAGE_SAMPLE);
  let words = 0;
  let hits = 0;
  let start = -1;
  let lower = true;
  let h = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 32;
    const cls = c < WORD_CLASSES ? WORD_CLASS[c]! : 0;
    if (cls !== 0) {
      if (start < 0) {
        start = i;
        lower = true;
        h = 0x811c9dc5 | 0;
      }
      if (cls !== SMALL) lower = false;
      else h = Math.imul(h ^ c, 0x01000193);
    } else if (start >= 0) {
      words++;
      if (lower && i - start <= 7 && isEnglishWord(text, start, i, h)) {
        hits++;
        // Settled already when even the most words the rest could hold would not bring the share under 5%.
        if (hits >= (words + (n - i) / 2 + 1) * 0.05) return true;
      }
      start = -1;
    }
  }
  return words < 60 || hits >= words * 0.05;
}
