import { describe, expect, it } from 'vitest';
import { CodeUnits } from './code-units';

const charCodes = (text: string) => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));

describe('CodeUnits', () => {
  it('gives every UTF-16 code unit as charCodeAt reads it: Latin-1, wide characters, surrogate pairs and lone surrogates', () => {
    const units = new CodeUnits(4);
    for (const text of ['', 'plain ASCII', 'café Ångström ß', 'Straße 5 – “quoted” İ ǅ', '😀 pair', 'lone \ud800 high, lone \udc00 low', '\u0000\uffff']) {
      expect([...units.of(text).subarray(0, text.length)]).toEqual(charCodes(text));
    }
  });

  it('grows for a longer text and stays right for shorter ones after it', () => {
    const units = new CodeUnits(8);
    const long = 'é'.repeat(50_000) + 'x';
    expect(units.of(long)[50_000]).toBe(120);
    expect(units.of(long).length).toBeGreaterThanOrEqual(long.length);
    expect([...units.of('abc').subarray(0, 3)]).toEqual([97, 98, 99]);
  });
});
