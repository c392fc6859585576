// Every supported format read through `extractFile`, and each damaged input rejected with its reason.
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { createDeflate, deflateSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileRejected } from '../types';
import { makePdf, writeDocx, writeDocxBomb } from '../test-support/files';
import { MAX_DOCUMENT_CHARS, MAX_SINGLE_DOCUMENT_BYTES, extractFile, type ExtractOptions } from './index';
import { markdownToText } from './markdown';
import { checkPdfStreams } from './pdf';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'studio-extract-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OPTIONS: ExtractOptions = { textColumn: 'text', jsonField: 'text' };

async function extract(name: string, content: string | Buffer, options: ExtractOptions = OPTIONS) {
  const path = join(dir, name);
  if (content !== '') writeFileSync(path, content);
  const docs: { text: string; record: number }[] = [];
  const outcome = await extractFile(path, options, (text, record) => void docs.push({ text, record }));
  return { docs, outcome };
}

async function rejection(name: string, content: string | Buffer | null): Promise<FileRejected> {
  const path = join(dir, name);
  if (content !== null) writeFileSync(path, content);
  try {
    await extractFile(path, OPTIONS, () => undefined);
  } catch (error) {
    if (error instanceof FileRejected) return error;
    throw error;
  }
  throw new Error(`${name} was not rejected`);
}

describe('extractFile: formats', () => {
  it('reads Markdown as the words a reader sees', async () => {
    const md = '# Discharge summary\n\nSeen by **Dr Lee** for [follow-up](http://x.test).\n\n| Drug | Dose |\n|---|---|\n| apixaban | 5 mg |\n\n```\ncode stays\n```';
    const { docs } = await extract('a.md', md);
    expect(docs[0]!.text).toBe('Discharge summary\n\nSeen by Dr Lee for follow-up.\n\nDrug\tDose\napixaban\t5 mg\n\ncode stays');
    expect(markdownToText('- [x] done item\n> quoted _text_')).toBe('done item\nquoted text');
  });

  it('reads hostile Markdown in time linear in its size (each would take minutes with backtracking patterns)', () => {
    // A line of 300,000 spaces, unclosed emphasis, links, images, tags and strikethrough by the ten thousand.
    expect(markdownToText(`${' '.repeat(300_000)}end`)).toBe(`${' '.repeat(300_000)}end`);
    for (const unit of ['_a ', '[x ', '![x ', '<a ']) {
      const line = unit.repeat(30_000);
      expect(markdownToText(line)).toBe(line);
    }
    for (const opening of ['~~', '`', '**', '_']) {
      const line = `${opening}${'a '.repeat(60_000)}`; // opened, never closed
      expect(markdownToText(line)).toBe(line);
    }
    expect(markdownToText(`# Plan${' '.repeat(50_000)}##`)).toBe('Plan');
    expect(markdownToText(`## Plan ##  \n|${' '.repeat(50_000)}---${' '.repeat(50_000)}x`)).toBe(`Plan\n|${' '.repeat(50_000)}---${' '.repeat(50_000)}x`);
    // Markup within the bounds is still read as before.
    expect(markdownToText('A *short* and **bold** [link](http://x.test/a) ![alt](i.png) <b>tag</b> ~~gone~~ `code`')).toBe('A short and bold link alt tag gone code');
  });

  it('reads Markdown without front matter or comments, keeping footnotes, words with underscores and escaped characters', () => {
    const md = '---\ntitle: "Checklist"\nauthor: Jane Doe\n---\n# Review\n<!-- internal: do not publish -->\n' +
      'A snake_case_name and a_b_c stay; _emphasis_ goes.<br>Next line &amp; &copy; done.\n' +
      'Escaped \\*not emphasis\\* and \\# not heading.\nSee the note[^1].\n\n[^1]: The note explains it.\n[ref]: http://x.test';
    expect(markdownToText(md)).toBe(
      'Review\n\nA snake_case_name and a_b_c stay; emphasis goes.\nNext line & © done.\nEscaped *not emphasis* and # not heading.\nSee the note.\n\nThe note explains it.',
    );
  });

  it('reads HTML without scripts, styles or link targets, tables as text', async () => {
    const html = '<html><head><style>p{}</style><script>var secret=1</script></head><body><h1>Note</h1><p>See <a href="http://x">here</a>.</p><table><tr><th>Drug</th><th>Dose</th></tr><tr><td>apixaban</td><td>5 mg</td></tr></table></body></html>';
    const { docs } = await extract('a.html', html);
    expect(docs[0]!.text).toContain('Note');
    expect(docs[0]!.text).toContain('See here.');
    expect(docs[0]!.text).toMatch(/apixaban\s+5 mg/);
    expect(docs[0]!.text).not.toMatch(/secret|p\{\}|http:\/\/x/);
  });

  it("leaves out a page's furniture: menus, sidebars, forms and hidden elements", async () => {
    const html =
      '<body><nav><ul><li>Home</li><li>Services</li></ul></nav><div role="navigation">Skip links</div><main><h1>Diabetes care</h1>' +
      '<p>Check your feet daily.</p></main><aside>Related articles</aside><form><label>Your email</label><button>Subscribe</button></form>' +
      '<template>template text</template><p hidden>hidden paragraph</p><div aria-hidden="true">decor</div><hr><p>Last paragraph.</p></body>';
    const text = (await extract('page.html', html)).docs[0]!.text;
    expect(text).toBe('Diabetes care\n\nCheck your feet daily.\n\nLast paragraph.');
  });

  it('decodes a page as its <meta charset> declares', async () => {
    const cp1251 = Buffer.concat([Buffer.from('<html><head><meta charset="windows-1251"></head><body><p>'), Buffer.from([0xcf, 0xe0, 0xf6, 0xe8, 0xe5, 0xed, 0xf2]), Buffer.from('</p></body></html>')]);
    expect((await extract('ru.html', cp1251)).docs[0]!.text).toBe('Пациент');
    const latin2 = Buffer.concat([Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2"><p>zg'), Buffer.from([0xb3, 0x6f, 0x73, 0x69, 0xb3]), Buffer.from('</p>')]);
    expect((await extract('pl.html', latin2)).docs[0]!.text).toBe('zgłosił');
    // A page that declares UTF-8 and is not, or an unknown label, is read as text files are (Windows-1252).
    expect((await extract('bad.html', Buffer.from('<meta charset="bogus"><p>caf\xe9</p>', 'latin1'))).docs[0]!.text).toBe('café');
  });

  it('reads the text layer of a PDF', async () => {
    const { docs } = await extract('a.pdf', makePdf(['Hello PDF world', 'Second line (with parens)']));
    expect(docs[0]!.text).toBe('Hello PDF world\nSecond line (with parens)');
  });

  it('reads the paragraphs of a .docx', async () => {
    await writeDocx(join(dir, 'a.docx'), ['First paragraph.', 'Second & last.']);
    const docs: string[] = [];
    await extractFile(join(dir, 'a.docx'), OPTIONS, (t) => void docs.push(t));
    expect(docs[0]!.trim()).toBe('First paragraph.\n\nSecond & last.');
  });

  it('keeps the line breaks and table rows of a .docx', async () => {
    const run = (t: string) => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`;
    const cell = (t: string) => `<w:tc><w:p>${run(t)}</w:p></w:tc>`;
    const body =
      `<w:p><w:r><w:t>Name: John Smith</w:t><w:br/><w:t>Ward: 7B</w:t></w:r></w:p>` +
      `<w:tbl><w:tr>${cell('Test')}${cell('Result')}</w:tr><w:tr>${cell('Sodium')}${cell('138')}</w:tr></w:tbl>` +
      `<w:p>${run('After the table.')}</w:p>`;
    await writeDocx(join(dir, 'b.docx'), [], { body });
    const { docs } = await extract('b.docx', '');
    expect(docs[0]!.text).toMatch(/^Name: John Smith\nWard: 7B\n+Test\s+Result\nSodium\s+138\n+After the table\.$/);
  });

  it('keeps page breaks, column breaks and tabs of a .docx between the words around them', async () => {
    const run = (t: string) => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`;
    const body =
      `<w:p>${run('end of page one')}<w:r><w:br w:type="page"/></w:r>${run('Start of page two')}</w:p>` +
      `<w:p>${run('left column')}<w:r><w:br w:type="column"/></w:r>${run('right column')}</w:p>` +
      `<w:p><w:r><w:t>Name:</w:t><w:tab/><w:t>John Smith</w:t></w:r></w:p>` +
      // Ctrl+Enter in Word: a paragraph of its own holding the page break.
      `<w:p>${run('Last line of page two.')}</w:p><w:p><w:r><w:br w:type="page"/></w:r></w:p><w:p>${run('Page three.')}</w:p>`;
    await writeDocx(join(dir, 'breaks.docx'), [], { body });
    const { docs } = await extract('breaks.docx', '');
    expect(docs[0]!.text).toBe('end of page one\n\nStart of page two\n\nleft column\nright column\n\nName: John Smith\n\nLast line of page two.\n\nPage three.');
  });

  it('keeps a carriage return inside a run of a .docx as a line break between the words', async () => {
    const body =
      `<w:p><w:r><w:t>line one</w:t><w:cr/><w:t>line two</w:t></w:r></w:p>` +
      `<w:p><w:r><w:t>Dose:</w:t><w:cr></w:cr><w:t>5 mg</w:t></w:r></w:p>`;
    await writeDocx(join(dir, 'cr.docx'), [], { body });
    const { docs, outcome } = await extract('cr.docx', '');
    expect(docs[0]!.text).toBe('line one\nline two\n\nDose:\n5 mg');
    expect(outcome.warning).toBeUndefined();
  });

  it('leaves the hidden text of a .docx out, and says how much', async () => {
    const run = (t: string, rPr = '') => `<w:r>${rPr}<w:t xml:space="preserve">${t}</w:t></w:r>`;
    const body =
      `<w:p>${run('Seen by Dr Lee.')}<w:r w:rsidR="00A1"><w:rPr><w:b/><w:vanish/></w:rPr><w:t xml:space="preserve"> Hidden remark.</w:t></w:r></w:p>` +
      `<w:p>${run('Special ', '<w:rPr><w:specVanish/></w:rPr>')}${run('Shown once.')}</w:p>` +
      // Not hidden: vanish turned off, and vanish recorded only as the properties before a tracked change.
      `<w:p>${run('Off zero. ', '<w:rPr><w:vanish w:val="0"/></w:rPr>')}${run('Off false.', '<w:rPr><w:vanish w:val="false"/></w:rPr>')}</w:p>` +
      `<w:p>${run('Was hidden once.', '<w:rPr><w:b/><w:rPrChange w:id="1" w:author="A"><w:rPr><w:vanish/></w:rPr></w:rPrChange></w:rPr>')}</w:p>` +
      // A hidden paragraph mark hides the mark only: the paragraph's text stays.
      `<w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr>${run('Mark hidden, text shown.')}</w:p>` +
      `<w:p>${run('End.')}</w:p>`;
    await writeDocx(join(dir, 'hidden.docx'), [], { body });
    const { docs, outcome } = await extract('hidden.docx', '');
    expect(docs[0]!.text).toBe('Seen by Dr Lee.\n\nShown once.\n\nOff zero. Off false.\n\nWas hidden once.\n\nMark hidden, text shown.\n\nEnd.');
    expect(outcome.warning?.reason).toBe('hidden_text');
    expect(outcome.warning?.message).toMatch(/^2 stretches of hidden text/);
  });

  it('leaves out a hidden run of a .docx whole, text boxes inside it included, and reads the runs of a shown text box', async () => {
    const box = (inner: string) => `<w:pict><v:shape><v:textbox><w:txbxContent><w:p>${inner}</w:p></w:txbxContent></v:textbox></v:shape></w:pict>`;
    const body =
      `<w:p><w:r><w:t xml:space="preserve">Before </w:t></w:r>` +
      `<w:r><w:rPr><w:vanish/></w:rPr>${box('<w:r><w:t>inside a hidden box</w:t></w:r>')}</w:r>` +
      `<w:r>${box('<w:r><w:t>Boxed</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>, hidden</w:t></w:r><w:r><w:t xml:space="preserve"> text</w:t></w:r>')}</w:r>` +
      `<w:r><w:t xml:space="preserve"> after.</w:t></w:r></w:p>`;
    await writeDocx(join(dir, 'box.docx'), [], { body: body.replace('<w:p>', '<w:p xmlns:v="urn:schemas-microsoft-com:vml">') });
    const { docs, outcome } = await extract('box.docx', '');
    expect(docs[0]!.text).toBe('Before after.\n\nBoxed text'); // mammoth puts a text box's paragraphs after its own
    expect(outcome.warning?.message).toMatch(/^2 stretches/);
  });

  it('puts right the footnotes of a .docx too: hidden text left out, carriage returns kept', async () => {
    const w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const footnotes =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes ${w}><w:footnote w:id="1"><w:p>` +
      `<w:r><w:t>Note line</w:t><w:cr/><w:t>next line</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>note secret</w:t></w:r>` +
      `</w:p></w:footnote></w:footnotes>`;
    const body = `<w:p><w:r><w:t>Main text.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>`;
    await writeDocx(join(dir, 'notes.docx'), [], { body, parts: { 'word/footnotes.xml': footnotes } });
    const { docs, outcome } = await extract('notes.docx', '');
    expect(docs[0]!.text).toBe('Main text.[1]\n\n 1. Note line\n    next line');
    expect(outcome.warning?.message).toMatch(/^1 stretch of hidden text/);
  });

  it('reads HTML nested far too deeply without overflowing the stack, keeping the text around it', async () => {
    const n = 20_000;
    const { docs } = await extract('deep.html', `<p>Top text</p>${'<div>'.repeat(n)}deep${'</div>'.repeat(n)}<p>After</p>`);
    expect(docs[0]!.text).toMatch(/^Top text[\s\S]*After$/);
  });

  it('reads one document per CSV row from the chosen column, quotes and newlines included', async () => {
    const csv = 'id,note,other\n1,"Line one\nline two, with comma",x\n2,Second note,y\n';
    const { docs, outcome } = await extract('a.csv', csv, { ...OPTIONS, textColumn: 'note' });
    expect(docs).toEqual([{ text: 'Line one\nline two, with comma', record: 1 }, { text: 'Second note', record: 2 }]);
    expect(outcome.invalid).toBe(0);
  });

  it('names the columns when the text column is missing', async () => {
    const error = await rejection('b.csv', 'id,body\n1,hello\n');
    expect(error.reason).toBe('missing_column');
    expect(error.message).toMatch(/No column "text".*id, body.*--text-column/);
  });

  it('keeps every CSV row before a broken quote, and says what the parser found', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `${i + 1},Note number ${i + 1} about the visit.`);
    const after = Array.from({ length: 99 }, (_, i) => `${i + 3002},A later note.`);
    const csv = `id,text\n${rows.join('\n')}\n3001,"This quote is never closed\n${after.join('\n')}\n`;
    const { docs, outcome } = await extract('broken.csv', csv);
    expect(docs).toHaveLength(3000); // the rows after the open quote are inside it: one record the parser skips
    expect(docs[2999]).toEqual({ text: 'Note number 3000 about the visit.', record: 3000 });
    expect(outcome.invalid).toBe(1);
    expect(outcome.detail).toMatch(/^Quote Not Closed: the parsing is finished with an opening quote at line \d+$/);
  });

  it('reads the HTML of a record (a web page exported as JSON Lines or CSV) as a page is read', async () => {
    const jsonl = '{"text":"<p>Dear client,</p><p>Your <b>lease</b> expires on 1&nbsp;May.<br>Regards,<br>Smith &amp; Co</p>"}\n{"text":"Dose <5 mg, a < b"}\n';
    expect((await extract('web.jsonl', jsonl)).docs.map((d) => d.text)).toEqual(['Dear client,\n\nYour lease expires on 1\u00a0May.\nRegards,\nSmith & Co', 'Dose <5 mg, a < b']);
    expect((await extract('web.csv', 'id,text\n1,"<div>Hello <i>there</i></div>"\n')).docs).toEqual([{ text: 'Hello there', record: 1 }]);
  });

  it('reads CSV separated by semicolons, tabs or pipes, as spreadsheets export them', async () => {
    const semicolons = await extract('eu.csv', 'id;note;author\n1;"Patient stable; discharged";Dr A\n2;Second;B\n', { ...OPTIONS, textColumn: 'note' });
    expect(semicolons.docs).toEqual([{ text: 'Patient stable; discharged', record: 1 }, { text: 'Second', record: 2 }]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id\ttext\n1\tKündigung, fristlos\n', 'utf16le')]);
    expect((await extract('tabs.csv', utf16)).docs).toEqual([{ text: 'Kündigung, fristlos', record: 1 }]);
    expect((await extract('pipes.csv', 'text|id\nA note, with commas|7\n')).docs).toEqual([{ text: 'A note, with commas', record: 1 }]);
  });

  it('reads Latin-1 (Windows-1252) CSV, JSON Lines and JSON as text files are read, and refuses UTF-16 JSON Lines', async () => {
    const latin1 = (s: string) => Buffer.from(s.replace('“', '\x93').replace('”', '\x94'), 'latin1');
    const csv = await extract('l.csv', latin1('id,text\n1,“Kündigung” der Wohnung\n'));
    expect(csv.docs).toEqual([{ text: '“Kündigung” der Wohnung', record: 1 }]);
    const jsonl = await extract('l.jsonl', latin1('{"text":"“Kündigung” der Wohnung"}\n{"text":"plain"}\n'));
    expect(jsonl.docs.map((d) => d.text)).toEqual(['“Kündigung” der Wohnung', 'plain']);
    const json = await extract('l.json', latin1('[{"text":"“Kündigung”"}]'));
    expect(json.docs.map((d) => d.text)).toEqual(['“Kündigung”']);
    // UTF-8 with a real U+FFFD stays as it is.
    expect((await extract('u.jsonl', '{"text":"a \uFFFD b"}\n')).docs[0]!.text).toBe('a \uFFFD b');
    // UTF-16 CSV with a byte order mark is read; UTF-16 JSON Lines are refused with what to do.
    const utf16 = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
    expect((await extract('w.csv', utf16('id,text\n1,Kündigung\n'))).docs).toEqual([{ text: 'Kündigung', record: 1 }]);
    const error = await rejection('w.jsonl', utf16('{"text":"Kündigung"}\n'));
    expect(error.reason).toBe('encoding');
    expect(error.message).toMatch(/UTF-16 text; JSON Lines must be UTF-8 \(or Latin-1\)\. Save it as UTF-8/);
  });

  it('keeps the valid JSON lines and counts the bad ones', async () => {
    const jsonl = '{"text":"first"}\nnot json\n{"text":"second"}\n{"other":"no text field"}\n\n{"text":3}\n{"text":"third"}\n';
    const { docs, outcome } = await extract('a.jsonl', jsonl);
    expect(docs.map((d) => d.text)).toEqual(['first', 'second', 'third']);
    expect(docs.map((d) => d.record)).toEqual([1, 3, 7]);
    expect(outcome).toEqual({ records: 3, invalid: 3, invalidAt: [2, 4, 6] });
  });

  it('ends JSON lines at \\n, \\r\\n and a lone \\r, numbering them as node:readline does', async () => {
    const jsonl = '\ufeff{"text":"bom"}\r\n{"text":"crlf"}\r{"text":"cr"}\n\r\n{"text":"last, no break"}';
    const { docs, outcome } = await extract('breaks.jsonl', jsonl);
    expect(docs).toEqual([
      { text: 'bom', record: 1 },
      { text: 'crlf', record: 2 },
      { text: 'cr', record: 3 },
      { text: 'last, no break', record: 5 },
    ]);
    expect(outcome).toEqual({ records: 4, invalid: 0, invalidAt: [] });
  });

  it('reads JSON lines across its 1 MiB reads: a \\r\\n split between two, a line longer than one', async () => {
    // Line 1 fills the first read up to its last byte, a \r whose \n comes with the next read.
    const first = JSON.stringify({ text: 'a'.repeat((1 << 20) - 12) });
    const lines = [first, JSON.stringify({ text: 'caf\u00e9 \u2014 \ud83d\ude00' }), JSON.stringify({ text: 'b'.repeat(3 << 20) })];
    const content = Buffer.from(`${lines[0]}\r\n${lines[1]}\n${lines[2]}\n`);
    expect(content.indexOf('\r\n')).toBe((1 << 20) - 1);
    const { docs } = await extract('long.jsonl', content);
    expect(docs.map((d) => d.record)).toEqual([1, 2, 3]);
    expect(docs.map((d) => d.text)).toEqual(lines.map((l) => (JSON.parse(l) as { text: string }).text));
  });

  it('reads a .json array, and a .json file that is really JSON Lines', async () => {
    expect((await extract('arr.json', '[{"text":"a"},{"text":"b"},{"x":1}]')).docs.map((d) => d.text)).toEqual(['a', 'b']);
    expect((await extract('lines.json', '{"text":"a"}\n{"text":"b"}\n')).docs.map((d) => d.text)).toEqual(['a', 'b']);
  });

  it('decodes a Latin-1 text file', async () => {
    const { docs } = await extract('latin1.txt', Buffer.from([0x4e, 0xe9, 0x20, 0xe0, 0x20, 0x50, 0x61, 0x72, 0x69, 0x73]));
    expect(docs[0]!.text).toBe('Né à Paris');
  });
});

describe('extractFile: bad input', () => {
  it('rejects a corrupt and a truncated PDF', async () => {
    expect((await rejection('corrupt.pdf', Buffer.from('%PDF-1.4\n garbage garbage'))).reason).toBe('corrupt');
    const truncated = makePdf(['Some text']).subarray(0, 200);
    const error = await rejection('truncated.pdf', truncated);
    expect(error.reason).toBe('corrupt');
    expect(error.message).toMatch(/truncated or damaged/);
  });

  it('refuses a PDF whose compressed streams inflate past the limit, before pdf.js holds them', async () => {
    // 260 MiB of spaces in one FlateDecode stream: about 260 KB in the file.
    const deflate = createDeflate({ level: 9 });
    const chunks: Buffer[] = [];
    deflate.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((resolve) => deflate.on('end', resolve));
    const mib = Buffer.alloc(1024 * 1024, 0x20);
    for (let k = 0; k < 260; k++) deflate.write(mib);
    deflate.end();
    await done;
    const before = process.memoryUsage().rss;
    const error = await rejection('bomb.pdf', makePdf(['Hello'], { flate: Buffer.concat(chunks) }));
    expect(error.reason).toBe('bomb');
    expect(error.message).toMatch(/inflates past 256 MiB: refused as a decompression bomb/);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    // Within the limit, a compressed stream is read as before.
    const { docs } = await extract('small.pdf', makePdf(['Flate beside it'], { flate: deflateSync(Buffer.alloc(4096, 0x20)) }));
    expect(docs[0]!.text).toContain('Flate beside it');
    await expect(checkPdfStreams(makePdf(['x'], { flate: deflateSync(Buffer.alloc(4096, 0x20)) }), 4000)).rejects.toMatchObject({ reason: 'bomb' });
    await expect(checkPdfStreams(makePdf(['x'], { flate: deflateSync(Buffer.alloc(4096, 0x20)) }), 4096)).resolves.toBeUndefined();
  });

  it.skipIf(process.platform === 'win32')('refuses a pipe put where a file was, without waiting on it', async () => {
    const path = join(dir, 'swapped.txt');
    execFileSync('mkfifo', [path]);
    const error = await rejection('swapped.txt', null);
    expect(error.reason).toBe('not_a_file');
    rmSync(path);
  });

  it('refuses binary data named .csv, .jsonl or .json as binary, not as a table or bad records', async () => {
    let seed = 11;
    const noise = Buffer.from(Array.from({ length: 20_000 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff));
    for (const name of ['noise.csv', 'noise.jsonl', 'noise.json']) {
      const error = await rejection(name, noise);
      expect([name, error.reason]).toEqual([name, 'binary']);
      expect(error.message).toMatch(/^Looks like binary data, not text/);
    }
  });

  it('rejects a .docx that is not a zip', async () => {
    const error = await rejection('fake.docx', 'This is plain text pretending to be a Word file.');
    expect(error.reason).toBe('corrupt');
    expect(error.message).toMatch(/not really a \.docx|Not a valid zip/);
  });

  it('rejects a zip that is not a Word document', async () => {
    const yazl = (await import('yazl')).default;
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from('hello'), 'readme.txt');
    zip.end();
    const chunks: Buffer[] = [];
    for await (const c of zip.outputStream) chunks.push(c as Buffer);
    expect((await rejection('other.docx', Buffer.concat(chunks))).message).toMatch(/word\/document\.xml/);
  });

  it('refuses a decompression bomb inside a .docx before inflating it', async () => {
    const path = join(dir, 'bomb.docx');
    await writeDocxBomb(path, 300);
    const before = process.memoryUsage().rss;
    const error = await rejection('bomb.docx', null);
    expect(error.reason).toBe('bomb');
    expect(error.message).toMatch(/decompression bomb/);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses a bomb entry under the size cap by its compression ratio', async () => {
    const path = join(dir, 'ratio.docx');
    await writeDocxBomb(path, 40);
    const error = await rejection('ratio.docx', null);
    expect(error.reason).toBe('bomb');
    expect(error.message).toMatch(/compressed \d+:1/);
  });

  it('refuses binary data named .txt', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64, 0)]);
    const error = await rejection('program.txt', elf);
    expect(error.reason).toBe('binary');
    expect(error.message).toMatch(/binary data/);
  });

  it('refuses a single document too large to hold in memory, without reading it', async () => {
    const path = join(dir, 'huge.txt');
    writeFileSync(path, '');
    truncateSync(path, MAX_SINGLE_DOCUMENT_BYTES + 1); // sparse: nothing is written, zeros if read
    const error = await rejection('huge.txt', null);
    expect(error.reason).toBe('too_large'); // read, it would have been refused as binary
    expect(error.message).toMatch(/Split it into smaller files/);
  });

  it('refuses a document whose text is longer than one document may be, with what to do', async () => {
    const error = await rejection('long.txt', Buffer.from('word '.repeat(MAX_DOCUMENT_CHARS / 5 + 1)));
    expect(error.reason).toBe('too_large');
    expect(error.message).toMatch(/^Its text is 16\.8 million characters, over the 16 Mi characters one document may have\. Split it/);
  });

  it('counts a record longer than one document may be as invalid, with the reason, and keeps the others', async () => {
    const long = 'word '.repeat(MAX_DOCUMENT_CHARS / 5 + 1);
    const jsonl = await extract('long.jsonl', `{"text":"first"}\n${JSON.stringify({ text: long })}\n{"text":"last"}\n`);
    expect(jsonl.docs.map((d) => d.text)).toEqual(['first', 'last']);
    expect(jsonl.outcome).toMatchObject({ invalid: 1, invalidAt: [2], detail: 'a record of 16.8 million characters, over the 16 Mi characters one document may have' });
    const csv = await extract('long.csv', `id,text\n1,first\n2,${long}\n`);
    expect(csv.docs.map((d) => d.text)).toEqual(['first']);
    expect(csv.outcome).toMatchObject({ invalid: 1, detail: expect.stringMatching(/^a record of 16\.8 million characters/) });
  });

  it('refuses an unsupported extension', async () => {
    expect((await rejection('image.png', Buffer.from([0x89, 0x50]))).reason).toBe('unsupported');
  });
});
