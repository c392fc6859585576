// The fallback tokenizer's fast path gives exactly the ids of its regex definition, whatever the script:
// shards written before and after it are interchangeable.
import { describe, expect, it } from 'vitest';
import { encodeIdsByRegex, wordTokenizer } from './word-tokenizer';

describe('wordTokenizer', () => {
  const tok = wordTokenizer();

  it('gives one id per word or punctuation mark, case-insensitively', () => {
    const ids = tok.encodeIds('The patient, the PATIENT.');
    expect(ids).toHaveLength(6);
    expect(ids[0]).toBe(ids[3]);
    expect(ids[1]).toBe(ids[4]);
    expect(ids[2]).not.toBe(ids[5]);
  });

  it('matches the regex definition on mixed scripts, accents, emoji, controls and odd spaces', () => {
    const pieces = ['café', 'Zoë', 'MÜLLER', 'naïve', '東京', 'İstanbul', 'ß', '🩺', 'e\u0301', 'x\u00a0y', '\u2028', '\u0000', '\u007f',
      '\t', '\r\n', '  ', 'A1b2', '42', '3.14', "don't", '—', '…', '(555) 123-4567', 'a_b', '\ud800', 'ǅ', 'Ⅻ', '٣', 'abc'];
    let seed = 7;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let k = 0; k < 500; k++) {
      let text = '';
      const n = 1 + Math.floor(rand() * 12);
      for (let i = 0; i < n; i++) text += pieces[Math.floor(rand() * pieces.length)]! + (rand() < 0.5 ? ' ' : '');
      expect(tok.encodeIds(text), JSON.stringify(text)).toEqual(encodeIdsByRegex(text, 50_000));
    }
  });
});
