import { describe, expect, it } from 'vitest';
import { otherLanguagesNote } from './pii-languages';

const scanned = { mode: 'redact' as const, scanned: true, documents_with_findings: 0, dropped: 0 };

describe('the report note on documents in other languages', () => {
  it('names the other languages from 2% of the documents on, most frequent first', () => {
    const note = otherLanguagesNote({ languages: { en: 510, de: 7, fr: 8, ja: 1, und: 40 }, pii: scanned });
    expect(note).toMatch(/^16 of 526 documents are not in English \(fr 8, de 7, ja 1\)\. The personal-information scan reads English best/);
    expect(otherLanguagesNote({ languages: { en: 990, de: 10 }, pii: scanned })).toBeNull();
    expect(otherLanguagesNote({ languages: { de: 5 }, pii: { ...scanned, scanned: false } })).toBeNull();
    expect(otherLanguagesNote({ languages: {}, pii: scanned })).toBeNull();
  });
});
