// Bytes → text for plain-text formats. UTF-8 (with or without BOM), UTF-16 LE/BE (BOM, or the
// NUL-byte pattern of BOM-less ASCII-range UTF-16), and a Windows-1252 ("Latin-1") fallback when the
// bytes are not valid UTF-8 — decoded character by character, never replaced by U+FFFD.
// Binary content (NUL bytes, many control characters) is refused so that a misnamed file never
// reaches the corpus.
import { FileRejected } from '../types';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

const SNIFF_BYTES = 64 * 1024;
/** Share of control characters (other than tab, newline, carriage return, form feed, escape) that marks binary. */
const MAX_CONTROL_RATIO = 0.1;

function countNuls(bytes: Uint8Array, parity: 0 | 1, limit: number): number {
  let n = 0;
  for (let i = parity; i < limit; i += 2) if (bytes[i] === 0) n++;
  return n;
}

/** Guesses BOM-less UTF-16 from where the NULs sit (ASCII-range text has a NUL in every other byte). */
function sniffUtf16(bytes: Uint8Array): TextEncodingName | null {
  const limit = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (limit < 4) return null;
  const half = limit / 2;
  const evenNuls = countNuls(bytes, 0, limit);
  const oddNuls = countNuls(bytes, 1, limit);
  if (oddNuls > 0.4 * half && evenNuls < 0.05 * half) return 'utf-16le';
  if (evenNuls > 0.4 * half && oddNuls < 0.05 * half) return 'utf-16be';
  return null;
}

/**
 * Why the bytes are binary, or null: a NUL byte anywhere, or a block of 64 KiB more than a tenth control characters —
 * every block, not only the first (1 MB of random bytes after 87 KB of text was imported as one garbled document).
 */
function looksBinary(bytes: Uint8Array): string | null {
  const nul = bytes.indexOf(0);
  if (nul !== -1) return nul < SNIFF_BYTES ? 'it contains NUL bytes' : `it contains NUL bytes from byte ${nul} on`;
  for (let from = 0; from < bytes.length; from += SNIFF_BYTES) {
    const to = Math.min(bytes.length, from + SNIFF_BYTES);
    let control = 0;
    for (let i = from; i < to; i++) {
      const b = bytes[i]!;
      if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
    }
    // A short last block counts as a whole one: a few stray bytes at the end of a text do not make it binary.
    const counted = to - from < SNIFF_BYTES && from > 0 ? SNIFF_BYTES : to - from;
    if (control / counted > MAX_CONTROL_RATIO) {
      const share = `${Math.round((100 * control) / counted)}% of`;
      return from === 0 ? `${share} its first bytes are control characters` : `${share} its bytes from byte ${from} on are control characters`;
    }
  }
  return null;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  // Most files have no NUL byte among the sniffed ones: then they are not UTF-16 by the sniff (which looks for NULs),
  // and decoding them as UTF-8 comes first — a text without a control character has no control byte either (in
  // UTF-8 a byte below 0x20 is always that character), so the byte-by-byte checks run only for the other files.
  if (bytes.subarray(0, SNIFF_BYTES).indexOf(0) === -1) {
    let text: string | null = null;
    try {
      text = utf8Strict.decode(bytes);
    } catch {
      // not UTF-8: checked and decoded below
    }
    if (text !== null && !CONTROL_CHARACTER.test(text)) return { text, encoding: 'utf-8' };
  }
  const utf16 = sniffUtf16(bytes);
  if (utf16 !== null) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };

  const binary = looksBinary(bytes);
  if (binary !== null) {
    throw binaryFile(binary);
  }
  try {
    return { text: utf8Strict.decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: legacy single-byte text. Windows-1252 is what "Latin-1" files almost always are.
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** The rejection of a file whose bytes are not text (`why`: looksBinary's reason). */
function binaryFile(why: string): FileRejected {
  return new FileRejected('binary', `Looks like binary data, not text (${why}). Remove it or convert it to text.`);
}

/** Refuses a file of records (CSV, JSON Lines) whose first 64 KiB are binary: its rows or lines would be noise. */
export function refuseBinaryHead(bytes: Uint8Array): void {
  const binary = looksBinary(bytes.subarray(0, SNIFF_BYTES));
  if (binary !== null) throw binaryFile(binary);
}

/** The characters looksBinary counts as control characters. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000e-\u001a\u001c-\u001f]/;

// 0x80–0x9F of Windows-1252 (the rest is ISO-8859-1). Node's own decoder maps this range to C1
// controls when built without full ICU, which would turn curly quotes into invisible characters.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Windows-1252 ("Latin-1" as legacy files mean it): every byte one character, none replaced. */
export function decodeWindows1252(bytes: Uint8Array): string {
  return windows1252FromLatin1(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'));
}

/** Text decoded as ISO-8859-1, made Windows-1252: its C1 range (0x80–0x9F) read as the curly quotes, dashes, € … it holds. */
export function windows1252FromLatin1(latin1: string): string {
  return latin1.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}
