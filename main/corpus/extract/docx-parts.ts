// The WordprocessingML that mammoth misreads, put right as text before mammoth reads it. mammoth drops a carriage
// return inside a run (<w:cr/>, which Word shows as a line break) before its document model, so the words on either
// side ran together ('line oneline two'); and it never reads <w:vanish/>, so text formatted as Hidden, which Word
// neither shows nor prints and so no reader of the document saw, was imported as if it were visible. A carriage
// return becomes a line break (<w:br/>), and a hidden run is taken out whole. The parts are bounded by zip-guard's
// limits and are rewritten with string searches that each pass over a part once: a DOM parse would cost as much as
// mammoth's own, to change a few tags.

const W_NAMESPACES = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
const OFF = new Set(['0', 'false', 'off']);
/** A tag followed by something other than white space or another tag: text. */
const TEXT_BETWEEN_TAGS = />\s*[^<\s]/;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether an entry may be one of the parts mammoth reads, or a relationships part that says where they are. */
export const mayBeReadPart = (name: string): boolean => /\.(?:xml|rels)$/i.test(name);

/** The attribute's value in a start tag's attributes, undefined when it has none. */
function attribute(attributes: string, name: string): string | undefined {
  return new RegExp(`(?:^|\\s)${escapeRegExp(name)}\\s*=\\s*(["'])(.*?)\\1`, 's').exec(attributes)?.[2];
}

/** mammoth's zipfile.joinPath and findPartPath: a target relative to the part's folder, or from the root when it starts with '/'. */
function resolveTarget(base: string, target: string): string {
  const joined = target.startsWith('/') || base === '' ? target : `${base}/${target}`;
  return joined.startsWith('/') ? joined.slice(1) : joined;
}

const dirname = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const basename = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const relationshipsOf = (path: string) => (dirname(path) === '' ? `_rels/${basename(path)}.rels` : `${dirname(path)}/_rels/${basename(path)}.rels`);

/** The first target of this relationship type that the archive holds, else the fallback (as mammoth's findPartPath does). */
function findPart(rels: string | undefined, type: string, base: string, exists: (name: string) => boolean, fallback: string): string {
  for (const m of (rels ?? '').matchAll(/<(?:[\w.-]+:)?Relationship(?=[\s/>])([^>]*)>/g)) {
    if (attribute(m[1]!, 'Type') !== RELATIONSHIP + type) continue;
    const target = attribute(m[1]!, 'Target');
    if (target !== undefined && exists(resolveTarget(base, target))) return resolveTarget(base, target);
  }
  return fallback;
}

/**
 * The parts whose text mammoth reads: the main document, found as mammoth finds it (the package's officeDocument
 * relationship, else word/document.xml), and its footnotes, endnotes and comments (the main document's relationships,
 * else word/<name>.xml). Headers, footers and the glossary are not read by mammoth, so hidden text there is not
 * counted as left out.
 */
export function partsMammothReads(names: readonly string[], text: (name: string) => string | undefined): string[] {
  const all = new Set(names);
  const exists = (name: string) => all.has(name);
  const main = findPart(text('_rels/.rels'), 'officeDocument', '', exists, 'word/document.xml');
  const rels = text(relationshipsOf(main));
  const related = ['footnotes', 'endnotes', 'comments'].map((name) => findPart(rels, name, dirname(main), exists, `word/${name}.xml`));
  return [...new Set([main, ...related])].filter(exists);
}

/** The prefixes the part's root element binds to WordprocessingML ('w' in every file Word writes; '' for a default namespace). */
function wordPrefixes(xml: string): string[] {
  let at = xml.indexOf('<');
  while (at >= 0 && (xml[at + 1] === '?' || xml[at + 1] === '!')) at = xml.indexOf('<', at + 1); // the prolog, comments
  if (at < 0) return [];
  const root = xml.slice(at, xml.indexOf('>', at) + 1);
  const prefixes = new Set<string>();
  for (const m of root.matchAll(/\sxmlns(?::([\w.-]+))?\s*=\s*(["'])(.*?)\2/gs)) {
    if (W_NAMESPACES.has(m[3]!)) prefixes.add(m[1] ?? '');
  }
  return [...prefixes];
}

/** <w:cr/> (or <w:cr></w:cr>) as <w:br/>, the line break mammoth reads. */
function carriageReturnsAsBreaks(xml: string, w: string): string {
  if (!xml.includes(`<${w}cr`)) return xml;
  const q = escapeRegExp(w);
  return xml.replace(new RegExp(`<${q}cr(?=[\\s/>])[^>]*?(?:/>|>\\s*</${q}cr\\s*>)`, 'g'), `<${w}br/>`);
}

interface OpenRun {
  start: number;
  hidden: boolean;
  /** Holds a field character or field code: kept, see dropHiddenRuns. */
  field: boolean;
}

/**
 * The part without its hidden runs, and how many of them held text. A run is hidden when its own properties (the
 * <w:rPr> that is its first child) hold <w:vanish/> or <w:specVanish/> whose w:val is not 0, false or off. Not
 * hidden: a paragraph mark's properties (<w:pPr><w:rPr>) with vanish, which hide only the mark, not the paragraph's
 * text; and vanish inside <w:rPrChange>, which records the properties before a tracked change, not the current ones.
 * Runs nest (a text box's paragraphs sit inside a run), so tags are matched by depth, not by the nearest </w:r>. A
 * hidden run holding a field character or field code stays: it shows no text, and mammoth pairs a field's begin,
 * separate and end characters, which taking one out would unbalance. Hidden only through a character style (w:rStyle)
 * is not seen here.
 */
function dropHiddenRuns(xml: string, w: string): { xml: string; withText: number } {
  if (!xml.includes(`<${w}vanish`) && !xml.includes(`<${w}specVanish`)) return { xml, withText: 0 };
  const q = escapeRegExp(w);
  const tags = new RegExp(`<(/?)${q}(r|rPr|rPrChange|vanish|specVanish|fldChar|instrText)(?=[\\s/>])([^>]*)>`, 'g');
  const ownProperties = new RegExp(`\\s*<${q}rPr(?=[\\s/>])`, 'y');
  const value = new RegExp(`(?:^|\\s)${q}val\\s*=\\s*(["'])(.*?)\\1`, 's');
  const runs: OpenRun[] = [];
  const drops: [number, number][] = [];
  // Where the scan is with respect to the innermost run's own properties.
  let properties: 'before' | 'inside' | 'inChange' | 'past' = 'past';
  for (const m of xml.matchAll(tags)) {
    const [tag, close, name, attributes] = m as unknown as [string, string, string, string];
    const selfClosing = attributes.endsWith('/');
    const run = runs.at(-1);
    if (name === 'r') {
      if (!close && !selfClosing) {
        runs.push({ start: m.index, hidden: false, field: false });
        ownProperties.lastIndex = m.index + tag.length;
        properties = ownProperties.test(xml) ? 'before' : 'past';
      } else if (close && run) {
        runs.pop();
        properties = 'past';
        if (run.hidden && !run.field) {
          while (drops.length > 0 && drops.at(-1)![0] > run.start) drops.pop(); // inside this one: go with it
          drops.push([run.start, m.index + tag.length]);
        }
      }
    } else if (name === 'rPr') {
      if (close) properties = properties === 'inside' ? 'past' : properties;
      else if (properties === 'before') properties = selfClosing ? 'past' : 'inside';
    } else if (name === 'rPrChange') {
      if (!close && !selfClosing && properties === 'inside') properties = 'inChange';
      else if (close && properties === 'inChange') properties = 'inside';
    } else if (name === 'vanish' || name === 'specVanish') {
      if (!close && run && properties === 'inside') {
        const val = value.exec(attributes)?.[2];
        run.hidden = val === undefined || !OFF.has(val.trim().toLowerCase());
      }
    } else if (run) {
      run.field = true; // fldChar, instrText
    }
  }
  if (drops.length === 0) return { xml, withText: 0 };
  const kept: string[] = [];
  let at = 0;
  let withText = 0;
  for (const [start, end] of drops) {
    kept.push(xml.slice(at, start));
    if (TEXT_BETWEEN_TAGS.test(xml.slice(start, end))) withText++;
    at = end;
  }
  kept.push(xml.slice(at));
  return { xml: kept.join(''), withText };
}

/** The part as mammoth should read it, and how many hidden runs with text were taken out of it. */
export function rewritePart(xml: string): { xml: string; hiddenRuns: number } {
  let hiddenRuns = 0;
  for (const prefix of wordPrefixes(xml)) {
    const w = prefix === '' ? '' : `${prefix}:`;
    const dropped = dropHiddenRuns(carriageReturnsAsBreaks(xml, w), w);
    xml = dropped.xml;
    hiddenRuns += dropped.withText;
  }
  return { xml, hiddenRuns };
}
