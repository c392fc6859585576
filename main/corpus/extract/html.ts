// HTML → plain text with html-to-text: scripts, styles and images dropped, link targets dropped,
// tables kept as aligned text so that a table of results stays readable.
import { convert, type HtmlToTextOptions } from 'html-to-text';

const OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  preserveNewlines: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'noscript', format: 'skip' },
    { selector: 'svg', format: 'skip' },
    { selector: 'head', format: 'skip' },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false, maxColumnWidth: 10_000 } },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'h4', options: { uppercase: false } },
    { selector: 'h5', options: { uppercase: false } },
    { selector: 'h6', options: { uppercase: false } },
  ],
  // Elements nested deeper than 256 levels are not read (their text is dropped): a file of 100,000 nested <div>s otherwise
  // overflowed the call stack.
  limits: { maxInputLength: Number.MAX_SAFE_INTEGER, maxDepth: 256 },
};

export function htmlToText(html: string): string {
  return convert(html, OPTIONS);
}
