// Near-duplicate detection: edited copies are caught at the default Jaccard 0.8, different texts are not.
import { describe, expect, it } from 'vitest';
import { estimateJaccard, minhashSignature } from './minhash';
import { fmix32 } from './hash';
import { NearDuplicateIndex } from './near-dup';

function words(n: number, seed: number): string[] {
  let x = seed >>> 0;
  return Array.from({ length: n }, () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return `w${x % 5000}`;
  });
}

describe('MinHash + LSH', () => {
  const base = words(400, 1);
  const edited = [...base];
  edited.splice(200, 0, 'inserted'); // one insertion: ~5 of ~400 shingles change
  edited[50] = 'changed';
  const unrelated = words(400, 2);

  it('estimates Jaccard similarity of shingle sets', () => {
    const a = minhashSignature(base.join(' '));
    expect(estimateJaccard(a, a)).toBe(1);
    expect(estimateJaccard(a, minhashSignature(edited.join(' ')))).toBeGreaterThan(0.9);
    expect(estimateJaccard(a, minhashSignature(unrelated.join(' ')))).toBeLessThan(0.1);
  });

  it('is case-insensitive and ignores punctuation and spacing', () => {
    const a = minhashSignature('The Patient, was  seen today; by Dr. Who.');
    const b = minhashSignature('the patient was seen today by dr who');
    expect(estimateJaccard(a, b)).toBe(1);
  });

  it('finds the kept document an edited copy duplicates, and not an unrelated one', () => {
    const index = new NearDuplicateIndex(0.8);
    index.add(0, minhashSignature(base.join(' ')));
    index.add(1, minhashSignature(unrelated.join(' ')));
    const match = index.query(minhashSignature(edited.join(' ')));
    expect(match?.of).toBe(0);
    expect(match!.similarity).toBeGreaterThanOrEqual(0.8);
    expect(index.query(minhashSignature(words(400, 3).join(' ')))).toBeNull();
  });

  it('keeps finding matches after its tables grow past their first size', () => {
    const index = new NearDuplicateIndex(0.8);
    for (let i = 0; i < 3000; i++) index.add(i, minhashSignature(words(60, 1000 + i).join(' ')));
    expect(index.query(minhashSignature(words(60, 1000 + 2500).join(' ')))?.of).toBe(2500);
    expect(index.query(minhashSignature(words(60, 1000 + 7).join(' ')))?.of).toBe(7);
  });

  it('answers the same whether sized for its documents up front or grown, across signature blocks', () => {
    const sized = new NearDuplicateIndex(0.8, 5000);
    const grown = new NearDuplicateIndex(0.8);
    for (let i = 0; i < 5000; i++) {
      const sig = minhashSignature(words(200, 2000 + i).join(' '));
      sized.add(i, sig);
      grown.add(i, sig);
    }
    for (const i of [0, 4095, 4096, 4999]) {
      const edited = words(200, 2000 + i);
      edited[100] = 'changed';
      const sig = minhashSignature(edited.join(' '));
      expect(sized.query(sig)?.of, `doc ${i}`).toBe(i);
      expect(grown.query(sig)).toEqual(sized.query(sig));
    }
  });

  it('does not call a half-shared text a near duplicate', () => {
    const index = new NearDuplicateIndex(0.8);
    index.add(0, minhashSignature(base.join(' ')));
    const half = [...base.slice(0, 200), ...unrelated.slice(0, 200)];
    expect(index.query(minhashSignature(half.join(' ')))).toBeNull();
  });

  it('indexes a kept document alike whether it was just queried or not (the query\'s band keys reused)', () => {
    const queried = new NearDuplicateIndex(0.8);
    const plain = new NearDuplicateIndex(0.8);
    for (let i = 0; i < 200; i++) {
      const sig = minhashSignature(words(100, 5000 + i).join(' '));
      queried.query(minhashSignature(words(100, 9000 + i).join(' '))); // another text's query: its keys are not used
      if (i % 2 === 0) queried.query(sig);
      queried.add(i, sig);
      plain.add(i, sig);
    }
    for (const i of [0, 1, 150, 199]) {
      const sig = minhashSignature(words(100, 5000 + i).join(' '));
      expect(queried.query(sig)).toEqual({ of: i, similarity: 1 });
      expect(plain.query(sig)).toEqual({ of: i, similarity: 1 });
    }
  });

  it('finds the most similar kept document that shares a band, as comparing with each of them in full does', () => {
    // Variants of a few texts with more or fewer words changed: a query shares bands with many kept documents, some
    // of them at or above the threshold (the comparison gives up early on the others).
    const index = new NearDuplicateIndex(0.8);
    const kept: Uint32Array[] = [];
    const variant = (base: number, changes: number, salt: number) => {
      const w = words(150, 7000 + base);
      for (let c = 0; c < changes; c++) w[(c * 37 + salt * 11) % 150] = `x${salt}-${c}`;
      return minhashSignature(w.join(' '));
    };
    for (let i = 0; i < 60; i++) {
      const sig = variant(i % 4, (i * 7) % 9, i);
      kept.push(sig);
      index.add(i, sig);
    }
    const same = (a: Uint32Array, b: Uint32Array) => a.filter((v, k) => (v & 0xffff) === (b[k]! & 0xffff)).length;
    const shareBand = (a: Uint32Array, b: Uint32Array) =>
      Array.from({ length: 25 }, (_, band) => band).some((band) => [0, 1, 2, 3, 4].every((r) => (a[band * 5 + r]! & 0xffff) === (b[band * 5 + r]! & 0xffff)));
    let matched = 0;
    for (let q = 0; q < 40; q++) {
      const sig = variant(q % 4, (q * 5) % 13, 100 + q);
      let best = 0;
      for (const k of kept) if (shareBand(sig, k) && same(sig, k) / 128 >= 0.8) best = Math.max(best, same(sig, k) / 128);
      const found = index.query(sig);
      expect(found?.similarity ?? 0, `query ${q}`).toBe(best);
      if (found) {
        expect(same(sig, kept[found.of]!) / 128).toBe(found.similarity);
        matched++;
      }
    }
    expect(matched).toBeGreaterThan(5); // the case is exercised: matches above the threshold among lesser candidates
    expect(matched).toBeLessThan(40);
  });

  it('enters a band shared by bucketCap kept documents no more, and still finds edited copies through their other bands', () => {
    // Signatures made directly: band 0 (bins 0–4) the same for every document, as template text makes it; the rest
    // the document's own.
    const sigOf = (doc: number) => Uint32Array.from({ length: 128 }, (_, bin) => (bin < 5 ? 7 : fmix32(doc * 1000 + bin) & 0xffff));
    const edit = (sig: Uint32Array) => sig.map((v, bin) => (bin >= 10 && bin < 14 ? v ^ 1 : v)); // 124/128 bins kept
    const capped = new NearDuplicateIndex(0.8, 0, 4);
    const open = new NearDuplicateIndex(0.8, 0, 1_000_000);
    for (let i = 0; i < 300; i++) { // past the first table size: growth keeps each document's bands
      capped.add(i, sigOf(i));
      open.add(i, sigOf(i));
    }
    const compared = (index: NearDuplicateIndex, sig: Uint32Array) => {
      const probe = index as unknown as { sameBand: (...args: unknown[]) => boolean };
      const own = probe.sameBand;
      let calls = 0;
      probe.sameBand = (...args: unknown[]) => {
        const same = own.apply(index, args);
        if (same) calls++;
        return same;
      };
      const found = index.query(sig);
      probe.sameBand = own;
      return { found, calls };
    };
    for (const i of [0, 3, 4, 150, 299]) {
      const a = compared(capped, edit(sigOf(i)));
      const b = compared(open, edit(sigOf(i)));
      expect(a.found).toEqual({ of: i, similarity: 124 / 128 });
      expect(b.found).toEqual(a.found);
      // The shared band holds 4 documents in the capped index, all 300 in the other (each also meets the document
      // itself in ~23 bands, and a stray entry or two whose key byte matches).
      expect(a.calls).toBeLessThan(40);
      expect(b.calls).toBeGreaterThanOrEqual(300);
    }
  });
});
