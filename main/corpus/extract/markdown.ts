// Markdown → plain text: keeps the words a reader sees (headings, list items, link and image text,
// code), drops the markup (#, *, _, `, link targets, table rules, HTML tags).
// Every pattern runs in time linear in the line: a span a pattern looks for (emphasis, link text, a tag) is
// bounded in length, and the line-shape tests are tried only on lines made of the characters they need, so a
// hostile or odd file (one line of 300,000 spaces, "_a _a _a …") costs no more than its size. Markup spanning
// more than the bounds (emphasis over 500 characters) is left in the text as written.
const FENCE = /^\s{0,3}(```|~~~)/;

function inline(line: string): string {
  return line
    .replace(/!\[([^\]\n]{0,300})\]\([^)\n]{0,2000}\)/g, '$1') // images → alt text
    .replace(/\[([^\]\n]{1,300})\]\([^)\n]{0,2000}\)/g, '$1') // links → text
    .replace(/\[([^\]\n]{1,300})\]\[[^\]\n]{0,300}\]/g, '$1') // reference links
    .replace(/<https?:\/\/[^>\s]{1,2000}>/g, (m) => m.slice(1, -1)) // autolinks
    .replace(/<\/?[A-Za-z][^>\n]{0,300}>/g, '') // inline HTML tags
    .replace(/`+([^`\n]{1,1000})`+/g, '$1') // code spans
    .replace(/(\*\*|__)(?=\S)(.{1,500}?)(?<=\S)\1/g, '$2') // strong
    .replace(/(\*|_)(?=\S)(.{1,500}?)(?<=\S)\1/g, '$2') // emphasis
    .replace(/~~(.{1,500}?)~~/g, '$1'); // strikethrough
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
  for (const raw of markdown.split(/\r\n|\r|\n/)) {
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
