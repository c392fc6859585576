// Bytes → text for plain-text formats. UTF-8 (with or without BOM), UTF-16 LE/BE (BOM, or the
// NUL-byte pattern of BOM-less ASCII-range UTF-16), and a Windows-1252 ("Latin-1") fallback when the
// bytes are not valid UTF-8 — decoded character by character, never replaced by U+FFFD. A file that is
// mostly UTF-8 with some Windows-1252 bytes in it (two sources pasted together) is decoded sequence by sequence.
// Binary content (NUL bytes, many control characters) is refused so that a misnamed file never
// reaches the corpus.
import { FileRejected } from '../types';

/** 'utf-8+windows-1252': UTF-8 whose bytes outside any well-formed sequence were read as Windows-1252 (see decodeMostlyUtf8). */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'utf-8+windows-1252';

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
    // Not valid UTF-8: mostly UTF-8 with stray bytes, or legacy single-byte text. Windows-1252 is what "Latin-1"
    // files almost always are.
    const mixed = decodeMostlyUtf8(bytes);
    return mixed === null ? { text: decodeWindows1252(bytes), encoding: 'windows-1252' } : { text: mixed, encoding: 'utf-8+windows-1252' };
  }
}

/**
 * Length of the well-formed UTF-8 sequence of two to four bytes at `i` (the byte there is 0x80 or above), or 0 when
 * none starts there. Well-formed as the Unicode standard's table 3-7 has it: no overlong forms, no surrogates,
 * nothing past U+10FFFF — the sequences a strict decoder accepts.
 */
function sequenceAt(bytes: Uint8Array, i: number): number {
  const n = bytes.length;
  const lead = bytes[i]!;
  const second = i + 1 < n ? bytes[i + 1]! : 0;
  if (lead < 0xc2 || lead > 0xf4) return 0;
  if (lead < 0xe0) return (second & 0xc0) === 0x80 ? 2 : 0;
  const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
  const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
  if (second < low || second > high || i + 2 >= n || (bytes[i + 2]! & 0xc0) !== 0x80) return 0;
  if (lead < 0xf0) return 3;
  return i + 3 < n && (bytes[i + 3]! & 0xc0) === 0x80 ? 4 : 0;
}

/**
 * The text of bytes that are not valid UTF-8 but mostly are (a UTF-8 file with a Latin-1 part pasted or concatenated
 * in): each well-formed UTF-8 sequence read as UTF-8, each byte outside one as Windows-1252 — decoding it all as
 * Windows-1252 turned every UTF-8 character into mojibake ('café' → 'cafÃ©'). Null when the bytes are not mostly UTF-8.
 *
 * Mostly UTF-8: a UTF-8 byte order mark, or at least as many well-formed multi-byte sequences as stray bytes. Windows-1252
 * text forms a well-formed sequence only where two particular high bytes meet ('ß“', 'É' before a no-break space), a
 * small share of its accented letters and curly quotes; a file with no such sequence stays Windows-1252 whole.
 */
export function decodeMostlyUtf8(bytes: Uint8Array): string | null {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let sequences = 0;
  let stray = 0;
  for (let i = 0; i < bytes.length; ) {
    if (bytes[i]! < 0x80) {
      i++;
      continue;
    }
    const length = sequenceAt(bytes, i);
    if (length === 0) {
      stray++;
      i++;
    } else {
      sequences++;
      i += length;
    }
  }
  if (sequences === 0 || (!bom && stray > sequences)) return null;
  // Again, now cutting the bytes at each stray one: the runs between are valid UTF-8, decoded by Buffer at native speed.
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let from = bom ? 3 : 0;
  for (let i = from; i < bytes.length; ) {
    const byte = bytes[i]!;
    if (byte < 0x80) {
      i++;
      continue;
    }
    const length = sequenceAt(bytes, i);
    if (length !== 0) {
      i += length;
      continue;
    }
    if (i > from) parts.push(buffer.toString('utf8', from, i));
    parts.push(byte < 0xa0 ? CP1252_HIGH[byte - 0x80]! : String.fromCharCode(byte));
    from = ++i;
  }
  if (from < bytes.length) parts.push(buffer.toString('utf8', from));
  return parts.join('');
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
