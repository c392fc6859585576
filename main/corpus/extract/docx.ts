// .docx → text: the archive is inspected first (zip-guard), then mammoth converts the document to HTML, read as web
// pages are (html.ts): line and page breaks stay breaks, table rows stay rows, numbered lists keep their numbers, and
// footnotes and endnotes come at the end — mammoth's raw text ran words together across breaks and lost the notes.
import mammoth from 'mammoth';
import { FileRejected } from '../types';
import { htmlToText } from './html';
import { DEFAULT_ZIP_LIMITS, inspectZip, type ZipLimits } from './zip-guard';

export async function docxToText(bytes: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<string> {
  const names = await inspectZip(bytes, limits);
  if (!names.includes('word/document.xml')) {
    throw new FileRejected('corrupt', 'The zip archive has no word/document.xml, so it is not a Word document. Save it again as .docx from the editor.');
  }
  try {
    const result = await mammoth.convertToHtml({ buffer: bytes });
    return htmlToText(result.value);
  } catch (error) {
    throw new FileRejected('corrupt', `Could not read the Word document (${(error as Error).message}).`, { cause: error });
  }
}
