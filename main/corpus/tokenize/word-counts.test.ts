// WordCounts and FertilityCounter's word reading: the same words and counts as lower-casing each match of
// the word pattern and counting it in a Map, Unicode included, and the distinct-word limit honoured.
import { describe, expect, it } from 'vitest';
import { FertilityCounter } from './fertility';
import { WordCounts } from './word-counts';

const WORD = /\p{L}[\p{L}\p{M}'’-]*\p{L}|\p{L}/gu;

/** The reference: every match of the word pattern, lower-cased, counted in insertion order up to `limit` words. */
function reference(texts: string[], limit = Infinity): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const m of text.matchAll(WORD)) {
      const w = m[0].toLowerCase();
      const c = counts.get(w);
      if (c !== undefined) counts.set(w, c + 1);
      else if (counts.size < limit) counts.set(w, 1);
    }
  }
  return [...counts.entries()];
}

function counted(texts: string[], limit = 200_000): Array<[string, number]> {
  const counter = new FertilityCounter(limit);
  for (const t of texts) counter.add(t, 0);
  // Every word split into three pieces and of at least one letter: the report lists all of them with their counts.
  const tokenizer = { pieces: () => ['a', 'b', 'c'] } as never;
  return counter.report(tokenizer, { minChars: 1, candidates: 1e9, top: 1e9 }).fragmented.map((w) => [w.word, w.count]);
}

const TEXTS = [
  'The patient, the PATIENT and The Patient’s chart; rock’n’roll -- don\'t -a- b- x-ray',
  'Straße ÆSIR İstanbul ǅemal naïve café e\u0301clair \u0301a 𝐀𝐁c 𝑥y lone \ud800 surrogate \udc00',
  'ΑΒΓ δέλτα Ωμέγα Привет ДОКТОР Иванов 日本語のテキスト \u212Aelvin Kelvin kelvin',
  '123 a1b2 ___ x_y '.repeat(3),
];

describe('FertilityCounter word counts', () => {
  it('counts the same lower-cased words as the word pattern does, Unicode and repeats included', () => {
    const expected = reference(TEXTS);
    const byWord = (a: [string, number], b: [string, number]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
    expect(counted(TEXTS).sort(byWord)).toEqual(expected.sort(byWord));
    expect(expected.find(([w]) => w === 'patient')?.[1]).toBe(2);
    expect(expected.find(([w]) => w === 'patient’s')?.[1]).toBe(1);
    expect(expected.find(([w]) => w === 'kelvin')?.[1]).toBe(3); // the Kelvin sign lower-cases to ASCII "k"
  });

  it('stops adding new words at the limit but keeps counting the words it holds', () => {
    const texts = ['alpha beta alpha gamma delta beta alpha'];
    expect(counted(texts, 2).sort()).toEqual(reference(texts, 2).sort());
    expect(counted(texts, 2).sort()).toEqual([['alpha', 3], ['beta', 2]]);
  });
});

describe('WordCounts', () => {
  it('grows past its first table and keeps every count', () => {
    const counts = new WordCounts();
    const words = Array.from({ length: 10_000 }, (_, i) => `w${i.toString(36)}`);
    const text = words.join(' ');
    let at = 0;
    for (const w of words) {
      counts.add(text, at, at + w.length, Infinity);
      counts.add(text.toUpperCase(), at, at + w.length, Infinity);
      at += w.length + 1;
    }
    expect(counts.size).toBe(10_000);
    expect(counts.entries().every(([, c]) => c === 2)).toBe(true);
    expect(counts.entries()[123]).toEqual([words[123], 2]);
  });
});
