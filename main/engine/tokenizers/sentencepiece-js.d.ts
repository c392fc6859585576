// Types for @agnai/sentencepiece-js (the package ships none): the SentencePiece C++ library in wasm.
declare module '@agnai/sentencepiece-js' {
  export class SentencePieceProcessor {
    load(file: string): Promise<void>;
    encodeIds(text: string): number[];
    encodePieces(text: string): string[];
    decodeIds(ids: number[]): string;
  }
  const sentencepiece: { SentencePieceProcessor: typeof SentencePieceProcessor };
  export default sentencepiece;
}
