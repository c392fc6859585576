// Markdown → plain text: keeps the words a reader sees (headings, list items, link and image text,
// code), drops the markup (#, *, _, `, link targets, table rules, HTML tags).
const FENCE = /^\s{0,3}(```|~~~)/;

function inline(line: string): string {
  return line
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // images → alt text
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1') // links → text
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1') // reference links
    .replace(/<https?:\/\/[^>\s]+>/g, (m) => m.slice(1, -1)) // autolinks
    .replace(/<\/?[A-Za-z][^>]*>/g, '') // inline HTML tags
    .replace(/`+([^`]+)`+/g, '$1') // code spans
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2') // strong
    .replace(/(\*|_)(?=\S)(.+?)(?<=\S)\1/g, '$2') // emphasis
    .replace(/~~(.+?)~~/g, '$1'); // strikethrough
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
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(raw)) continue; // horizontal rule
    if (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(raw)) continue; // table delimiter row
    if (/^\s{0,3}(=+|-+)\s*$/.test(raw)) continue; // setext underline
    if (/^\s{0,3}\[[^\]]+\]:\s*\S+/.test(raw)) continue; // link reference definition
    let line = raw
      .replace(/^\s{0,3}#{1,6}\s+/, '') // ATX heading
      .replace(/\s+#+\s*$/, '')
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
