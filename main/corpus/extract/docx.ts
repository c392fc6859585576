// .docx → text: the archive is inspected first (zip-guard), then mammoth converts the document to HTML, read as web
// pages are (html.ts): line and page breaks stay breaks, table rows stay rows, numbered lists keep their numbers, and
// footnotes and endnotes come at the end — mammoth's raw text ran words together across breaks and lost the notes.
// Before mammoth, the parts it reads are put right where it misreads them (docx-parts.ts: carriage returns, hidden
// text); only an archive with a part changed is written again.
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { FileRejected } from '../types';
import { mayBeReadPart, partsMammothReads, rewritePart } from './docx-parts';
import { htmlToText } from './html';
import type { WholeText } from './index';
import { DEFAULT_ZIP_LIMITS, inspectZip, type ZipLimits } from './zip-guard';

/** The part of mammoth's document model (its lib/documents.js) that breaksAsText reads and writes. */
interface DocumentElement {
  type: string;
  breakType?: string;
  children?: DocumentElement[];
}

const LINE_BREAK: DocumentElement = { type: 'break', breakType: 'line' };

const isPageOrColumnBreak = (e: DocumentElement) => e.type === 'break' && (e.breakType === 'page' || e.breakType === 'column');

/** Whether a paragraph (or a run in it) holds page or column breaks and nothing else. */
function onlyPageOrColumnBreaks(e: DocumentElement): boolean {
  return e.children !== undefined && e.children.length > 0 && e.children.every((c) => isPageOrColumnBreak(c) || onlyPageOrColumnBreaks(c));
}

/**
 * mammoth writes nothing for a page or a column break (only a line break becomes <br>), so the words on either side
 * ran together ('end of page oneStart of page two'). A page break becomes a paragraph break, as a form feed and a PDF's
 * page end do, and a column break a line break. A paragraph of page breaks alone (how Word writes Ctrl+Enter) loses
 * them and is left out as an empty one: the paragraphs around it already stand apart.
 */
function breaksAsText(e: DocumentElement): DocumentElement {
  if (e.children === undefined) return e;
  if (e.type === 'paragraph' && onlyPageOrColumnBreaks(e)) return { ...e, children: [] };
  const children = e.children.flatMap((c) => {
    if (c.type !== 'break') return [breaksAsText(c)];
    return c.breakType === 'page' ? [LINE_BREAK, LINE_BREAK] : c.breakType === 'column' ? [LINE_BREAK] : [c];
  });
  return { ...e, children };
}

/**
 * The archive mammoth is to read: the same bytes when no part changed, else the archive with the changed parts in
 * place. The parts come from zip-guard's inspection, inflated once. Unchanged entries are copied still compressed
 * (JSZip reuses an entry's deflated bytes when the method matches) and the changed ones are stored, not deflated
 * again: mammoth inflates them a moment later.
 */
async function putRight(bytes: Buffer, names: readonly string[], kept: ReadonlyMap<string, Buffer>): Promise<{ archive: Buffer; hiddenRuns: number }> {
  const decoded = new Map<string, string | undefined>();
  const text = (name: string) => {
    if (!decoded.has(name)) decoded.set(name, kept.get(name)?.toString('utf8'));
    return decoded.get(name);
  };
  const changed = new Map<string, string>();
  let hiddenRuns = 0;
  for (const name of partsMammothReads(names, text)) {
    const xml = text(name);
    if (xml === undefined) continue;
    const part = rewritePart(xml);
    hiddenRuns += part.hiddenRuns;
    if (part.xml !== xml) changed.set(name, part.xml);
  }
  if (changed.size === 0) return { archive: bytes, hiddenRuns };
  const zip = await JSZip.loadAsync(bytes);
  for (const [name, xml] of changed) if (zip.file(name) !== null) zip.file(name, xml, { compression: 'STORE' });
  return { archive: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), hiddenRuns };
}

/** The document's text; with a warning when hidden text was left out of it. */
export async function docxToText(bytes: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<WholeText> {
  const { names, kept } = await inspectZip(bytes, limits, mayBeReadPart);
  if (!names.includes('word/document.xml')) {
    throw new FileRejected('corrupt', 'The zip archive has no word/document.xml, so it is not a Word document. Save it again as .docx from the editor.');
  }
  try {
    const { archive, hiddenRuns } = await putRight(bytes, names, kept);
    const result = await mammoth.convertToHtml({ buffer: archive }, { transformDocument: breaksAsText });
    const text = htmlToText(result.value);
    if (hiddenRuns === 0) return { text };
    return {
      text,
      warning: {
        reason: 'hidden_text',
        message: `${hiddenRuns} ${hiddenRuns === 1 ? 'stretch' : 'stretches'} of hidden text (formatted as Hidden in Word, which neither shows nor prints it) left out. Clear the Hidden font effect in Word to import it.`,
      },
    };
  } catch (error) {
    throw new FileRejected('corrupt', `Could not read the Word document (${(error as Error).message}).`, { cause: error });
  }
}
