// .docx → text: the archive is inspected first (zip-guard), then mammoth reads the paragraphs.
import mammoth from 'mammoth';
import { FileRejected } from '../types';
import { DEFAULT_ZIP_LIMITS, inspectZip, type ZipLimits } from './zip-guard';

export async function docxToText(bytes: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<string> {
  const names = await inspectZip(bytes, limits);
  if (!names.includes('word/document.xml')) {
    throw new FileRejected('corrupt', 'The zip archive has no word/document.xml, so it is not a Word document. Save it again as .docx from the editor.');
  }
  try {
    const result = await mammoth.extractRawText({ buffer: bytes });
    return result.value;
  } catch (error) {
    throw new FileRejected('corrupt', `Could not read the Word document (${(error as Error).message}).`, { cause: error });
  }
}
