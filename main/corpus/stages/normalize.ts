// Text normalization applied to every document before anything else looks at it: Unicode NFC,
// line endings to \n, control and zero-width characters removed, exotic spaces to plain spaces,
// runs of spaces collapsed, trailing spaces trimmed, at most one blank line in a row.
// Deterministic and idempotent: normalize(normalize(x)) === normalize(x).

// White space — spaces, tabs and exotic spaces (no-break, en/em, thin, ideographic…), line breaks (\n, \r\n or a
// lone \r) — and the characters dropped — C0 controls other than \t \n, DEL, C1 controls, zero-width characters and
// BOM, soft hyphen, bidi marks — form runs between the other characters; so do the other breaks: a vertical tab, NEL
// (U+0085) and the line separator (U+2028) count as a line break, a form feed and the paragraph separator (U+2029)
// as two. Each run is rewritten as a whole: to nothing at the start and the end of the text (trimmed), else to
// "\n\n" when it holds two or more line breaks, "\n" for one, " " for spaces only, and to nothing when it holds only
// dropped characters.
// That is exactly
//   \r\n?, \v, NEL, U+2028 → \n; \f, U+2029 → \n\n; drop the other controls; runs of exotic spaces and tabs → " "; "  +" → " "; " *\n *" → "\n";
//   "\n\n\n+" → "\n\n"; trim
// applied in that order (a dropped character between two spaces leaves them next to each other, to be collapsed),
// in one regex pass that stops only at the runs that may change: two or more characters, a single character other
// than a space or a line break, or a single space or line break opening or ending the text.
const RUN = '[\\u0000-\\u0020\\u007f-\\u00a0\\u00ad\\u1680\\u2000-\\u200f\\u2028-\\u202f\\u205f-\\u2064\\u3000\\ufeff\\ufffe]';
const RUN_NOT_SPACE_OR_BREAK = '[\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u00a0\\u00ad\\u1680\\u2000-\\u200f\\u2028-\\u202f\\u205f-\\u2064\\u3000\\ufeff\\ufffe]';
const RUNS = new RegExp(`${RUN}{2,}|${RUN_NOT_SPACE_OR_BREAK}|^[ \\n]|[ \\n]$`, 'g');

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000;
}

function rewriteRun(run: string, offset: number, text: string): string {
  if (offset === 0 || offset + run.length === text.length) return '';
  let breaks = 0;
  let spaces = false;
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i);
    if (c === 0x0a || c === 0x0b || c === 0x85 || c === 0x2028) breaks++;
    else if (c === 0x0d) {
      breaks++;
      if (run.charCodeAt(i + 1) === 0x0a) i++;
    } else if (c === 0x0c || c === 0x2029) breaks += 2; // a page (form feed, as pdftotext writes) or paragraph ends
    else if (!spaces && isSpace(c)) spaces = true;
  }
  return breaks >= 2 ? '\n\n' : breaks === 1 ? '\n' : spaces ? ' ' : '';
}

/**
 * A code unit from U+0300 on. Below it every character is in NFC and none combines with another (the first
 * combining marks start there): a text without one is its own NFC, as most English texts are, and skips the
 * normalizer (V8 answers this test at once for a string of one-byte characters).
 */
const MAY_CHANGE_UNDER_NFC = /[^\u0000-\u02ff]/;

export function normalizeText(input: string): string {
  const text = MAY_CHANGE_UNDER_NFC.test(input) ? input.normalize('NFC') : input;
  return text.replace(RUNS, rewriteRun);
}

/** 1 for the characters countWords treats as spaces (below U+0021), 0 for the others. */
const WORD_SPACE = Uint8Array.from({ length: 33 }, (_, c) => (c === 32 || c === 10 || c === 9 || c === 13 ? 1 : 0));

/** Words as the reports count them (runs of non-space characters): counted without branches on the characters. */
export function countWords(text: string): number {
  let n = 0;
  let afterSpace = 1; // 1 at the start and after a space: a word starts at the next other character
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c <= 32 ? WORD_SPACE[c]! : 0;
    n += afterSpace & (space ^ 1);
    afterSpace = space;
  }
  return n;
}
