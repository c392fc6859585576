// PDF → text with unpdf (pdf.js). No font loading and no eval: a PDF is untrusted input.
// A damaged, truncated or encrypted file becomes a per-file rejection with the reason.
import { extractText, getDocumentProxy } from 'unpdf';
import { FileRejected } from '../types';

export async function pdfToText(bytes: Uint8Array): Promise<string> {
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
    const { text } = await extractText(doc, { mergePages: false });
    return text.join('\n\n');
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new FileRejected('corrupt', `Could not read the PDF's text (${detail}). The file may be truncated or damaged.`, { cause: error });
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
