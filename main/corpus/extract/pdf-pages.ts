// A PDF's pages as text a model should read: the text layer gives one line per printed line, with the page's running
// header and footer and its page number on every page, and words hyphenated at the end of a line. Here lines that
// repeat at the top or the bottom of most pages and page numbers are removed, a word hyphenated across a line
// break is joined ("treat-\nment" → "treatment"), and a line that a lower-case word continues is joined to it.

/** Pages from which running headers and footers are looked for: with fewer, a repeated line may be text. */
const MIN_PAGES = 3;
/** Lines looked at at each end of a page. */
const EDGE_LINES = 2;
/** "3", "Page 3", "Page 3 of 12", "3 / 12", "- 3 -", "iv". */
const PAGE_NUMBER_RE = /^(?:(?:page|seite|página|pagina)\s*)?(?:\d{1,5}|[ivxlc]{1,7})(?:\s*(?:of|von|de|\/)\s*\d{1,5})?$|^[-–—]\s*\d{1,5}\s*[-–—]$/i;

/** A line's key for repetition: digits as one mark, so "Page 2 of 9" and "Page 3 of 9" are the same line. */
const keyOf = (line: string) => line.trim().replace(/\d+/g, '#').toLowerCase();

export interface PdfText {
  text: string;
  /** Pages with no text at all (scanned images, most likely). */
  emptyPages: number;
  pages: number;
}

export function tidyPdfPages(pages: readonly string[]): PdfText {
  const lines = pages.map((page) => page.split('\n').map((l) => l.replace(/\s+$/, '')).filter((l) => l.trim() !== ''));
  const emptyPages = lines.filter((l) => l.length === 0).length;
  // Lines at the top or bottom of at least half the pages (and of MIN_PAGES at least) are running heads or feet.
  const repeated = new Set<string>();
  const withText = lines.filter((l) => l.length > 0).length;
  if (withText >= MIN_PAGES) {
    const pagesWith = new Map<string, number>();
    for (const page of lines) {
      const keys = new Set([...page.slice(0, EDGE_LINES), ...page.slice(-EDGE_LINES)].map(keyOf));
      for (const key of keys) pagesWith.set(key, (pagesWith.get(key) ?? 0) + 1);
    }
    for (const [key, n] of pagesWith) if (n >= Math.max(MIN_PAGES, withText / 2)) repeated.add(key);
  }
  const kept = lines.map((page) =>
    page.filter((line, i) => {
      const edge = i < EDGE_LINES || i >= page.length - EDGE_LINES;
      return !(edge && (repeated.has(keyOf(line)) || PAGE_NUMBER_RE.test(line.trim())));
    }),
  );
  const text = kept.filter((page) => page.length > 0).map(joinLines).join('\n\n');
  return { text, emptyPages, pages: pages.length };
}

/** A page's lines as paragraphs: hyphenated words joined, lines a lower-case word continues joined with a space. */
function joinLines(lines: readonly string[]): string {
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trimStart();
    if (i === 0) {
      out = line;
      continue;
    }
    const continues = /^[a-zß-öø-ÿ]/.test(line);
    if (continues && /[a-zß-öø-ÿ]-$/.test(out)) out = out.slice(0, -1) + line;
    else if (continues && !/[.!?:;]$/.test(out)) out += ` ${line}`;
    else out += `\n${line}`;
  }
  return out;
}
