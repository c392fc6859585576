// Language identification and the allow-list: confident foreign text is dropped, uncertain text is kept.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DETECTABLE_LANGUAGES } from '../../common/languages';
import { resourcesDir } from '../../platform/resources';
import {
  clearlyEnglish,
  detectLanguage,
  ELD_NGRAMS_MODULE,
  eldPackageDir,
  languageWindow,
  loadLanguageModel,
  loadModelCopy,
  MODEL_COPY,
  type ModelCopy,
  needsLanguageModel,
  rejectedByLanguage,
} from './language';

describe('language stage', () => {
  it('asks for the n-gram model only for text that is not clearly English', () => {
    // Runs first: the model is not loaded yet in this file.
    expect(needsLanguageModel('The tenant shall pay the rent on the first day of each month, and the landlord shall keep the building in good repair for the duration of the lease.')).toBe(false);
    expect(needsLanguageModel('Der Patient wurde mit Brustschmerzen und Atemnot nach dem Treppensteigen aufgenommen.')).toBe(true);
    expect(() => detectLanguage('Der Patient wurde mit Brustschmerzen und Atemnot nach dem Treppensteigen aufgenommen.')).toThrow(/loadLanguageModel/);
  });

  describe('with the model', () => {
    beforeAll(loadLanguageModel);
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

    it("lists exactly the detector's languages as the ones an allow-list may name", async () => {
      const { eld } = await import('eld/medium');
      const info = eld.info() as { Languages: Record<string, string> };
      expect([...DETECTABLE_LANGUAGES]).toEqual(Object.values(info.Languages).sort());
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
});

describe('clearlyEnglish (the fast path before the n-gram model)', () => {
  // The definition it replaced: runs of Latin letters, lower-cased, share of function words.
  const byRegex = (text: string) => {
    const words = [...text.matchAll(/[A-Za-z\u00c0-\u024f]+/g)].map((m) => m[0].toLowerCase());
    const hits = words.filter((w) => ['the', 'and', 'of', 'to', 'with', 'for', 'that', 'this', 'by', 'from', 'were', 'been', 'which', 'have', 'had', 'was',
      'his', 'her', 'they', 'their', 'would', 'should', 'there', 'these', 'those', 'are', 'is', 'not', 'at', 'be', 'has',
      'will', 'or', 'an', 'it', 'on', 'who', 'we', 'you', 'our', 'any', 'such', 'shall', 'may', 'upon', 'under'].includes(w)).length;
    return words.length >= 25 && hits / words.length >= 0.12;
  };

  it('agrees with its regex definition on English, German, French and mixed text', () => {
    const texts = [
      'The patient was seen in the clinic today and has been doing well with the new medication, which she takes at night. ' +
        'Her blood pressure is stable and there are no new complaints; we will see her again in three months for a review of the results.',
      'Der Patient wurde heute in der Klinik gesehen und es geht ihm mit dem neuen Medikament gut, das er abends einnimmt. Sein Blutdruck ist stabil.',
      'Le patient a été vu aujourd\u2019hui à la clinique et se porte bien avec le nouveau médicament, qu\u2019il prend le soir. On le reverra dans trois mois.',
      'THE PATIENT AND HIS WIFE WERE SEEN BY US AT THE CLINIC; THEY HAVE BEEN WELL AND WILL RETURN. Ünd Ärzte Öfter SHALL UPON UNDER ' + 'x '.repeat(20),
      'ſhall the İstanbul and Æther of ' + 'word '.repeat(30),
    ];
    for (const t of texts) expect(clearlyEnglish(t), t.slice(0, 30)).toBe(byRegex(t));
    expect(clearlyEnglish(texts[0]!)).toBe(true);
    expect(clearlyEnglish(texts[1]!)).toBe(false);
  });
});

describe('the clearly-English answer, remembered between needsLanguageModel and detectLanguage', () => {
  it('answers for each text, whatever the order the texts are asked about', async () => {
    await loadLanguageModel();
    const english = 'The patient was seen in clinic today and the plan of care was discussed with the family, who agreed with it and will return in two weeks for review.';
    const german = 'Der Patient wurde mit Brustschmerzen und Atemnot nach dem Treppensteigen aufgenommen und blieb zwei Tage im Krankenhaus.';
    // Same lengths, different texts: told apart by their characters, not only their length.
    const texts = Array.from({ length: 150 }, (_, i) => (i % 3 === 0 ? `${german} ${100 + i}` : `${english} ${100 + i}`));
    const expected = (t: string) => (t.startsWith('Der') ? 'de' : 'en');
    for (const t of texts) needsLanguageModel(t);
    for (const order of [texts, [...texts].reverse(), texts.filter((_, i) => i % 7 === 0), texts]) {
      for (const t of order) expect(detectLanguage(t).language).toBe(expected(t));
    }
  });
});

describe('the JSON copy of the n-gram model (resources/language)', () => {
  const copyFile = join(resourcesDir() ?? 'resources', MODEL_COPY);

  it("is the installed eld's medium model, unchanged (after updating eld: node --import tsx scripts/make-resources.ts)", async () => {
    const eldDir = eldPackageDir();
    expect(eldDir).not.toBeNull();
    const { ngramsData } = (await import(pathToFileURL(join(eldDir!, ELD_NGRAMS_MODULE)).href)) as { ngramsData: unknown };
    const copy = JSON.parse(readFileSync(copyFile, 'utf8')) as ModelCopy;
    expect(copy.eld).toBe((JSON.parse(readFileSync(join(eldDir!, 'package.json'), 'utf8')) as { version: string }).version);
    expect(copy.ngramsData).toStrictEqual(ngramsData);
  });

  it('detects exactly as eld/medium: language, reliability and scores, on the SPDX licences and other languages', async () => {
    const fromCopy = await loadModelCopy();
    expect(fromCopy, 'the copy loads (otherwise every import pays for eld/medium)').not.toBeNull();
    const { eld } = await import('eld/medium');
    const legal = join(resourcesDir()!, 'corpora', 'sample-legal');
    const texts = readdirSync(legal).map((name) => readFileSync(join(legal, name), 'utf8'));
    expect(texts.length).toBeGreaterThan(500);
    const samples = [
      ...texts.flatMap((t) => [languageWindow(t), t.slice(0, 1000)]),
      'Der Mieter hat die Miete am ersten Tag eines jeden Monats zu zahlen.',
      "Le locataire paiera le loyer le premier jour de chaque mois, sans exception aucune.",
      'Il paziente è stato ricoverato per dolore toracico e dispnea da sforzo.',
      'O paciente foi internado com dor no peito e falta de ar após subir escadas.',
      'Pacjent został przyjęty z bólem w klatce piersiowej i dusznością po wejściu po schodach.',
      'Пациент поступил с болью в груди и одышкой после подъёма по лестнице.',
      'Ο ασθενής εισήχθη με πόνο στο στήθος και δύσπνοια μετά από ανάβαση σκάλας.',
      '患者は階段を上った後の胸痛と息切れで入院した。',
      '患者在爬楼梯后因胸痛和呼吸急促入院。',
      'تم إدخال المريض إلى المستشفى بسبب ألم في الصدر وضيق في التنفس.',
      'BP 120/80 HR 72',
      '',
    ];
    let differences = 0;
    const languages = new Set<string>();
    for (const text of samples) {
      const a = eld.detect(text);
      const b = fromCopy!.detect(text);
      languages.add(a.language);
      if (a.language !== b.language || a.isReliable() !== b.isReliable() || JSON.stringify(a.getScores()) !== JSON.stringify(b.getScores())) differences++;
    }
    expect(differences).toBe(0);
    expect(languages.size).toBeGreaterThan(10); // the samples reach well beyond English
  });

  it('is not used when it is missing, damaged or made from another eld: the model then loads from eld/medium', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eld-copy-'));
    try {
      const copy = JSON.parse(readFileSync(copyFile, 'utf8')) as ModelCopy;
      const write = (name: string, body: string) => {
        writeFileSync(join(dir, name), body);
        return join(dir, name);
      };
      expect(await loadModelCopy(join(dir, 'missing.json'))).toBeNull();
      expect(await loadModelCopy(write('cut.json', readFileSync(copyFile, 'utf8').slice(0, 5000)))).toBeNull();
      expect(await loadModelCopy(write('version.json', JSON.stringify({ ...copy, eld: '0.0.1' })))).toBeNull();
      expect(await loadModelCopy(write('size.json', JSON.stringify({ ...copy, moduleBytes: copy.moduleBytes + 1 })))).toBeNull();
      expect(await loadModelCopy(null)).toBeNull();
      expect(await loadModelCopy(write('same.json', JSON.stringify(copy)))).not.toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
