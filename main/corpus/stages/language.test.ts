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

  it('takes the English fast path only for English prose, and agrees with the model there', async () => {
    const { eld } = await import('eld/medium');
    const english = 'The tenant shall pay the rent on the first day of each month, and the landlord shall keep the building in good repair for the duration of the lease.';
    expect(detectLanguage(english)).toEqual({ language: 'en', reliable: true });
    expect(eld.detect(english).language).toBe('en');
    const others: Record<string, string> = {
      de: 'Der Mieter hat die Miete am ersten Tag eines jeden Monats zu zahlen, und der Vermieter hat das Gebäude während der Dauer des Mietvertrags in gutem Zustand zu halten.',
      fr: "Le locataire paiera le loyer le premier jour de chaque mois, et le bailleur maintiendra le bâtiment en bon état pendant toute la durée du bail, sans exception aucune.",
      nl: 'De huurder betaalt de huur op de eerste dag van elke maand, en de verhuurder houdt het gebouw in goede staat gedurende de looptijd van de huurovereenkomst.',
      es: 'El inquilino pagará el alquiler el primer día de cada mes, y el arrendador mantendrá el edificio en buen estado durante toda la vigencia del contrato de arrendamiento.',
    };
    for (const [code, text] of Object.entries(others)) expect(detectLanguage(text).language, code).toBe(code);
  });

  it('never drops a document on an unreliable guess', () => {
    const guess = detectLanguage('BP 120/80 HR 72');
    if (!guess.reliable) expect(rejectedByLanguage(guess, ['en'])).toBe(false);
    expect(detectLanguage('').language).toBe('und');
  });
});
