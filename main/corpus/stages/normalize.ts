// Text normalization applied to every document before anything else looks at it: Unicode NFC,
// line endings to \n, control and zero-width characters removed, exotic spaces to plain spaces,
// runs of spaces collapsed, trailing spaces trimmed, at most one blank line in a row.
// Deterministic and idempotent: normalize(normalize(x)) === normalize(x).

// C0 controls except \t \n; DEL; C1 controls; zero-width and BOM; soft hyphen; bidi marks.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\ufffe]/g;
const SPACES = /[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;

// Anything one of the replacements below would change: a carriage return, a control, zero-width or exotic space
// character, a space next to a space or a line break, three line breaks in a row. Most texts have none, and one
// test costs less than running every replacement (/ *\n */ alone matches, and rewrites, every line break).
const NEEDS_REPLACING = /[\r\t\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00a0\u00ad\u1680\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff\ufffe]| [ \n]|\n |\n\n\n/;

export function normalizeText(input: string): string {
  let text = input.normalize('NFC');
  if (!NEEDS_REPLACING.test(text)) return text.trim();
  text = text.replace(/\r\n?/g, '\n');
  text = text.replace(CONTROL, '');
  text = text.replace(SPACES, ' ');
  text = text.replace(/ {2,}/g, ' ');
  text = text.replace(/ *\n */g, '\n');
  text = text.replace(/\n{3,}/g, '\n\n');
  return text.trim();
}

/** Words as the reports count them (runs of non-space characters). */
export function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}
