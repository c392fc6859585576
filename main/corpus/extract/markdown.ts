// Markdown → plain text: keeps the words a reader sees (headings, list items, link and image text,
// code, footnotes), drops the markup (#, *, _, `, link targets, table rules, HTML tags and comments, YAML front
// matter), turns <br> into a line break, decodes character references (&amp;) and reads backslash escapes.
// Every pattern runs in time linear in the line: a span a pattern looks for (emphasis, link text, a tag) is
// bounded in length, and the line-shape tests are tried only on lines made of the characters they need, so a
// hostile or odd file (one line of 300,000 spaces, "_a _a _a …") costs no more than its size. Markup spanning
// more than the bounds (emphasis over 500 characters) is left in the text as written.
import { decodeHTML } from 'entities';

const FENCE = /^\s{0,3}(```|~~~)/;

// A backslash-escaped punctuation character stands for itself: kept out of the markup patterns as a private-use
// character (U+E000 + its code) and put back at the end.
const ESCAPED_RE = /\\([!-/:-@[-`{-~])/g;
const PROTECTED_RE = /[\ue021-\ue07e]/g;

function inline(raw: string): string {
  const line = raw.replace(ESCAPED_RE, (_, c: string) => String.fromCharCode(0xe000 + c.charCodeAt(0)));
  const text = line
    .replace(/!\[([^\]\n]{0,300})\]\([^)\n]{0,2000}\)/g, '$1') // images → alt text
    .replace(/\[([^\]\n]{1,300})\]\([^)\n]{0,2000}\)/g, '$1') // links → text
    .replace(/\[([^\]\n]{1,300})\]\[[^\]\n]{0,300}\]/g, '$1') // reference links
    .replace(/<https?:\/\/[^>\s]{1,2000}>/g, (m) => m.slice(1, -1)) // autolinks
    .replace(/\[\^[^\]\s]{1,100}\]/g, '') // footnote references ("reference[^1]")
    .replace(/<br\s*\/?>/gi, '\n') // a line break
    .replace(/<\/?[A-Za-z][^>\n]{0,300}>/g, '') // inline HTML tags
    .replace(/`+([^`\n]{1,1000})`+/g, '$1') // code spans
    .replace(/\*\*(?=\S)(.{1,500}?)(?<=\S)\*\*|(?<![A-Za-z0-9])__(?=\S)(.{1,500}?)(?<=\S)__(?![A-Za-z0-9])/g, '$1$2') // strong
    // Emphasis; an underscore inside a word ("snake_case_name") is no emphasis.
    .replace(/\*(?=\S)(.{1,500}?)(?<=\S)\*|(?<![A-Za-z0-9])_(?=\S)(.{1,500}?)(?<=\S)_(?![A-Za-z0-9])/g, '$1$2')
    .replace(/~~(.{1,500}?)~~/g, '$1'); // strikethrough
  return decodeHTML(text).replace(PROTECTED_RE, (c) => String.fromCharCode(c.charCodeAt(0) - 0xe000));
}

/** The text without its HTML comments (a comment left open runs to the end, as in HTML). */
function withoutComments(text: string): string {
  let out = '';
  let at = 0;
  for (let open = text.indexOf('<!--'); open !== -1; open = text.indexOf('<!--', at)) {
    out += text.slice(at, open);
    const close = text.indexOf('-->', open + 4);
    at = close === -1 ? text.length : close + 3;
  }
  return out + text.slice(at);
}

/** YAML front matter: "---" on the first line, closed by "---" or "..." within 200 lines. Its lines count, or 0. */
function frontMatterLines(lines: readonly string[]): number {
  if (lines[0]?.trim() !== '---') return 0;
  for (let i = 1; i < Math.min(lines.length, 200); i++) if (/^(?:---|\.\.\.)\s*$/.test(lines[i]!)) return i + 1;
  return 0;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\f' || c === '\v' || (c !== undefined && c > '\u007f' && /\s/.test(c));
}

/** An ATX heading's closing hashes ("## Plan ##" → "## Plan"): what replace(/\s+#+\s*$/, '') removes, without backtracking. */
function withoutClosingHashes(line: string): string {
  let end = line.length;
  while (end > 0 && isSpace(line[end - 1])) end--;
  let hashes = end;
  while (hashes > 0 && line[hashes - 1] === '#') hashes--;
  if (hashes === end || hashes === 0 || !isSpace(line[hashes - 1])) return line;
  let start = hashes;
  while (start > 0 && isSpace(line[start - 1])) start--;
  return line.slice(0, start);
}

export function markdownToText(markdown: string): string {
  const out: string[] = [];
  let inFence = false;
  const lines = withoutComments(markdown).split(/\r\n|\r|\n/);
  for (const raw of lines.slice(frontMatterLines(lines))) {
    if (FENCE.test(raw)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      out.push(raw);
      continue;
    }
    const rule = /^[\s*_-]+$/.test(raw); // only then can it be a horizontal rule, a table delimiter or an underline
    if (rule && /^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(raw)) continue; // horizontal rule
    if (/^[\s|:-]+$/.test(raw) && /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(raw)) continue; // table delimiter row
    if (/^\s{0,3}(=+|-+)\s*$/.test(raw)) continue; // setext underline
    const footnote = /^\s{0,3}\[\^[^\]]{1,100}\]:\s*/.exec(raw); // a footnote's text: kept
    if (footnote) {
      out.push(inline(raw.slice(footnote[0].length)));
      continue;
    }
    if (/^\s{0,3}\[[^\]]+\]:\s*\S+/.test(raw)) continue; // link reference definition
    let line = withoutClosingHashes(raw.replace(/^\s{0,3}#{1,6}\s+/, '')) // ATX heading
      .replace(/^(\s*>)+\s?/, '') // blockquote
      .replace(/^\s*([-*+]|\d{1,9}[.)])\s+(\[[ xX]\]\s+)?/, ''); // list item (and task box)
    if (line.includes('|') && /^\s*\|.*\|\s*$/.test(line)) {
      line = line
        .trim()
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim())
        .join('\t');
    }
    out.push(inline(line));
  }
  return out.join('\n');
}
