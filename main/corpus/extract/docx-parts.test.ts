// The rewrite of a .docx's parts before mammoth reads them (docx-parts.ts), on the XML itself: the cases a whole
// document in extract.test.ts would show only indirectly.
import { describe, expect, it } from 'vitest';
import { partsMammothReads, rewritePart } from './docx-parts';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const part = (body: string, prefix = 'w') => `<?xml version="1.0"?><${prefix}:document xmlns:${prefix}="${W}"><${prefix}:body>${body}</${prefix}:body></${prefix}:document>`;

describe('rewritePart', () => {
  it('leaves a part without carriage returns or hidden text as it is', () => {
    const xml = part('<w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr><w:r><w:t>Text</w:t></w:r></w:p>');
    expect(rewritePart(xml)).toEqual({ xml, hiddenRuns: 0 });
  });

  it('keeps hidden runs that hold field characters or codes, so that the field stays balanced', () => {
    const hidden = '<w:rPr><w:vanish/></w:rPr>';
    const field =
      `<w:r>${hidden}<w:fldChar w:fldCharType="begin"/></w:r><w:r>${hidden}<w:instrText> PAGE </w:instrText></w:r>` +
      `<w:r>${hidden}<w:fldChar w:fldCharType="separate"/></w:r><w:r>${hidden}<w:t>3</w:t></w:r><w:r>${hidden}<w:fldChar w:fldCharType="end"/></w:r>`;
    const { xml, hiddenRuns } = rewritePart(part(`<w:p>${field}</w:p>`));
    expect(xml).toBe(part(`<w:p>${field.replace(`<w:r>${hidden}<w:t>3</w:t></w:r>`, '')}</w:p>`));
    expect(hiddenRuns).toBe(1);
  });

  it('drops hidden runs without text without counting them, and reads on/off values as Word does', () => {
    const xml = part(
      '<w:p><w:r><w:rPr><w:vanish w:val="on"/></w:rPr><w:tab/></w:r><w:r><w:rPr><w:vanish w:val="off"/></w:rPr><w:t>off</w:t></w:r>' +
        '<w:r><w:rPr/><w:t>plain</w:t></w:r><w:r/><w:r><w:rPr><w:vanish w:val="1"/></w:rPr><w:t>one</w:t></w:r></w:p>',
    );
    expect(rewritePart(xml)).toEqual({
      xml: part('<w:p><w:r><w:rPr><w:vanish w:val="off"/></w:rPr><w:t>off</w:t></w:r><w:r><w:rPr/><w:t>plain</w:t></w:r><w:r/></w:p>'),
      hiddenRuns: 1,
    });
  });

  it('follows the prefix the part binds to WordprocessingML', () => {
    const xml = part('<x:p><x:r><x:t>a</x:t><x:cr/><x:t>b</x:t></x:r><x:r><x:rPr><x:vanish/></x:rPr><x:t>c</x:t></x:r><w:cr/></x:p>', 'x');
    expect(rewritePart(xml).xml).toBe(part('<x:p><x:r><x:t>a</x:t><x:br/><x:t>b</x:t></x:r><w:cr/></x:p>', 'x'));
  });

  it('rewrites a long part in time linear in its size', () => {
    const unit = '<w:r><w:rPr><w:vanish/></w:rPr><w:t>x</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>y</w:t><w:cr/></w:r>';
    const started = performance.now();
    const { xml, hiddenRuns } = rewritePart(part(`<w:p>${unit.repeat(50_000)}</w:p>`));
    expect(hiddenRuns).toBe(50_000);
    expect(xml).toBe(part(`<w:p>${'<w:r><w:rPr><w:b/></w:rPr><w:t>y</w:t><w:br/></w:r>'.repeat(50_000)}</w:p>`));
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('partsMammothReads', () => {
  it('finds the main document and its notes and comments through the relationships, as mammoth does', () => {
    const files: Record<string, string> = {
      '_rels/.rels': '<Relationships><Relationship Id="r1" Target="/doc/main.xml" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>',
      'doc/_rels/main.xml.rels': '<Relationships><Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="notes.xml"/></Relationships>',
      'doc/main.xml': '',
      'doc/notes.xml': '',
      'word/comments.xml': '',
      'word/header1.xml': '',
    };
    expect(partsMammothReads(Object.keys(files), (name) => files[name])).toEqual(['doc/main.xml', 'doc/notes.xml', 'word/comments.xml']);
  });

  it('falls back on word/document.xml without relationships', () => {
    expect(partsMammothReads(['word/document.xml', 'word/endnotes.xml'], () => undefined)).toEqual(['word/document.xml', 'word/endnotes.xml']);
  });
});
