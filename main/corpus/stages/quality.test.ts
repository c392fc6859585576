// Quality filters: each fires on the kind of text it is meant for, and clinical prose passes.
import { describe, expect, it } from 'vitest';
import { qualityVerdict } from './quality';

const prose = 'The patient was admitted with chest pain radiating to the left arm. Troponin was 0.04 ng/mL; ECG showed sinus rhythm.';

describe('qualityVerdict', () => {
  it('passes ordinary prose with some numbers', () => {
    expect(qualityVerdict(prose)).toBeNull();
  });
  it('filters short documents', () => {
    expect(qualityVerdict('Seen.')).toBe('min_length');
  });
  it('filters text that is mostly symbols and digits', () => {
    expect(qualityVerdict('12.4 | 13.9 | 88 | 101 | 7.2 | 6.6 | 0.04 | 140 | 4.1 | 22 | 1.3 | 99 | 5.5 | 0.9 |')).toBe('symbol_ratio');
    expect(qualityVerdict('QmFzZTY0IGVuY29kZWQgYmxvYg=='.repeat(2) + '/+/+/+/+==12345678901234567890!@#$%^&*()')).toBe('symbol_ratio');
  });
  it('filters documents made of repeated lines', () => {
    const repeated = Array.from({ length: 10 }, () => 'Please see the attached form for details.').join('\n');
    expect(qualityVerdict(repeated)).toBe('repeated_lines');
  });
  it('reads non-Latin letters as letters', () => {
    expect(qualityVerdict('Пациент поступил с болью в груди, иррадиирующей в левую руку, и одышкой при нагрузке.')).toBeNull();
  });
  it('filters on symbols above the share only, exactly at it or a character below it', () => {
    const options = { minChars: 0, maxSymbolRatio: 0.5, maxRepeatedLineRatio: 1 };
    // 600 visible characters (spaces and line breaks do not count): half symbols passes, one more fails.
    const text = (symbols: number) => `${'a'.repeat(600 - symbols)}${' 1'.repeat(symbols)}\n`;
    expect(qualityVerdict(text(300), options)).toBeNull();
    expect(qualityVerdict(text(301), options)).toBe('symbol_ratio');
    expect(qualityVerdict(`${'1'.repeat(301)}${'a'.repeat(299)}`, options)).toBe('symbol_ratio');
    expect(qualityVerdict(' \n '.repeat(50), options)).toBe('symbol_ratio'); // nothing visible
  });
});
