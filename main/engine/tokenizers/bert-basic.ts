// BERT's "basic tokenizer" character rules, as transformers' BasicTokenizer applies them: remove
// control characters, treat Unicode spaces as whitespace, put spaces around CJK ideographs, NFC,
// lowercase + strip accents (per do_lower_case / strip_accents), and split off every punctuation char.
// `basicSplit` is the exact (slower) path; the WordPiece encoder uses it only for chunks that are not
// plain printable ASCII.

export interface BasicOptions {
  lowercase: boolean;
  /** null = follow lowercase (transformers' default), true/false = force. */
  stripAccents: boolean | null;
  chineseChars: boolean;
}

const CONTROL = /\p{C}/u;
const SPACE_SEPARATOR = /\p{Zs}/u;
const PUNCTUATION = /\p{P}/u;
const NONSPACING_MARKS = /\p{Mn}/gu;

export function isAsciiPunctuation(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

export function isControl(ch: string, cp: number): boolean {
  if (cp === 9 || cp === 10 || cp === 13) return false;
  return CONTROL.test(ch);
}

/** Whitespace for BERT: the four ASCII ones, Unicode space separators, and line/paragraph separators. */
export function isWhitespace(ch: string, cp: number): boolean {
  if (cp === 32 || cp === 9 || cp === 10 || cp === 13) return true;
  if (cp === 0x2028 || cp === 0x2029) return true; // Python's str.split() splits on these too
  return cp > 127 && SPACE_SEPARATOR.test(ch);
}

export function isPunctuation(ch: string, cp: number): boolean {
  return isAsciiPunctuation(cp) || (cp > 127 && PUNCTUATION.test(ch));
}

export function isChineseChar(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

function stripAccents(text: string): string {
  return text.normalize('NFD').replace(NONSPACING_MARKS, '');
}

/** Splits `text` into BERT basic tokens (the words WordPiece then splits further). */
export function basicSplit(text: string, options: BasicOptions, out: string[] = []): string[] {
  let cleaned = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0 || cp === 0xfffd || isControl(ch, cp)) continue;
    if (isWhitespace(ch, cp)) cleaned += ' ';
    else if (options.chineseChars && isChineseChar(cp)) cleaned += ` ${ch} `;
    else cleaned += ch;
  }
  cleaned = cleaned.normalize('NFC');
  for (let token of cleaned.split(' ')) {
    if (token.length === 0) continue;
    if (options.lowercase) {
      token = token.toLowerCase();
      if (options.stripAccents !== false) token = stripAccents(token);
    } else if (options.stripAccents) {
      token = stripAccents(token);
    }
    let word = '';
    for (const ch of token) {
      if (isPunctuation(ch, ch.codePointAt(0)!)) {
        if (word) out.push(word);
        out.push(ch);
        word = '';
      } else {
        word += ch;
      }
    }
    if (word) out.push(word);
  }
  return out;
}
