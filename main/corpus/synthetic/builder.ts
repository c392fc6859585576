// Builds a document piece by piece and records where each planted identifier lands (the ground truth).
import { type PiiType } from '../pii/types';

export interface TruthSpan {
  type: PiiType;
  start: number;
  end: number;
  text: string;
}

export interface SyntheticDocument {
  kind: string;
  text: string;
  truth: TruthSpan[];
}

export class DocBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  readonly truth: TruthSpan[] = [];

  /** Plain text (no identifiers). */
  t(text: string): this {
    this.parts.push(text);
    this.length += text.length;
    return this;
  }

  /** A planted identifier of `type`. */
  p(type: PiiType, text: string): this {
    this.truth.push({ type, start: this.length, end: this.length + text.length, text });
    return this.t(text);
  }

  build(kind: string): SyntheticDocument {
    return { kind, text: this.parts.join(''), truth: this.truth };
  }
}
