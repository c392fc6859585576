// The exact-duplicate index: the first ordinal of each content hash, in typed arrays, at any corpus size.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ExactDuplicateIndex } from './exact-dup';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('ExactDuplicateIndex', () => {
  it('answers the ordinal recorded for a hash, and nothing for an unseen one, past several growths', () => {
    const index = new ExactDuplicateIndex();
    const n = 5000; // the table starts at 1024 slots
    for (let i = 0; i < n; i++) index.add(sha(`doc ${i}`), i);
    expect(index.size).toBe(n);
    for (let i = 0; i < n; i += 97) expect(index.get(sha(`doc ${i}`))).toBe(i);
    expect(index.get(sha('never added'))).toBeUndefined();
  });

  it('gives the same answers when sized for the documents up front', () => {
    const sized = new ExactDuplicateIndex(3000);
    for (let i = 0; i < 3000; i++) sized.add(sha(`doc ${i}`), i * 2);
    expect(sized.get(sha('doc 2999'))).toBe(5998);
    expect(sized.get(sha('doc 3000'))).toBeUndefined();
  });
});
