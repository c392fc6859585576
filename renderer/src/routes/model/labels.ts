// Plain words for model facts: what a checkpoint's head does, sizes in millions, and which kind of
// "try" input a family takes (a masked word to fill, or a text to continue).

const HEADS: Record<string, string> = {
  'masked-lm': 'Filling in missing words (masked language model)',
  'causal-lm': 'Continuing a text (causal language model)',
  'sequence-classification': 'Sorting texts into labels',
  'token-classification': 'Marking words in a text',
  base: 'No task head (encoder only)',
};

export function headLabel(head: string): string {
  return HEADS[head] ?? head;
}

export function parameterWords(parameters: number): string {
  if (parameters >= 1e9) return `${(parameters / 1e9).toFixed(1)} billion`;
  if (parameters >= 1e6) return `${(parameters / 1e6).toFixed(parameters >= 1e8 ? 0 : 1)} million`;
  return parameters.toLocaleString('en-US');
}

const CAUSAL_FAMILIES = new Set(['gpt2', 'llama', 'mistral', 'qwen2', 'gpt_neox', 'phi']);

/** The mask token a masked-LM family uses in text, or null for families that continue a text. */
export function maskTokenFor(modelType: string): string | null {
  if (CAUSAL_FAMILIES.has(modelType)) return null;
  return modelType === 'roberta' || modelType === 'xlm-roberta' || modelType === 'camembert' ? '<mask>' : '[MASK]';
}

/** A vocabulary entry as a reader would see it: WordPiece's "##" and byte-level "Ġ"/"▁" spaces shown plainly. */
export function tokenText(token: string | null, id: number): string {
  if (token === null) return `#${id}`;
  return token.replace(/^##/, '…').replace(/^[Ġ▁]/, '␣').replace(/Ċ/g, '↵');
}
