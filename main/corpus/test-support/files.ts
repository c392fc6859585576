// Builders of real input files for the corpus tests: a minimal valid PDF, a .docx (a real zip made
// with yazl), and a .docx holding a decompression bomb. Used only by tests.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import yazl from 'yazl';

/** A one-page PDF whose text layer holds `lines` (ASCII), with a correct cross-reference table. */
export function makePdf(lines: readonly string[], options: { flate?: Buffer } = {}): Buffer {
  const escape = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = `BT /F1 12 Tf 72 720 Td 14 TL ${lines.map((l) => `(${escape(l)}) Tj T*`).join(' ')} ET`;
  // `flate`: zlib data for a FlateDecode stream (held as Latin-1, byte for byte), as a sixth object.
  const flate = options.flate?.toString('latin1');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ...(flate === undefined ? [] : [`<< /Length ${flate.length} /Filter /FlateDecode >>\nstream\n${flate}\nendstream`]),
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

function documentXml(paragraphs: readonly string[], body?: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body ?? paragraphs
    .map((p) => `<w:p><w:r><w:t xml:space="preserve">${esc(p)}</w:t></w:r></w:p>`)
    .join('')}</w:body></w:document>`;
}

function finish(zip: yazl.ZipFile, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(path);
    out.on('close', () => resolve());
    out.on('error', reject);
    zip.outputStream.pipe(out);
    zip.end();
  });
}

/**
 * A minimal .docx of these paragraphs, or of `options.body` (WordprocessingML inside <w:body>) when given, with
 * `options.parts` (path → content: footnotes, relationships) beside it.
 */
export function writeDocx(path: string, paragraphs: readonly string[], options: { body?: string; parts?: Record<string, string> } = {}): Promise<void> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(CONTENT_TYPES), '[Content_Types].xml');
  zip.addBuffer(Buffer.from(RELS), '_rels/.rels');
  zip.addBuffer(Buffer.from(documentXml(paragraphs, options.body)), 'word/document.xml');
  for (const [name, content] of Object.entries(options.parts ?? {})) zip.addBuffer(Buffer.from(content), name);
  return finish(zip, path);
}

/** A valid-looking .docx with an extra entry of `mib` MiB of zeros (deflates ~1000:1). */
export function writeDocxBomb(path: string, mib: number): Promise<void> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(CONTENT_TYPES), '[Content_Types].xml');
  zip.addBuffer(Buffer.from(RELS), '_rels/.rels');
  zip.addBuffer(Buffer.from(documentXml(['Looks harmless.'])), 'word/document.xml');
  const chunk = Buffer.alloc(1024 * 1024);
  zip.addReadStream(Readable.from((function* () {
    for (let i = 0; i < mib; i++) yield chunk;
  })()), 'word/media/image1.bin', { compress: true });
  return finish(zip, path);
}
