// Paths from typed text and from drops, and the corpus name suggested from a path.
import { describe, expect, it } from 'vitest';
import { looksLikePath, parsePathList, pathFromFileUrl, readDrop, suggestName } from './paths';

const drop = (data: Record<string, string>, files: string[] = []) => ({
  getData: (type: string) => data[type] ?? '',
  files: files.map((name) => new File([''], name)) as unknown as FileList,
});

describe('corpus paths', () => {
  it('reads one path per line, unquoted, without blanks or repeats', () => {
    expect(parsePathList('  /a/b \n\n"/c d/e"\r\n/a/b\n\'C:\\notes\'')).toEqual(['/a/b', '/c d/e', 'C:\\notes']);
    expect(parsePathList('   \n')).toEqual([]);
  });

  it('turns local file links into paths and refuses remote ones', () => {
    expect(pathFromFileUrl('file:///home/dr.lee/Discharge%202024')).toBe('/home/dr.lee/Discharge 2024');
    expect(pathFromFileUrl('file:///C:/Users/lee/notes')).toBe('C:/Users/lee/notes');
    expect(pathFromFileUrl('file://server/share/x')).toBeNull();
    expect(pathFromFileUrl('https://example.org/x')).toBeNull();
    expect(looksLikePath('~/notes')).toBe(true);
    expect(looksLikePath('notes.txt')).toBe(false);
  });

  it('takes paths a drop carries as links or text, and names files it cannot place', () => {
    expect(readDrop(drop({ 'text/uri-list': '# comment\r\nfile:///a/b.txt\r\nfile:///a/c' }))).toEqual({ paths: ['/a/b.txt', '/a/c'], withoutPath: [] });
    expect(readDrop(drop({ 'text/plain': '/data/notes\nhello' }))).toEqual({ paths: ['/data/notes'], withoutPath: [] });
    expect(readDrop(drop({}, ['a.pdf', 'b.docx']))).toEqual({ paths: [], withoutPath: ['a.pdf', 'b.docx'] });
  });

  it('suggests a valid corpus name from the first path', () => {
    expect(suggestName('/home/dr.lee/Discharge 2024/')).toBe('Discharge 2024');
    expect(suggestName('C:\\cases\\contracts.jsonl')).toBe('contracts');
    expect(suggestName('/x/(draft) memos!')).toBe('draft- memos');
    expect(suggestName(undefined)).toBe('');
  });
});
