// What the PII scan's reach depends on: its name rules read English (word lists, "words no list knows"), its
// structured identifiers mostly US formats. A corpus with a share of other languages is told so in its report.
import type { CorpusReport } from './dto';

/** Below this share of kept documents in other languages, the report says nothing. */
const NOTE_FROM = 0.02;

/**
 * A note for the report when at least 2% of the kept documents (of a scanned corpus) are in a language other than
 * English, naming the most frequent ones; null otherwise. Undetermined languages ("und") are left out of both counts.
 */
export function otherLanguagesNote(report: Pick<CorpusReport, 'languages' | 'pii'>): string | null {
  if (!report.pii.scanned) return null;
  const known = Object.entries(report.languages).filter(([code]) => code !== 'und');
  const total = known.reduce((a, [, n]) => a + n, 0);
  const others = known.filter(([code]) => code !== 'en').sort(([, a], [, b]) => b - a);
  const other = others.reduce((a, [, n]) => a + n, 0);
  if (total === 0 || other / total < NOTE_FROM) return null;
  const named = others.slice(0, 4).map(([code, n]) => `${code} ${n}`).join(', ') + (others.length > 4 ? ', …' : '');
  return (
    `${other} of ${total} documents are not in English (${named}). The personal-information scan reads English best: ` +
    'in other languages it finds names mostly after titles and labels or from its name lists, and identifiers in ' +
    'mostly US formats; review their findings, and their text, with care.'
  );
}
