// Normalization: what a user would see differ in their documents if it broke.
import { describe, expect, it } from 'vitest';
import { countWords, normalizeText } from './normalize';

describe('normalizeText', () => {
  it('composes accents (NFC) so that the same word is the same string', () => {
    expect(normalizeText('Caf\u0065\u0301')).toBe('Caf\u00e9');
  });

  it('unifies line endings, drops control and zero-width characters, collapses spaces', () => {
    const messy = 'Dose:\u00a0\u00a05\u200b mg\r\nNext\rline\u0007  end \t\n\n\n\nPlan\ufeff';
    expect(normalizeText(messy)).toBe('Dose: 5 mg\nNext\nline end\n\nPlan');
  });

  it('rewrites a text that needs a single change anywhere, and leaves a clean one as it is (trimmed)', () => {
    const clean = 'Plan:\nContinue Lasix 20 mg.\n\nFollow up in 2 weeks.';
    expect(normalizeText(`  ${clean}\n`)).toBe(clean);
    const cases: Array<[string, string]> = [
      ['a\n b', 'a\nb'], ['a \nb', 'a\nb'], ['a  b', 'a b'], ['a\n\n\nb', 'a\n\nb'], ['a\rb', 'a\nb'], ['a\tb', 'a b'],
      ['a\u00adb', 'ab'], ['a\u2009b', 'a b'], ['a\u200bb', 'ab'], ['a\u202fb', 'a b'], ['a\u2061b', 'ab'], ['a\u0085b', 'a\nb'],
      // The other breaks separate words: a line (vertical tab, NEL, line separator) or a page or paragraph.
      ['a\u000bb', 'a\nb'], ['a\u2028b', 'a\nb'], ['a\u000cb', 'a\n\nb'], ['a\u2029b', 'a\n\nb'], ['a.\u000c\nb', 'a.\n\nb'],
    ];
    for (const [input, output] of cases) expect(normalizeText(`${clean}\n${input}`)).toBe(`${clean}\n${output}`);
  });

  it('rewrites each run of white space and dropped characters as a whole, in texts with and without accents', () => {
    for (const accent of ['', 'Cafe\u0301 ']) {
      expect(normalizeText(`${accent}a \u200b b\u00a0\n\u0007\n \u2028\n\tc\u200b\u200bd \r\n\r \u3000`)).toBe(`${accent.normalize('NFC')}a b\n\ncd`);
    }
    expect(normalizeText('\u200b\n a')).toBe('a');
    expect(normalizeText('\u00ad')).toBe('');
  });

  it('is idempotent', () => {
    const once = normalizeText('  a\u2003b \r\n\r\n\r\n c\u0000 ');
    expect(normalizeText(once)).toBe(once);
  });

  it('counts words as runs of non-space characters', () => {
    expect(countWords('The  patient\nwas seen.')).toBe(4);
    expect(countWords('')).toBe(0);
  });
});
