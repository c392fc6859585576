// The bundled name table: the very table the installed word lists build, used only under its own key.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { resourcesDir } from '../../platform/resources';
import { defaultLexicon } from './lexicon';
import { NAME_TABLE, decodeNameTable, defaultNameTable, encodeNameTable, nameTableKey } from './name-table';
import { COMMON, DOMAIN, FIRST, SUR, flagsFor } from './name-tokens';

const built = () => flagsFor(defaultLexicon());
const bundled = () => readFileSync(join(resourcesDir()!, NAME_TABLE));

describe('the bundled name table', () => {
  it('is the table the installed word lists build (regenerate with scripts/make-resources.ts when this fails)', () => {
    const copy = decodeNameTable(bundled(), nameTableKey());
    expect(copy, 'the copy was built from other word lists or code').not.toBeNull();
    expect(Buffer.from(copy!.share()).equals(Buffer.from(built().share()))).toBe(true);
  });

  it('serves the scanner: the same answers as the table built from the lists', () => {
    const table = defaultNameTable();
    const fresh = built();
    for (const word of ['Eleanor', 'whitfield', 'Warfarin', 'the', 'Parkinson', 'estoppel', 'zzqx', 'Brookline']) {
      expect(table.getWord(word), word).toBe(fresh.getWord(word));
    }
    expect(table.getWord('eleanor') & FIRST).toBe(FIRST);
    expect(table.getWord('whitfield') & SUR).toBe(SUR);
    expect(table.getWord('warfarin') & DOMAIN).toBe(DOMAIN);
    expect(table.getWord('estoppel') & DOMAIN).toBe(DOMAIN);
    expect(table.getWord('the') & COMMON).toBe(COMMON);
  });

  it('is refused under another key and when damaged, so the table is built instead', () => {
    const key = nameTableKey();
    const good = encodeNameTable(built(), key);
    expect(decodeNameTable(good, key)).not.toBeNull();
    expect(decodeNameTable(good, key.replace(/^./, (c) => (c === '0' ? '1' : '0')))).toBeNull(); // lists changed
    expect(decodeNameTable(good.subarray(0, good.length - 100), key)).toBeNull(); // truncated
    expect(decodeNameTable(good.subarray(0, 40), key)).toBeNull(); // header cut
    const corrupt = Buffer.from(good);
    corrupt[corrupt.length - 20]! ^= 0xff; // the gzip checksum no longer matches
    expect(decodeNameTable(corrupt, key)).toBeNull();
    const head = good.subarray(0, good.indexOf(0x0a, 13) + 1);
    expect(decodeNameTable(Buffer.concat([head, gzipSync(Buffer.alloc(12 * 3))]), key)).toBeNull(); // not a power of two of slots
    expect(decodeNameTable(Buffer.concat([head, gzipSync(Buffer.alloc(1001))]), key)).toBeNull(); // not whole slots
    expect(decodeNameTable(Buffer.alloc(0), key)).toBeNull();
  });
});
