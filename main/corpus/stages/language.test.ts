// Language identification and the allow-list: confident foreign text is dropped, uncertain text is kept.
import { describe, expect, it } from 'vitest';
import { detectLanguage, rejectedByLanguage } from './language';

describe('language stage', () => {
  it('detects English, German and French prose', () => {
    expect(detectLanguage('The patient was admitted with chest pain and shortness of breath after climbing stairs.').language).toBe('en');
    expect(detectLanguage('Der Patient wurde mit Brustschmerzen und Atemnot nach dem Treppensteigen aufgenommen.').language).toBe('de');
    expect(detectLanguage("Le patient a été admis pour une douleur thoracique et un essoufflement à l'effort.").language).toBe('fr');
  });

  it('drops a confidently detected language outside the allow-list and keeps everything with no list', () => {
    const de = detectLanguage('Der Patient wurde mit Brustschmerzen und Atemnot nach dem Treppensteigen aufgenommen.');
    expect(rejectedByLanguage(de, ['en'])).toBe(true);
    expect(rejectedByLanguage(de, ['en', 'de'])).toBe(false);
    expect(rejectedByLanguage(de, [])).toBe(false);
  });

  it('never drops a document on an unreliable guess', () => {
    const guess = detectLanguage('BP 120/80 HR 72');
    if (!guess.reliable) expect(rejectedByLanguage(guess, ['en'])).toBe(false);
    expect(detectLanguage('').language).toBe('und');
  });
});
