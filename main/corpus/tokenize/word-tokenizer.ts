// The fallback tokenizer used until a base model is chosen: one token per word or punctuation mark,
// ids from a hash of the lower-cased token into a fixed vocabulary (id 0 is the document separator).
// Deterministic and fast; fertility against it is 1 by construction, so its report says so, and
// re-tokenizing with the chosen model's tokenizer later needs no re-import.
// Tokens are TOKEN's matches. ASCII runs are read and hashed by character codes (the same FNV-1a as
// hashString over the lower-cased token, without slicing it); a token that touches a non-ASCII
// character is matched by the regex itself, so the ids are exactly TOKEN's whatever the script.
import { fmix32, hashString } from '../stages/hash';
import type { CorpusTokenizer } from './types';

const TOKEN = /[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;
const TOKEN_AT = /[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/uy;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** The token ids TOKEN's matches give, by the regex alone (the reference the fast path must equal). */
export function encodeIdsByRegex(text: string, vocabSize: number): number[] {
  const ids: number[] = [];
  for (const m of text.matchAll(TOKEN)) ids.push(1 + (hashString(m[0].toLowerCase()) % (vocabSize - 1)));
  return ids;
}

export function encodeWordIds(text: string, vocabSize: number): number[] {
  const ids: number[] = [];
  const mod = vocabSize - 1;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (c === 32 || (c >= 9 && c <= 13)) {
        i++;
        continue;
      }
      if (!isAsciiAlnum(c)) {
        // One ASCII punctuation or control character: a token of its own.
        ids.push(1 + (fmix32(Math.imul(FNV_OFFSET ^ c, FNV_PRIME)) % mod));
        i++;
        continue;
      }
      let h = FNV_OFFSET;
      let j = i;
      let d = c;
      while (j < n && isAsciiAlnum(d)) {
        h = Math.imul(h ^ (d >= 65 && d <= 90 ? d | 0x20 : d), FNV_PRIME);
        d = text.charCodeAt(++j);
      }
      if (j >= n || d < 128) {
        ids.push(1 + (fmix32(h) % mod));
        i = j;
        continue;
      }
      // The word goes on past ASCII ("café"): let the regex read the whole token from its start.
    }
    TOKEN_AT.lastIndex = i;
    const m = TOKEN_AT.exec(text);
    if (m === null) {
      i++; // non-ASCII white space
      continue;
    }
    ids.push(1 + (hashString(m[0].toLowerCase()) % mod));
    i = TOKEN_AT.lastIndex;
  }
  return ids;
}

export function wordTokenizer(vocabSize = 50_000): CorpusTokenizer {
  return {
    key: `words-${vocabSize}`,
    vocab_size: vocabSize,
    encodeIds: (text) => encodeWordIds(text, vocabSize),
    pieces: (word) => word.match(TOKEN) ?? [],
    separatorId: 0,
  };
}
