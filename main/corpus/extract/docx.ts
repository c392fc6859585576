// .docx → text: the archive is inspected first (zip-guard), then mammoth converts the document to HTML, read as web
// pages are (html.ts): line and page breaks stay breaks, table rows stay rows, numbered lists keep their numbers, and
// footnotes and endnotes come at the end — mammoth's raw text ran words together across breaks and lost the notes.
import mammoth from 'mammoth';
import { FileRejected } from '../types';
import { htmlToText } from './html';
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

export async function docxToText(bytes: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<string> {
  const names = await inspectZip(bytes, limits);
  if (!names.includes('word/document.xml')) {
    throw new FileRejected('corrupt', 'The zip archive has no word/document.xml, so it is not a Word document. Save it again as .docx from the editor.');
  }
  try {
    const result = await mammoth.convertToHtml({ buffer: bytes }, { transformDocument: breaksAsText });
    return htmlToText(result.value);
  } catch (error) {
    throw new FileRejected('corrupt', `Could not read the Word document (${(error as Error).message}).`, { cause: error });
  }
}
