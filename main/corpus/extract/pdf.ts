// PDF → text with unpdf (pdf.js). No font loading and no eval: a PDF is untrusted input.
// A damaged, truncated or encrypted file becomes a per-file rejection with the reason.
import { constants, createInflate } from 'node:zlib';
import { extractText, getDocumentProxy } from 'unpdf';
import { tidyPdfPages } from './pdf-pages';
import type { WholeText } from './index';
import { FileRejected } from '../types';

/**
 * Bytes a PDF's compressed streams may inflate to, in all. pdf.js inflates a stream whole, in memory, whatever its
 * size: a 3 MB PDF holding one stream of 3 GB of spaces took the import to 6.4 GB. Text PDFs inflate to a few times
 * their size; scans are images, which hold no text to extract anyway.
 */
export const MAX_PDF_INFLATED_BYTES = 256 * 1024 * 1024;

const STREAM = Buffer.from('stream');
const ENDSTREAM = Buffer.from('endstream');

/** How many bytes `data` inflates to, read as a zlib stream (what FlateDecode holds), counted up to just past `limit`. */
function inflatedSize(data: Uint8Array, limit: number): Promise<number> {
  return new Promise((resolve) => {
    const inflate = createInflate({ finishFlush: constants.Z_SYNC_FLUSH });
    let bytes = 0;
    inflate.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > limit) {
        inflate.destroy();
        resolve(bytes);
      }
    });
    inflate.on('error', () => resolve(bytes)); // not zlib data (another filter, or damaged): pdf.js decides
    inflate.on('end', () => resolve(bytes));
    inflate.end(data);
  });
}

/**
 * Refuses a PDF whose streams inflate past `limit` before pdf.js sees it. Each `stream … endstream` body is inflated
 * as it is found (chunks counted and dropped: memory stays flat), the total kept across streams.
 */
export async function checkPdfStreams(bytes: Uint8Array, limit = MAX_PDF_INFLATED_BYTES): Promise<void> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (let at = buffer.indexOf(STREAM); at !== -1; ) {
    let start = at + STREAM.length;
    if (buffer[start] === 0x0d) start++;
    if (buffer[start] !== 0x0a && buffer[start - 1] !== 0x0d) {
      at = buffer.indexOf(STREAM, at + 1); // "endstream", or the word inside other data
      continue;
    }
    if (buffer[start] === 0x0a) start++;
    const end = buffer.indexOf(ENDSTREAM, start);
    if (end === -1) break;
    total += await inflatedSize(buffer.subarray(start, end), limit - total);
    if (total > limit) {
      throw new FileRejected('bomb', `Its compressed content inflates past ${limit / 1024 / 1024} MiB: refused as a decompression bomb (or a scan far too large to extract text from).`);
    }
    at = buffer.indexOf(STREAM, end + ENDSTREAM.length);
  }
}

/** The text of a PDF (see tidyPdfPages), with a warning when some of its pages have no text layer. */
export async function pdfToText(bytes: Uint8Array): Promise<WholeText> {
  await checkPdfStreams(bytes);
  let doc: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
    doc = await getDocumentProxy(new Uint8Array(bytes), {
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    });
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') {
      throw new FileRejected('encrypted', 'The PDF is password-protected. Save an unprotected copy and import that.', { cause: error });
    }
    const detail = error instanceof Error ? error.message : String(error);
    throw new FileRejected('corrupt', `Not a readable PDF (${detail}). The file may be truncated or damaged.`, { cause: error });
  }
  try {
    const { text: pages } = await extractText(doc, { mergePages: false });
    const tidy = tidyPdfPages(pages);
    if (tidy.emptyPages === 0 || tidy.emptyPages === tidy.pages) return { text: tidy.text }; // all empty: "no text"
    return {
      text: tidy.text,
      warning: {
        reason: 'partial_text',
        message: `${tidy.emptyPages} of ${tidy.pages} pages have no text layer (scanned images, most likely): their text is missing. Run OCR on the file to import all of it.`,
      },
    };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new FileRejected('corrupt', `Could not read the PDF's text (${detail}). The file may be truncated or damaged.`, { cause: error });
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
