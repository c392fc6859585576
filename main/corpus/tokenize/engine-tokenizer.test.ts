// A model tokenizer's pieces as the vocabulary-coverage table shows them: readable text, or the bytes of a piece
// that holds part of a character (byte-level BPE and SentencePiece's byte fallback alike), WordPiece's own pieces.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpusTokenizer } from './engine-tokenizer';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/hf-reference');
const pieces = async (model: string, word: string) => (await loadCorpusTokenizer(join(FIXTURES, model))).pieces(word);

describe('pieces shown for a word', () => {
  it('decodes byte-level pieces and shows a split character as its bytes', async () => {
    expect(await pieces('gpt2', 'immaterialgüterrechtlichen')).toEqual(['im', 'm', 'ater', 'ial', 'g', '‹C3›', '‹BC›', 'ter', 're', 'ch', 't', 'lic', 'hen']);
    expect((await pieces('roberta', '著作権')).join(' ')).toBe('‹E8› ‹91› ‹97› ‹E4› ‹BD› ‹9C› ‹E6› ‹A8› ‹A9›');
  });

  it("shows SentencePiece's byte fallback as bytes and keeps its word-start mark alone", async () => {
    expect(await pieces('llama', 'ausschließlich')).toEqual(['a', 'us', 's', 'ch', 'li', 'e', '‹C3›', '‹9F›', 'l', 'ich']);
    expect((await pieces('llama', 'immaterial'))[0]).toBe('▁');
  });

  it('keeps WordPiece continuation marks', async () => {
    expect(await pieces('bert', 'conflict')).toEqual(['conf', '##lic', '##t']);
  });
});
