// Puts back, in a redacted text, the original text of chosen findings (those allow-listed after the import):
// "Seen by Dr. [NAME] for [NAME] Rights" → "Seen by Dr. [NAME] for Human Rights". The redacted text is the
// scanned text with each finding replaced by its placeholder (redact.ts; the scanner's findings never overlap), so
// each finding's placeholder stands at its scanned offset shifted by what the placeholders before it changed.

/** A finding as stored: its type, its offsets in the scanned text, its original text, and whether to put it back. */
export interface RedactedSpan {
  type: string;
  start: number;
  end: number;
  text: string;
  restore: boolean;
}

export interface Unredacted {
  text: string;
  /** Placeholders replaced by their original text in this call. */
  restored: number;
  /** Findings whose original text was already there (put back by an earlier call). */
  already: number;
}

/**
 * `stored` with the placeholders of the `restore` findings replaced by their text. `findings`: every finding of the
 * document, sorted by start (each one's placeholder, or its text when put back before, must stand where the
 * findings before it place it). Null when the text does not hold them there — it is not the redaction of these
 * findings, and nothing should be changed.
 */
export function unredact(stored: string, findings: readonly RedactedSpan[]): Unredacted | null {
  let out = '';
  let cursor = 0; // in `stored`: what is before it has been copied to `out`
  let shift = 0; // position in `stored` minus position in the scanned text, after the findings seen so far
  let restored = 0;
  let already = 0;
  let lastEnd = 0;
  for (const f of findings) {
    if (!(f.start >= lastEnd && f.end > f.start) || f.text.length !== f.end - f.start) return null;
    lastEnd = f.end;
    const at = f.start + shift; // never before `cursor`: the findings are sorted and do not overlap (checked above)
    const placeholder = `[${f.type}]`;
    if (stored.startsWith(placeholder, at)) {
      out += stored.slice(cursor, at);
      if (f.restore) {
        out += f.text;
        restored++;
      } else out += placeholder;
      cursor = at + placeholder.length;
      shift += placeholder.length - f.text.length;
    } else if (f.restore && stored.startsWith(f.text, at)) {
      already++; // put back before: the text holds it as it was scanned
    } else return null;
  }
  if (restored === 0) return { text: stored, restored, already };
  return { text: out + stored.slice(cursor), restored, already };
}
