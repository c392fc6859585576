// HTML → plain text with html-to-text: scripts, styles and images dropped, a page's furniture (menus, sidebars, forms,
// hidden elements) dropped, link targets dropped, tables kept as aligned text so that a table of results stays
// readable. A page is decoded as its <meta charset> says.
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
    // A page's furniture, not its text: menus, banners, sidebars, forms and what the page hides.
    { selector: 'nav', format: 'skip' },
    { selector: 'aside', format: 'skip' },
    { selector: 'form', format: 'skip' },
    { selector: 'template', format: 'skip' },
    { selector: 'button', format: 'skip' },
    { selector: 'select', format: 'skip' },
    { selector: 'iframe', format: 'skip' },
    { selector: '[hidden]', format: 'skip' },
    { selector: '[aria-hidden=true]', format: 'skip' },
    { selector: '[role=navigation]', format: 'skip' },
    { selector: 'hr', format: 'skip' },
    // The "↑" links back from a note to its reference (mammoth writes them for Word's footnotes and endnotes).
    { selector: 'a[href^="#footnote-ref"]', format: 'skip' },
    { selector: 'a[href^="#endnote-ref"]', format: 'skip' },
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

// The HTML standard's prescan, in short: a <meta charset="…"> or <meta http-equiv="Content-Type" content="…;
// charset=…"> in the first 1024 bytes names the page's encoding.
const META_CHARSET_RE = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i;

/** The encoding a page declares in its first 1024 bytes (a label TextDecoder knows), or null. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString('latin1');
  const label = META_CHARSET_RE.exec(head)?.[1]?.toLowerCase();
  if (!label) return null;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null; // a label no decoder knows: the bytes decide
  }
}

/**
 * A page's text: decoded as it declares (a byte order mark first, then <meta charset>; UTF-8 and the fallbacks of
 * text files otherwise — a page that declares UTF-8 but is not is read as text files are), then converted.
 */
export function htmlFileToText(bytes: Uint8Array, decode: (bytes: Uint8Array) => string): string {
  const bom = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  const bom8 = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const declared = bom || bom8 ? null : declaredCharset(bytes);
  // UTF-16 cannot be declared from inside bytes read as ASCII; a UTF-8 (or ASCII) declaration is what decode tries first.
  if (declared === null || declared === 'utf-8' || declared.startsWith('utf-16')) return htmlToText(decode(bytes));
  return htmlToText(new TextDecoder(declared).decode(bytes));
}
