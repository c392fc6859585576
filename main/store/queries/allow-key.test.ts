// The allow-list key: its shortcut for plain ASCII text gives what the full normalisation gives.
import { describe, expect, it } from 'vitest';
import { allowKey } from './allow-key';

const full = (t: string) => t.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

describe('allowKey', () => {
  it('lower-cases, collapses whitespace, trims and composes, plain or not', () => {
    const texts = ['John Smith', 'JOHN  SMITH', ' john smith ', 'a\tb', 'x\u00a0y', 'Zoe\u0308', 'ZOË', '555-0100', 'x@Y.org', '', ' ', 'İstanbul', 'ǅ', 'a\u2028b', '~!{}'];
    for (const t of texts) expect(allowKey(t), JSON.stringify(t)).toBe(full(t));
    expect(allowKey('Zoe\u0308')).toBe('zoë');
    expect(allowKey('  Ann \n Lee ')).toBe('ann lee');
  });
});
