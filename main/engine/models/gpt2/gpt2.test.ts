// Golden test: our gpt2 forward pass against the real Hugging Face outputs of the gpt2 fixture
// (logits and every hidden state within 1e-4, loss within 1e-5 relative) on every backend here.
import { describe, expect, it } from 'vitest';
import { compareForward, goldenBackends, loadFixture } from '../testing/golden';

describe('gpt2 matches Hugging Face', async () => {
  const fixture = await loadFixture('gpt2');
  for (const backend of await goldenBackends()) {
    it(`logits, hidden states and loss on ${backend}`, async () => {
      const result = await compareForward(fixture, backend);
      expect(result.logits).toBeLessThanOrEqual(1e-4);
      expect(result.hidden).toBeLessThanOrEqual(1e-4);
      expect(result.lossRelative).toBeLessThanOrEqual(1e-5);
    });
  }
});
