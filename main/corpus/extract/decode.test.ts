// Decoding of plain-text files: encodings a user's files really come in, and binary refused.
import { describe, expect, it } from 'vitest';
import { decodeText } from './decode';
import { FileRejected } from '../types';

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeText(Buffer.from('Zoë’s café', 'utf8'))).toEqual({ text: 'Zoë’s café', encoding: 'utf-8' });
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('naïve', 'utf8')]);
    expect(decodeText(withBom).text).toBe('naïve');
  });

  it('reads UTF-16 LE and BE with a BOM, and LE without one', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Größe 12 mg', 'utf16le')]);
    expect(decodeText(le)).toEqual({ text: 'Größe 12 mg', encoding: 'utf-16le' });
    const beBody = Buffer.from('Größe 12 mg', 'utf16le').swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), beBody]))).toEqual({ text: 'Größe 12 mg', encoding: 'utf-16be' });
    expect(decodeText(Buffer.from('plain ascii text in utf16', 'utf16le')).text).toBe('plain ascii text in utf16');
  });

  it('falls back to Latin-1 / Windows-1252 for invalid UTF-8 without mangling accents', () => {
    const latin1 = Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x6f, 0x6b, 0x94]); // Café “ok”
    expect(decodeText(latin1)).toEqual({ text: 'Café “ok”', encoding: 'windows-1252' });
  });

  it('reads a file of UTF-8 with Windows-1252 bytes in it (two sources put together) sequence by sequence', () => {
    const utf8 = Buffer.from('Zoë’s café — 5 mg 😀\n', 'utf8');
    const cp1252 = Buffer.from('A na\xefve \x93quote\x94, Gr\xfc\xdfe.\n', 'latin1');
    expect(decodeText(Buffer.concat([utf8, cp1252]))).toEqual({ text: 'Zoë’s café — 5 mg 😀\nA naïve “quote”, Grüße.\n', encoding: 'utf-8+windows-1252' });
    // One UTF-8 character and one Latin-1 byte are enough; a UTF-8 text cut inside its last character keeps the rest.
    expect(decodeText(Buffer.concat([Buffer.from('café '), Buffer.from([0x6e, 0x61, 0xef, 0x76, 0x65])])).text).toBe('café naïve');
    expect(decodeText(Buffer.concat([Buffer.from('Zoë’s note'), Buffer.from([0xe2, 0x80])])).text).toBe('Zoë’s noteâ€');
    // A byte order mark declares UTF-8: the Latin-1 bytes after it are read so, and the mark is not text.
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('r\xe9sum\xe9 \xe0 la caf\xe9t\xe9ria', 'latin1')]);
    expect(decodeText(bom)).toEqual({ text: 'résumé à la cafétéria', encoding: 'utf-8+windows-1252' });
  });

  it('reads Windows-1252 whole when few of its bytes happen to form UTF-8 sequences', () => {
    // 'ß“' (0xDF 0x93) is a well-formed UTF-8 sequence (U+07D3); the other accented letters and quotes are not.
    const german = Buffer.from('\x84Gr\xfc\xdfe aus M\xfcnchen\x93, sagte er. \x84Gru\xdf\x93 und \x84Tsch\xfcss\x93.', 'latin1');
    expect(decodeText(german)).toEqual({ text: '„Grüße aus München“, sagte er. „Gruß“ und „Tschüss“.', encoding: 'windows-1252' });
    // With no well-formed sequence at all, a single stray byte is Windows-1252 as before.
    expect(decodeText(Buffer.from('Caf\xe9', 'latin1'))).toEqual({ text: 'Café', encoding: 'windows-1252' });
  });

  it('refuses binary data with a reason', () => {
    const bytes = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x10, 0x20]);
    expect(() => decodeText(bytes)).toThrow(FileRejected);
    expect(() => decodeText(bytes)).toThrow(/binary/);
    const controls = Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41)));
    expect(() => decodeText(controls)).toThrow(/control characters/);
  });

  it('refuses binary data that starts after the first 64 KiB of text', () => {
    const text = Buffer.from('A long clinical letter in Latin-1: r\xe9sum\xe9 of the visit.\n'.repeat(1500), 'latin1'); // 87 KB
    expect(decodeText(text).encoding).toBe('windows-1252');
    let seed = 7;
    const noise = Buffer.from(Array.from({ length: 300_000 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff));
    expect(() => decodeText(Buffer.concat([text, noise]))).toThrow(/binary data, not text \(it contains NUL bytes from byte \d+ on\)/);
    const controls = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i % 4 === 0 ? 0x02 : 0x41)));
    expect(() => decodeText(Buffer.concat([text, controls]))).toThrow(/\d+% of its bytes from byte 65536 on are control characters/);
    // A few stray control bytes at the end of a text do not make it binary.
    expect(decodeText(Buffer.concat([text, Buffer.from([0x01, 0x02, 0x03])])).text.length).toBe(text.length + 3);
  });
});
